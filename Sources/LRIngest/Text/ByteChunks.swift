import Foundation

/// A source of bytes read in chunks, so that large files are never held in memory whole.
enum ByteChunks {
    /// The chunk size used for files (1 MiB).
    static let chunkSize = 1 << 20

    /// Calls `body` with successive chunks of the file at `path` (or of `bytes` when given).
    /// - Throws: ``IngestError`` when the file cannot be opened or read; whatever `body` throws.
    static func forEach(path: String, bytes: [UInt8]?, _ body: (UnsafeBufferPointer<UInt8>) throws(IngestError) -> Void) throws(IngestError) {
        if let bytes {
            try bytes.withUnsafeBufferPointer { buffer throws(IngestError) in try body(buffer) }
            return
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IngestError(.unreadable, at: SourceLocation(file: path), "cannot open the file")
        }
        defer { try? handle.close() }
        while true {
            let data: Data?
            do { data = try handle.read(upToCount: chunkSize) } catch {
                throw IngestError(.unreadable, at: SourceLocation(file: path), "cannot read the file: \((error as NSError).localizedDescription)")
            }
            guard let data, !data.isEmpty else { return }
            var failure: IngestError?
            data.withUnsafeBytes { raw in
                do throws(IngestError) { try body(raw.bindMemory(to: UInt8.self)) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }

    /// The first `limit` bytes of a file (for format detection).
    static func head(path: String, limit: Int = 64 * 1024) throws(IngestError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IngestError(.unreadable, at: SourceLocation(file: path), "cannot open the file")
        }
        defer { try? handle.close() }
        do { return [UInt8](try handle.read(upToCount: limit) ?? Data()) } catch {
            throw IngestError(.unreadable, at: SourceLocation(file: path), "cannot read the file")
        }
    }
}
