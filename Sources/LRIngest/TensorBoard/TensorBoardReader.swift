import Foundation
import LRCore

/// Reads TensorBoard event files (`events.out.tfevents.*`): one file, or every event file under a
/// folder, one run per folder that holds event files.
///
/// - A file (`input.bytes` set): one run named after the folder that contains the file (the last
///   component of its parent path, so `runs/lr_find/events.out.tfevents.1.host` is run `lr_find`),
///   or after the file itself when the path has no folder.
/// - A folder (`input.bytes == nil`): every regular file whose name contains `tfevents`, found
///   recursively with `FileManager` (a link to a file counts as the file), grouped by the folder that
///   holds it. Each folder is a run named by its path relative to the input folder
///   (`tb_logs/version_0`), or by the input folder's own name when the files lie directly in it. Runs
///   come in path order; a run's files are read in file-name order, which for TensorBoard's names
///   (`events.out.tfevents.<seconds>.<host>…`) is the order they were written.
/// - Each scalar tag is a series (see ``TensorBoardRun`` for restarts, rewritten steps and the
///   three scalar encodings); `stepName` is `"step"`.
/// - `options.run` keeps only the run of that name; when none has it the result is empty and the
///   caller reports it.
///
/// Errors: a folder without event files is `.noLogs`; an empty file given alone `.emptyFile` (in a
/// folder it is skipped with a warning); a file that cannot
/// be read `.unreadable`; a damaged record `.truncatedRecord` or `.checksumMismatch` (record number
/// and byte offset of the record); a record that is not an `Event` `.malformed`. Hostile input never
/// traps: every length and offset is checked before use.
///
/// Each file is read into memory once and parsed in place through unsafe buffer pointers; records
/// cost no allocation beyond the points they add.
///
/// Reference: TensorBoard `tensorboard/backend/event_processing/event_file_loader.py`,
/// `io_wrapper.py` (`IsSummaryEventsFile`: the name contains `tfevents`), `directory_watcher.py`,
/// `record_writer.py`; `event.proto`, `summary.proto`, `tensor.proto`.
public struct TensorBoardReader: LogReader {
    public var format: LogFormat { .tensorboard }

    public init() {}

    public func read(_ input: LogInput, options: IngestOptions) throws(IngestError) -> [SeriesTable] {
        var tables: [SeriesTable]
        var isDirectory: ObjCBool = false
        if let bytes = input.bytes {
            var run = TensorBoardRun(name: Self.runName(ofFile: input.path))
            run.maximumPoints = options.maximumPoints
            try Self.read(bytes, file: input.path, into: &run)
            tables = [run.table()]
        } else if FileManager.default.fileExists(atPath: input.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            var run = TensorBoardRun(name: Self.runName(ofFile: input.path))
            run.maximumPoints = options.maximumPoints
            try run.read(fileAt: input.path)
            tables = [run.table()]
        } else {
            tables = try readFolder(input.path, maximumPoints: options.maximumPoints)
        }
        if let wanted = options.run {
            tables.removeAll { $0.runName != wanted }
        }
        return tables
    }

    /// Whether `bytes` look like the start of an event file (a TFRecord header with a valid checksum).
    public static func looksLikeEventFile(_ bytes: [UInt8]) -> Bool {
        TFRecordScanner.looksLikeEventFile(bytes)
    }

    // MARK: Folders

    private func readFolder(_ folder: String, maximumPoints: Int) throws(IngestError) -> [SeriesTable] {
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(atPath: folder) else {
            throw IngestError(.unreadable, at: SourceLocation(file: folder), "cannot list the folder")
        }
        var eventFiles: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = relative.split(separator: "/").last.map(String.init) ?? relative
            guard name.contains("tfevents") else { continue }
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: Self.join(folder, relative), isDirectory: &isDirectory),
                  !isDirectory.boolValue else { continue }
            eventFiles.append(relative)
        }
        guard !eventFiles.isEmpty else {
            throw IngestError(.noLogs, at: SourceLocation(file: folder),
                              "no TensorBoard event files (events.out.tfevents.*) in this folder")
        }
        // Group by containing folder; sorting the (folder, name) pairs orders runs by path and
        // each run's files by name.
        let split = eventFiles.map(Self.splitParent).sorted { ($0.parent, $0.name) < ($1.parent, $1.name) }
        var tables: [SeriesTable] = []
        var start = 0
        while start < split.count {
            let parent = split[start].parent
            var end = start
            while end < split.count && split[end].parent == parent { end += 1 }
            var run = TensorBoardRun(name: parent.isEmpty ? Self.lastComponent(ofFolder: folder) : parent)
            run.maximumPoints = maximumPoints
            var skipped: [String] = []
            for entry in split[start..<end] {
                let path = Self.join(folder, parent.isEmpty ? entry.name : parent + "/" + entry.name)
                // A writer that stopped before its first record leaves an empty file beside the real ones.
                let size = (try? fileManager.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
                if size == 0 { skipped.append(path); continue }
                try run.read(fileAt: path)
            }
            var table = run.table()
            table.warnings += skipped.map { "skipped empty event file \($0)" }
            tables.append(table)
            start = end
        }
        return tables
    }

    /// Parses one file's bytes in place into `run`.
    private static func read(_ bytes: some ContiguousBytes, file: String, into run: inout TensorBoardRun) throws(IngestError) {
        let result: Result<Void, IngestError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(IngestError) in try run.read(buffer, file: file) }
        }
        try result.get()
    }

    // MARK: Names

    /// The run name of a single file: the name of the folder holding it, else the file's name.
    static func runName(ofFile path: String) -> String {
        let components = path.split(separator: "/")
        guard components.count >= 2 else { return components.last.map(String.init) ?? path }
        let parent = components[components.count - 2]
        if parent == "." || parent == ".." {
            // `./events…` or `../events…`: name the folder that `.` or `..` stands for.
            let resolved = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().lastPathComponent
            return resolved.isEmpty || resolved == "/" ? String(parent) : resolved
        }
        return String(parent)
    }

    /// A folder's own name (`runs/` → `runs`, `.` → the current folder's name).
    static func lastComponent(ofFolder folder: String) -> String {
        let components = folder.split(separator: "/")
        guard let last = components.last else { return folder }
        if last == "." || last == ".." {
            let resolved = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
            return resolved.isEmpty || resolved == "/" ? String(last) : resolved
        }
        return String(last)
    }

    private static func splitParent(_ relative: String) -> (parent: String, name: String) {
        guard let slash = relative.lastIndex(of: "/") else { return ("", relative) }
        return (String(relative[..<slash]), String(relative[relative.index(after: slash)...]))
    }

    private static func join(_ folder: String, _ relative: String) -> String {
        folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
    }
}
