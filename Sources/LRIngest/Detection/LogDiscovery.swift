import Foundation
import LRCore

/// Finds the logs in a folder: TensorBoard event files (one run per folder that holds them),
/// Lightning `metrics.csv` files, MLflow `mlflow.db` databases and `mlruns/` file stores, and the
/// LR finders' own exports by their usual names: fastai's `lr_find.csv`, torch-lr-finder's
/// `history.json`, Lightning's `results.json` / `lr_finder_results.json` (each read by content).
enum LogDiscovery {
    /// File names of LR-finder exports picked up in folders.
    static let finderExportNames: Set<String> = ["lr_find.csv", "history.json", "results.json", "lr_finder_results.json"]

    static func readFolder(_ folder: String, options: IngestOptions) throws(IngestError) -> [SeriesTable] {
        let location = SourceLocation(file: folder)
        if let format = options.inputFormat {
            switch format {
            case .tensorboard:
                return try TensorBoardReader().read(LogInput(path: folder, bytes: nil), options: options)
            case .mlflow:
                let database = (folder as NSString).appendingPathComponent("mlflow.db")
                if FileManager.default.fileExists(atPath: database) {
                    return try MLflowSQLiteReader().read(LogInput(path: database, bytes: nil), options: options)
                }
                return try MLflowFileStoreReader().read(LogInput(path: folder, bytes: nil), options: options)
            default:
                throw IngestError(.unreadable, at: location, "--input-format \(format.rawValue) reads files, not folders")
            }
        }
        var eventFiles = false
        var metricsFiles: [String] = []
        var databases: [String] = []
        var fileStores: [String] = []
        var finderExports: [String] = []
        if (folder as NSString).lastPathComponent == "mlruns" { fileStores.append(folder) }
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while fileStores.isEmpty, let relative = enumerator?.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            let full = (folder as NSString).appendingPathComponent(relative)
            if name == "mlruns" {
                fileStores.append(full)
                enumerator?.skipDescendants()
            } else if name.contains("tfevents") {
                eventFiles = true
            } else if name == "metrics.csv" {
                metricsFiles.append(full)
            } else if name == "mlflow.db" {
                databases.append(full)
            } else if finderExportNames.contains(name) {
                finderExports.append(full)
            }
        }
        var tables: [SeriesTable] = []
        if eventFiles {
            tables += try TensorBoardReader().read(LogInput(path: folder, bytes: nil), options: options)
        }
        for file in metricsFiles.sorted() {
            tables += try LogLoader.readFile(file, options: options, format: .lightningCSV)
        }
        for database in databases.sorted() {
            tables += try MLflowSQLiteReader().read(LogInput(path: database, bytes: nil), options: options)
        }
        for store in fileStores.sorted() {
            tables += try MLflowFileStoreReader().read(LogInput(path: store, bytes: nil), options: options)
        }
        for file in finderExports.sorted() {
            tables += try LogLoader.readFile(file, options: options)
        }
        if !eventFiles && metricsFiles.isEmpty && databases.isEmpty && fileStores.isEmpty && finderExports.isEmpty {
            throw IngestError(.noLogs, at: location,
                              "no logs in this folder: expected TensorBoard event files (events.out.tfevents.*), metrics.csv, mlflow.db, mlruns/, lr_find.csv, history.json or results.json")
        }
        return tables
    }
}
