import Foundation
import LRReport

/// Where a subcommand's result goes: standard output, or a file written atomically (`-o FILE`).
enum Output {
    /// Writes `text` to the file at `path` atomically, or to standard output when `path` is `nil` or `-`.
    static func emit(_ text: String, to path: String?) throws {
        if let path, path != "-" {
            try AtomicFile.write(text, to: path)
        } else {
            writeStandardOutput(text)
        }
    }

    /// A destination written in pieces: a file published atomically at the end, or standard output.
    final class Stream {
        private let file: AtomicFileWriter?

        init(path: String?) throws {
            file = try path.flatMap { $0 == "-" ? nil : try AtomicFileWriter(path: $0) }
        }

        func write(_ text: String) throws {
            if let file { try file.write(text) } else { Output.writeStandardOutput(text) }
        }

        func finish() throws { try file?.finish() }
    }

    /// Writes to standard output; a closed pipe (`| head`) ends the program quietly with exit 0.
    static func writeStandardOutput(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                write(1, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                exit(errno == EPIPE ? ExitCode.success : ExitCode.failure)
            }
            offset += written
        }
    }

    /// Writes a line to standard error.
    static func writeStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
