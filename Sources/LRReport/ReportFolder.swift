import CFileSystem
import Foundation

/// Writes a report's files into a folder so that a reader never sees a partial report and a failed
/// or killed run leaves the previous report intact: everything goes into a fresh sibling folder first,
/// which is then swapped with the target in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`; where
/// the file system lacks it, two renames with a moment in between where the folder is absent), and the
/// old report is deleted. An existing report is replaced only with `force`.
public enum ReportFolder {
    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    public static func write(_ files: [(name: String, contents: String)], to folder: String, force: Bool) throws(WriteError) {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: folder).standardizedFileURL
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw WriteError(description: "\(folder): exists and is not a folder")
        }
        if exists, let entries = try? fm.contentsOfDirectory(atPath: target.path), !entries.isEmpty, !force {
            throw WriteError(description: "\(folder): already holds a report; pass --force to replace it")
        }
        let parent = target.deletingLastPathComponent()
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).new-\(pid)")
        let aside = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(pid)")
        // Staging folders of an earlier run that was killed are ours to remove.
        for name in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? []
        where name.hasPrefix(".\(target.lastPathComponent).new-") || name.hasPrefix(".\(target.lastPathComponent).old-") {
            try? fm.removeItem(at: parent.appendingPathComponent(name))
        }
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for file in files {
                try Data(file.contents.utf8).write(to: staging.appendingPathComponent(file.name))
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw WriteError(description: "\(folder): cannot write the report: \((error as NSError).localizedDescription)")
        }
        if exists && lrscope_exchange_paths(staging.path, target.path) == 0 {
            try? fm.removeItem(at: staging)   // now holds the old report
            return
        }
        if exists {
            guard rename(target.path, aside.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? fm.removeItem(at: staging)
                throw WriteError(description: "\(folder): cannot move the old report aside: \(reason)")
            }
        }
        guard rename(staging.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if exists { _ = rename(aside.path, target.path) }
            try? fm.removeItem(at: staging)
            throw WriteError(description: "\(folder): cannot move the new report in: \(reason)")
        }
        if exists { try? fm.removeItem(at: aside) }
    }
}
