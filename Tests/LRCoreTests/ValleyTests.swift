import Testing
@testable import LRCore
import TestSupport

/// The O(n log n) valley against a line-by-line port of fastai's O(n²) scan.
@Suite struct ValleyTests {
    @Test func fastAndQuadraticScansAgreeOnRandomCurves() {
        var random = SplitMix64(state: 2024)
        var checked = 0
        for trial in 0..<4000 {
            let n = Int.random(in: 1...(trial % 10 == 0 ? 400 : 60), using: &random)
            let levels = Int.random(in: 1...(trial % 3 == 0 ? 4 : 1000), using: &random)   // few levels: ties and plateaus
            var losses: [Float] = (0..<n).map { _ in Float(Int.random(in: 0..<levels, using: &random)) }
            if trial % 4 == 0 {
                // A range-test shape: falling, flat, rising, with noise.
                losses = (0..<n).map { i in
                    let x = Float(i) / Float(max(1, n - 1))
                    return 2 - 1.5 * x + 3 * max(0, x - 0.7) * max(0, x - 0.7) * 10 + Float(Int.random(in: 0..<5, using: &random)) * 0.01
                }
            }
            if trial % 5 == 0, n > 0 { losses[Int.random(in: 0..<n, using: &random)] = .nan }
            if trial % 7 == 0, n > 0 { losses[Int.random(in: 0..<n, using: &random)] = .infinity }
            if trial % 11 == 0, n > 0 { losses[Int.random(in: 0..<n, using: &random)] = -.infinity }
            #expect(FastaiValley.index(losses) == FastaiValley.quadraticIndex(losses), "trial \(trial): \(losses)")
            checked += 1
        }
        #expect(checked == 4000)
    }

    @Test func valleyIsTheMidpointAndCanWrapAround() {
        // A steady fall over 10 points: lds = 10 at i = 9, max_start = −1, L = 10: idx = −1 + 3 + 1 = 3.
        let falling: [Float] = (0..<10).map { Float(10 - $0) }
        #expect(FastaiValley.quadraticIndex(falling) == 3)
        #expect(FastaiValley.index(falling) == 3)
        // Only the first two points fall: max_start = −1, L = 2: idx = −1 → Python wraps to the last point.
        let wraps: [Float] = [2, 1, 1, 1, 1]
        #expect(FastaiValley.quadraticIndex(wraps) == 4)
        #expect(FastaiValley.index(wraps) == 4)
    }
}
