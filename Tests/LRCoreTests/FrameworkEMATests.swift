import Foundation
import Testing
import LRCore
import TestSupport

/// Each framework's convention applied to the raw losses recorded inside it reproduces what it stored.
@Suite struct FrameworkEMATests {
    func column(_ path: String, _ name: String) throws -> [Double] {
        try Fixtures.csvRows(path).map { Fixtures.number($0[name]) }
    }

    func expectClose(_ ours: [Double], _ theirs: [Double], relative: Double) {
        #expect(ours.count == theirs.count)
        for i in ours.indices {
            #expect(Tolerance.close(ours[i], theirs[i], relative: relative), "point \(i): \(ours[i]) vs \(theirs[i])")
        }
    }

    @Test(arguments: ["digits_mlp-fastai-lrfind-seed0", "friedman1_mlp-fastai-edge_nan-seed0", "digits_mlp-fastai-edge_numit20-seed0"])
    func fastaiEMAReproducesTheRecorderWithin1e5(_ name: String) throws {
        let raw = try column("corpus/\(name)/raw.csv", "raw_loss")
        let lr = try column("corpus/\(name)/raw.csv", "lr")
        let stored = try column("corpus/\(name)/lr_find.csv", "loss")
        expectClose(try FastaiEMA().smooth(rawLosses: raw, learningRates: lr).values, stored, relative: 1e-5)
    }

    @Test(arguments: ["digits_mlp-lightning-lrfind-seed0", "friedman1_mlp-lightning-edge_nan-seed0", "digits_mlp-lightning-edge_numit20-seed0"])
    func lightningEMAReproducesResultsWithin1e9(_ name: String) throws {
        let raw = try column("corpus/\(name)/raw.csv", "raw_loss")
        let lr = try column("corpus/\(name)/raw.csv", "lr")
        expectClose(try LightningEMA().smooth(rawLosses: raw, learningRates: lr).values, try Fixtures.historyArrays("corpus/\(name)/results.json").loss, relative: 1e-9)
    }

    @Test(arguments: ["digits_mlp-torchlrfinder-smooth0.05-seed0", "friedman1_mlp-torchlrfinder-edge_nan-seed0", "digits_mlp-torchlrfinder-edge_hugeloss-seed0"])
    func torchLRFinderEMAReproducesHistoryWithin1e9(_ name: String) throws {
        let raw = try column("corpus/\(name)/raw.csv", "raw_loss")
        let lr = try column("corpus/\(name)/raw.csv", "lr")
        expectClose(try TorchLRFinderEMA().smooth(rawLosses: raw, learningRates: lr).values, try Fixtures.historyArrays("corpus/\(name)/history.json").loss, relative: 1e-9)
    }

    @Test func fastaiStoresInfAtAnInfLossAndNaNAfter() throws {
        let values = try FastaiEMA().smooth(rawLosses: [2, 1.9, .infinity, 1.5], learningRates: [1, 2, 3, 4]).values
        #expect(values[2] == .infinity)
        #expect(values[3].isNaN)
    }

    /// frameworks.md §7.2 (checked there with numpy): mean age of the debiased β = 0.98 EMA is 4.8, 9.3,
    /// 20.7 and 31.8 steps at k = 10, 20, 50, 90; torch-lr-finder's f = 0.05 EMA 7.6, 12.2, 17.5, 18.8.
    @Test func emaLagsMatchTheirMeanAge() throws {
        let lr = (0..<100).map { 1e-7 * pow(10, 0.08 * Double($0)) }
        let ones = [Double](repeating: 1, count: 100)
        let fastai = try FastaiEMA().smooth(rawLosses: ones, learningRates: lr)
        for (k, age) in [(10, 4.8), (20, 9.3), (50, 20.7), (90, 31.8)] {
            #expect(abs(fastai.lagSteps[k] - age) < 0.05, "k = \(k): \(fastai.lagSteps[k])")
            #expect(abs(fastai.lagDecades[k] - 0.08 * age) < 0.005)
        }
        let torch = try TorchLRFinderEMA().smooth(rawLosses: ones, learningRates: lr)
        for (k, age) in [(10, 7.6), (20, 12.2), (50, 17.5), (90, 18.8)] {
            #expect(abs(torch.lagSteps[k] - age) < 0.05, "k = \(k): \(torch.lagSteps[k])")
        }
    }

    @Test func lrscopeEMASkipsNonFiniteLossesAndCanSkipTheCorrection() throws {
        let lr = [1e-3, 2e-3, 4e-3, 8e-3]
        let debiased = try ExponentialMovingAverage(beta: 0.5, debias: true).smooth(rawLosses: [2, .nan, 4, 1], learningRates: lr)
        // v1 = 1 → 2; NaN skipped; v2 = 0.5 + 2 = 2.5 → /0.75 = 10/3; v3 = 1.25 + 0.5 = 1.75 → /0.875 = 2.
        #expect(debiased.values[0] == 2)
        #expect(debiased.values[1].isNaN)
        #expect(abs(debiased.values[2] - 10.0 / 3) < 1e-15)
        #expect(abs(debiased.values[3] - 2) < 1e-15)
        let plain = try ExponentialMovingAverage(beta: 0.5, debias: false).smooth(rawLosses: [2, 4], learningRates: [1, 2])
        #expect(plain.values == [1, 2.5])
        #expect(throws: SmoothingError.self) { _ = try ExponentialMovingAverage(beta: 1, debias: true).smooth(rawLosses: [1], learningRates: [1]) }
    }
}
