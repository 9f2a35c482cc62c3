// swift-tools-version:6.0
// lrscope: statistics of learning-rate range tests.
//
// Dependencies run in one direction:
//   CGSL, CSQLite (system libraries)
//     → LRNumerics (the only importer of CGSL)
//     → LRCore (curve model, un-smoothing)
//     → LRIngest (one reader per log format; the only importer of CSQLite)
//     → LRReport (CSV/JSON writers)
//     → lrscope (argument scanning, one file per subcommand)
import PackageDescription

let package = Package(
    name: "lrscope",
    products: [
        .executable(name: "lrscope", targets: ["lrscope"]),
        .library(name: "LRCore", targets: ["LRCore"]),
        .library(name: "LRIngest", targets: ["LRIngest"]),
    ],
    targets: [
        // MARK: C libraries (Debian: libgsl-dev, libsqlite3-dev)
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // renameat2(RENAME_EXCHANGE), which Swift's Glibc does not import: swapping report folders atomically.
        .target(name: "CFileSystem"),

        // MARK: Numerics: GSL behind one boundary
        .target(name: "LRNumerics", dependencies: ["CGSL"]),

        // MARK: Domain
        .target(name: "LRCore", dependencies: ["LRNumerics"]),
        .target(name: "LRIngest", dependencies: ["LRCore", "LRNumerics", "CSQLite"]),
        .target(name: "LRReport", dependencies: ["LRCore", "CFileSystem"]),

        // MARK: Command line
        .executableTarget(name: "lrscope", dependencies: ["LRCore", "LRIngest", "LRNumerics", "LRReport"]),

        // MARK: Fuzzing
        // libFuzzer targets (`make fuzz`): each main.swift holds declarations only, with
        // `@_cdecl("LLVMFuzzerTestOneInput")`. Built with `swift build -c release --product <T>
        // --sanitize=fuzzer` (always with --product: that flag compiles every executable in the
        // build as a library and takes `main` from libFuzzer), they fuzz; in a plain `swift build`
        // they are ordinary executables with no top-level code, which exit 0.
        .executableTarget(name: "FuzzTensorBoard", dependencies: ["LRIngest", "LRCore"]),
        .executableTarget(name: "FuzzDelimited", dependencies: ["LRIngest", "LRCore"]),
        .executableTarget(name: "FuzzJSON", dependencies: ["LRIngest", "LRCore"]),
        .executableTarget(name: "FuzzMLflowFileStore", dependencies: ["LRIngest", "LRCore"]),
        .executableTarget(name: "FuzzPipeline", dependencies: ["LRIngest", "LRCore"]),

        // MARK: Tests
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "LRNumericsTests", dependencies: ["LRNumerics", "TestSupport"]),
        .testTarget(name: "LRCoreTests", dependencies: ["LRCore", "TestSupport"]),
        .testTarget(name: "LRIngestTests", dependencies: ["LRIngest", "LRCore", "TestSupport"]),
        .testTarget(name: "LRReportTests", dependencies: ["LRReport", "LRCore", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["lrscope", "TestSupport"]),
    ]
)
