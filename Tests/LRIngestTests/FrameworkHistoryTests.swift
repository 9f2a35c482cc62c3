import Testing
import LRCore
@testable import LRIngest
import TestSupport

/// Real LR-finder exports from the corpus (fixtures/corpus), checked against the raw losses recorded
/// inside each framework (raw.csv) and the values the framework stored.
@Suite struct FrameworkHistoryTests {
    func load(_ path: String, source: SourceOption = .auto, smoothF: Double? = nil) throws -> LearningRateCurve {
        var options = IngestOptions()
        options.source = source
        options.smoothF = smoothF
        let curves = try LogLoader.load(paths: [Fixtures.path(path)], options: options)
        try #require(curves.count == 1)
        return curves[0]
    }

    /// Raw losses as the checker compares them: NaN from the first non-finite value on.
    func recordedRaw(_ path: String, column: String = "raw_loss") throws -> [Double] {
        var bad = false
        return try Fixtures.csvRows(path).map { row in
            let x = Fixtures.number(row[column])
            if bad || !x.isFinite { bad = true; return .nan }
            return x
        }
    }

    func expectRecovered(_ curve: LearningRateCurve, equal truth: [Double], relative: Double) {
        let recovered = curve.recoveredRawLosses()
        #expect(recovered.count == truth.count)
        for (i, (r, t)) in zip(recovered, truth).enumerated() {
            let scale = curve.losses[i].isFinite ? abs(curve.losses[i]) : 0
            #expect(Tolerance.close(r ?? .nan, t, relative: relative, scale: scale), "point \(i): \(String(describing: r)) vs \(t)")
        }
    }

    @Test(arguments: ["digits_mlp-fastai-lrfind-seed0", "digits_mlp-fastai-edge_stopdiv-seed0",
                      "friedman1_mlp-fastai-edge_nan-seed0", "digits_mlp-fastai-edge_numit20-seed0"])
    func fastaiRecorderExportIsDetectedAndInvertedWithin2e4(_ name: String) throws {
        let curve = try load("corpus/\(name)/lr_find.csv")
        #expect(curve.lossKind == .smoothed(.fastai(beta: 0.98)))
        #expect(curve.provenance.framework == "fastai")
        let stored = try Fixtures.csvRows("corpus/\(name)/lr_find.csv")
        #expect(curve.learningRates == stored.map { Fixtures.number($0["lr"]) })
        #expect(Tolerance.firstMismatch(curve.losses, stored.map { Fixtures.number($0["loss"]) }, relative: 0) == nil)
        expectRecovered(curve, equal: try recordedRaw("corpus/\(name)/raw.csv"), relative: 2e-4)
    }

    @Test(arguments: ["digits_mlp-torchlrfinder-smooth0.05-seed0", "friedman1_mlp-torchlrfinder-edge_nan-seed0",
                      "digits_mlp-torchlrfinder-edge_hugeloss-seed0"])
    func torchLRFinderHistoryIsInvertedWithin1e6(_ name: String) throws {
        let auto = try load("corpus/\(name)/history.json")
        #expect(auto.lossKind == .unknown, "smooth_f is not recorded in history.json")
        #expect(auto.provenance.framework == "torch-lr-finder")
        #expect(auto.recoveredRawLosses().allSatisfy { $0 == nil })
        let curve = try load("corpus/\(name)/history.json", source: .torchLRFinder)
        #expect(curve.lossKind == .smoothed(.torchLRFinder(smoothF: 0.05)))
        expectRecovered(curve, equal: try recordedRaw("corpus/\(name)/raw.csv"), relative: 1e-6)
    }

    @Test func torchLRFinderRawHistoryKeepsItsValuesWithSourceRaw() throws {
        let curve = try load("corpus/digits_mlp-torchlrfinder-raw-seed0/history.json", source: .raw)
        #expect(curve.lossKind == .raw)
        let raw = try Fixtures.csvRows("corpus/digits_mlp-torchlrfinder-raw-seed0/raw.csv").map { Fixtures.number($0["raw_loss"]) }
        #expect(Tolerance.firstMismatch(curve.recoveredRawLosses().map { $0 ?? .nan }, raw, relative: 1e-12) == nil)
    }

    @Test(arguments: ["digits_mlp-lightning-lrfind-seed0", "friedman1_mlp-lightning-edge_nan-seed0",
                      "digits_mlp-lightning-edge_numit20-seed0"])
    func lightningResultsAreDetectedByTheirDoubleFirstGapAndInvertedWithin1e6(_ name: String) throws {
        let curve = try load("corpus/\(name)/results.json")
        #expect(curve.lossKind == .smoothed(.lightning(beta: 0.98)))
        #expect(curve.schedule.firstGapIsDouble)
        expectRecovered(curve, equal: try recordedRaw("corpus/\(name)/raw.csv"), relative: 1e-6)
    }

    @Test func lightningMetricsCSVPairsSparseRowsByStep() throws {
        let curve = try load("corpus/digits_mlp-lightning-ramplog-seed0/csv_logs/version_0/metrics.csv")
        let truth = try Fixtures.csvRows("corpus/digits_mlp-lightning-ramplog-seed0/raw.csv")
        #expect(curve.provenance.format == .lightningCSV)
        #expect(curve.lossKind == .raw)
        #expect(curve.provenance.learningRateSeries == "lr-Adam")
        #expect(curve.provenance.lossSeries == "train_loss")
        #expect(curve.steps == truth.map { Int($0["step"]!)! })
        #expect(Tolerance.firstMismatch(curve.learningRates, truth.map { Fixtures.number($0["lr"]) }, relative: 1e-6) == nil)
        #expect(Tolerance.firstMismatch(curve.losses, truth.map { Fixtures.number($0["raw_loss"]) }, relative: 1e-6) == nil)
    }

    @Test func wandbExportsAreJoinedByRunAndStep() throws {
        let folder = "corpus/digits_mlp-wandbcsv-relayout-seed0"
        let curves = try LogLoader.load(paths: [Fixtures.path("\(folder)/wandb_export_loss.csv"), Fixtures.path("\(folder)/wandb_export_lr.csv")],
                                        options: IngestOptions())
        #expect(curves.map(\.runName) == ["digits_mlp-torch-tb_mlflow-seed0", "digits_mlp-torch-tb_mlflow-seed1"])
        for curve in curves {
            let truth = try Fixtures.csvRows("corpus/\(curve.runName)/raw.csv")
            #expect(curve.provenance.format == .wandbCSV)
            #expect(curve.provenance.warnings.contains { $0.contains("downsampled") })
            #expect(curve.learningRates == truth.map { Fixtures.number($0["lr"]) })
            #expect(Tolerance.firstMismatch(curve.losses, truth.map { Fixtures.number($0["loss"]) }, relative: 0) == nil)
        }
    }

    @Test func runOptionKeepsOneRun() throws {
        var options = IngestOptions()
        options.run = "digits_mlp-torch-tb_mlflow-seed1"
        let folder = "corpus/digits_mlp-wandbcsv-relayout-seed0"
        let curves = try LogLoader.load(paths: [Fixtures.path("\(folder)/wandb_export_loss.csv"), Fixtures.path("\(folder)/wandb_export_lr.csv")],
                                        options: options)
        #expect(curves.map(\.runName) == ["digits_mlp-torch-tb_mlflow-seed1"])
    }
}
