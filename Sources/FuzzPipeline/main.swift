// libFuzzer target: the whole pipeline on one file's bytes.
//
// Declarations only: built with `--sanitize=fuzzer`, libFuzzer supplies `main`; in a normal build
// this is an executable whose top-level code is empty (it exits 0). See `make fuzz`.
//
// bytes → format detection → the format's reader → curve assembly → every smoother (small
// parameters) → every heuristic of ``HeuristicCatalog/all`` → ``FrameworkCompatibility`` for all three
// frameworks → a bootstrap of 4 replicates (one thread) with bands and intervals.
// Thrown errors are expected (bad input, too few points); traps, crashes, hangs and leaks are bugs.
import LRCore
import LRIngest

let smoothingMethods: [SmoothingMethod] = [
    .ema(beta: 0.9, debias: true), .ema(beta: 0.5, debias: false),
    .fastaiEMA(beta: 0.98), .lightningEMA(beta: 0.98), .torchLRFinderEMA(smoothF: 0.05),
    .window(size: 5, alignment: .centered), .window(size: 4, alignment: .trailing),
    .median(size: 5, alignment: .centered), .median(size: 3, alignment: .trailing),
    .spline(penalty: .generalizedCrossValidation, basisCount: 8), .spline(penalty: .lambda(1), basisCount: nil),
    .spline(penalty: .degreesOfFreedom(4), basisCount: 6),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let curves: [LearningRateCurve]
    do {
        curves = try LogLoader.curves(bytes: bytes, path: "fuzz.log")
    } catch {
        _ = error.description
        return 0
    }
    for curve in curves { analyze(curve) }
    return 0
}

func analyze(_ original: LearningRateCurve) {
    var curve = original
    _ = curve.schedule.summary
    _ = curve.storedSmoothingLagAtMidRun
    _ = curve.recoveredRawLosses()
    for method in smoothingMethods {
        _ = try? curve.smoothed(by: method)
        _ = try? curve.suggestions(using: HeuristicCatalog.all, smoothing: method)
    }
    for framework in FrameworkCompatibility.allCases {
        _ = framework.suggestions(for: curve)
        _ = framework.suggestions(for: curve, numIt: curve.count + 3)
    }
    // The bootstrap needs known raw losses; read unknown ones as raw so that it runs anyway.
    if curve.lossKind == .unknown { curve.lossKind = .raw }
    for resampling in ResamplingMethod.allCases where resampling != .runs {
        let analysis = ReplicateAnalysis(smoothing: .ema(beta: 0.9, debias: true), suggestions: .own(HeuristicCatalog.all))
        let uncertainty = UncertaintyAnalysis(resampling: resampling, analysis: analysis, replicates: 4, seed: 7, threads: 1,
                                              profileWindow: 5)
        guard let result = try? uncertainty.run(curve) else { continue }
        for kind in BandKind.allCases {
            _ = result.band(kind: kind, level: 0.9)
            _ = result.intervals(kind: kind, level: 0.9, of: curve)
        }
    }
    let compat = ReplicateAnalysis(smoothing: .ema(beta: 0.9, debias: true), suggestions: .compat(.fastai, numIt: nil))
    _ = try? UncertaintyAnalysis(resampling: .permute, analysis: compat, replicates: 4, seed: 7, threads: 1, profileWindow: 5).run(curve)
}
