import Foundation

/// Writes a file so that readers never see a partial result: the text goes to a temporary file in
/// the same folder, which is then renamed over the target (atomic on POSIX file systems). If
/// anything fails, the old file is left as it was and the temporary file is removed.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    public static func write(_ text: String, to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(path: path, reason: Self.reason(error))
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(path: path, reason: reason)
        }
    }

    private static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(code)))
        }
        return (error as NSError).localizedDescription
    }
}

/// A file written in pieces and published atomically: the pieces go to a temporary file beside the
/// target, which replaces the target only when ``finish()`` succeeds. Dropping the writer without
/// finishing removes the temporary file and leaves the target as it was.
public final class AtomicFileWriter {
    private let path: String
    private let temporary: String
    private let handle: FileHandle
    private var finished = false

    public init(path: String) throws(AtomicFile.WriteError) {
        let url = URL(fileURLWithPath: path)
        self.path = path
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw AtomicFile.WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        self.handle = handle
    }

    public func write(_ text: String) throws(AtomicFile.WriteError) {
        do { try handle.write(contentsOf: Data(text.utf8)) } catch {
            throw AtomicFile.WriteError(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    public func finish() throws(AtomicFile.WriteError) {
        try? handle.close()
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw AtomicFile.WriteError(path: path, reason: reason)
        }
        finished = true
    }

    deinit {
        if !finished {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }
}
