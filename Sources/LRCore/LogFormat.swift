/// The formats lrscope reads; the raw values are the CLI's `--input-format` names.
public enum LogFormat: String, Sendable, CaseIterable {
    case csv
    case tsv
    case json
    case jsonl
    case tensorboard
    case mlflow
    case lightningCSV = "lightning-csv"
    case wandbCSV = "wandb-csv"
    case kerasCSV = "keras-csv"

    /// Whether the format is written by an experiment logger, whose values are raw per-batch losses
    /// unless the user logged something else.
    public var isLogger: Bool {
        switch self {
        case .tensorboard, .mlflow, .lightningCSV, .wandbCSV: true
        default: false
        }
    }
}
