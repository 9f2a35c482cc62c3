// Temporary: replaced by the TensorBoard and MLflow readers.
import LRCore
enum TFRecordScanner { static func looksLikeEventFile(_ b: [UInt8]) -> Bool { false } }
enum MLflowStore { static func looksLikeSQLite(_ b: [UInt8]) -> Bool { b.starts(with: Array("SQLite format 3".utf8)) } }
struct TensorBoardReader: LogReader { let format = LogFormat.tensorboard
    func read(_ input: LogInput, options: IngestOptions) throws(IngestError) -> [SeriesTable] { [] } }
struct MLflowSQLiteReader: LogReader { let format = LogFormat.mlflow
    func read(_ input: LogInput, options: IngestOptions) throws(IngestError) -> [SeriesTable] { [] } }
struct MLflowFileStoreReader: LogReader { let format = LogFormat.mlflow
    func read(_ input: LogInput, options: IngestOptions) throws(IngestError) -> [SeriesTable] { [] } }
