import Foundation

/// Recognizes MLflow's two tracking stores by content, for format detection and for the readers.
///
/// - The SQL store is an SQLite file: its first 16 bytes are `"SQLite format 3\0"`
///   (<https://www.sqlite.org/fileformat.html#the_database_header>).
/// - The file store is a folder tree `mlruns/<experiment_id>/<run_id>/metrics/<key>`; a run folder has a
///   `metrics/` folder, an experiment folder has a `meta.yaml` and run folders, and the tracking root
///   (`mlruns`) has experiment folders. `.trash` (deleted experiments), `models` (the model registry)
///   and other hidden folders are not experiments.
///
/// Reference: MLflow `mlflow/store/tracking/file_store.py` (`FileStore`).
public enum MLflowStore {
    /// SQLite's 16-byte magic header.
    public static let sqliteHeader: [UInt8] = Array("SQLite format 3".utf8) + [0]

    /// Whether `bytes` starts with SQLite's header (an MLflow SQL store, or another SQLite database).
    public static func looksLikeSQLite<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        bytes.count >= sqliteHeader.count && bytes.prefix(sqliteHeader.count).elementsEqual(sqliteHeader)
    }

    /// Whether `folder` is an MLflow file store (tracking root, experiment folder or run folder)
    /// with at least one run. Reads folder listings only, never a metric file.
    public static func isFileStore(folder: String) -> Bool {
        !runFolders(in: folder).isEmpty
    }

    /// How a folder given as input is laid out.
    enum Layout: Sendable, Equatable {
        /// A run folder: has `metrics/`.
        case run
        /// An experiment folder: has run folders.
        case experiment
        /// The tracking root (`mlruns`): has experiment folders (each with a `meta.yaml`).
        case trackingRoot
    }

    /// The layout of `folder`, or `nil` when it is none of the three.
    ///
    /// A folder that holds an `mlruns` folder is read as that tracking root.
    static func layout(of folder: String) -> Layout? {
        if isDirectory(join(folder, "metrics")) { return .run }
        let children = subfolders(of: folder)
        if children.contains(where: { isDirectory(join($0, "metrics")) }) { return .experiment }
        if children.contains(where: isExperimentFolder) { return .trackingRoot }
        return nil
    }

    /// The run folders under `folder` (itself, its runs, or its experiments' runs), sorted by path.
    /// A folder holding an `mlruns` folder is searched there.
    static func runFolders(in folder: String) -> [String] {
        switch layout(of: folder) {
        case .run:
            return [folder]
        case .experiment:
            return subfolders(of: folder).filter { isDirectory(join($0, "metrics")) }
        case .trackingRoot:
            return subfolders(of: folder).filter(isExperimentFolder).flatMap { experiment in
                subfolders(of: experiment).filter { isDirectory(join($0, "metrics")) }
            }
        case nil:
            let root = join(folder, "mlruns")
            return isDirectory(root) && layout(of: root) == .trackingRoot ? runFolders(in: root) : []
        }
    }

    /// The run's name: `run_name:` in its `meta.yaml` (MLflow ≥ 1.29), else the `mlflow.runName` tag
    /// file, else `nil` (the caller falls back to the run id, the folder's name).
    static func runName(ofRunFolder run: String) -> String? {
        if let meta = readText(join(run, "meta.yaml")), let name = topLevelYAMLValue("run_name", in: meta),
           !name.isEmpty {
            return name
        }
        if let tag = readText(join(join(run, "tags"), "mlflow.runName")) {
            let name = tag.trimmingCharacters(in: .whitespacesAndNewlines)
            if !name.isEmpty { return name }
        }
        return nil
    }

    /// The scalar value of a top-level `key: value` line of a simple YAML mapping (as MLflow's
    /// `yaml.safe_dump` writes it): unquoted, `'single'` (with `''` for a quote) or `"double"` quoted.
    /// `null`/`~` read as `nil`.
    static func topLevelYAMLValue(_ key: String, in yaml: String) -> String? {
        for line in yaml.split(whereSeparator: \.isNewline) {
            guard line.hasPrefix(key + ":") else { continue }
            let raw = line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
            if raw == "null" || raw == "~" { return nil }
            if raw.count >= 2 && raw.hasPrefix("'") && raw.hasSuffix("'") {
                return String(raw.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
            }
            if raw.count >= 2 && raw.hasPrefix("\"") && raw.hasSuffix("\"") {
                return String(raw.dropFirst().dropLast())
                    .replacingOccurrences(of: "\\\"", with: "\"")
                    .replacingOccurrences(of: "\\\\", with: "\\")
            }
            return raw
        }
        return nil
    }

    // MARK: File system

    /// The first bytes of a file (up to the SQLite header's length), or `nil` when it cannot be read.
    static func fileHeader(path: String) -> [UInt8]? {
        guard !isDirectory(path), let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        do {
            // `nil` at the end of the file: an empty file.
            return [UInt8](try handle.read(upToCount: sqliteHeader.count) ?? Data())
        } catch {
            return nil
        }
    }

    /// An experiment folder: not hidden, not `models`, with a `meta.yaml`.
    private static func isExperimentFolder(_ folder: String) -> Bool {
        let name = (folder as NSString).lastPathComponent
        return name != "models" && fileExists(join(folder, "meta.yaml"))
    }

    /// `base/name`, without doubling a trailing slash.
    static func join(_ base: String, _ name: String) -> String {
        base.hasSuffix("/") ? base + name : base + "/" + name
    }

    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    static func fileExists(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && !directory.boolValue
    }

    /// The entries of a folder, sorted by name, hidden entries (`.trash`, `.DS_Store`) left out;
    /// empty when it cannot be listed.
    static func entries(of folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The non-hidden subfolders of a folder, as paths, sorted by name.
    static func subfolders(of folder: String) -> [String] {
        entries(of: folder).map { join(folder, $0) }.filter(isDirectory)
    }

    /// A small text file's contents, or `nil`.
    static func readText(_ path: String) -> String? {
        guard fileExists(path), let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
