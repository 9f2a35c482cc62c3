import Foundation
import Testing
@testable import LRNumerics
import TestSupport

/// Golden values: `fixtures/bootstrap/block_length_reference.json`, written by
/// `fixtures/bootstrap/block_length_reference.py`, which calls `arch.bootstrap.optimal_block_length`
/// itself on synthetic series (stored in the file) and on real range-test losses and residuals.
@Suite struct OptimalBlockLengthTests {
    struct Case {
        let name: String
        let series: [Double]
        let stationary: Double
        let circular: Double
    }

    static func loadReference() throws -> [Case] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("bootstrap/block_length_reference.json")))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(root["cases"] as? [[String: Any]]).map { item throws -> Case in
            Case(
                name: try #require(item["name"] as? String),
                series: try #require(item["series"] as? [Double]),
                stationary: try #require(item["stationary"] as? Double),
                circular: try #require(item["circular"] as? Double))
        }
    }

    /// Both lengths are exactly one point.
    static func isOnePoint(_ lengths: OptimalBlockLength) -> Bool {
        lengths.stationary == 1 && lengths.circular == 1
    }

    static func relativeDifference(_ a: Double, _ b: Double) -> Double {
        abs(a - b) / max(abs(a), abs(b))
    }

    @Test func unclampedEstimatesMatchArchOnEveryReferenceCase() throws {
        let cases = try Self.loadReference()
        #expect(cases.count == 15)
        var largest = 0.0
        for reference in cases {
            let estimate = try #require(OptimalBlockLength.politisWhite(reference.series), "\(reference.name)")
            let stationary = Self.relativeDifference(estimate.stationary, reference.stationary)
            let circular = Self.relativeDifference(estimate.circular, reference.circular)
            #expect(stationary <= 1e-9, "\(reference.name): stationary \(estimate.stationary) vs arch \(reference.stationary)")
            #expect(circular <= 1e-9, "\(reference.name): circular \(estimate.circular) vs arch \(reference.circular)")
            largest = max(largest, stationary, circular)
        }
        print("OptimalBlockLength: largest relative difference from arch = \(largest)")
    }

    @Test func publicLengthsAreArchsValuesRaisedToAtLeastOne() throws {
        for reference in try Self.loadReference() {
            let lengths = OptimalBlockLength(reference.series)
            #expect(Tolerance.close(lengths.stationary, max(1, reference.stationary), relative: 1e-9), "\(reference.name)")
            #expect(Tolerance.close(lengths.circular, max(1, reference.circular), relative: 1e-9), "\(reference.name)")
        }
    }

    @Test func whiteNoiseIsRaisedToOnePointBlocks() throws {
        // arch gives 0.70 and 0.80 for these 100 points of noise: a block below one point.
        let noise = try #require(try Self.loadReference().first { $0.name == "iid_n100" })
        #expect(noise.stationary < 1 && noise.circular < 1)
        #expect(Self.isOnePoint(OptimalBlockLength(noise.series)))
    }

    @Test func strongerDependenceGivesLongerBlocks() throws {
        let cases = Dictionary(uniqueKeysWithValues: try Self.loadReference().map { ($0.name, $0.series) })
        let half = OptimalBlockLength(try #require(cases["ar1_phi0.5_n1000"]))
        let strong = OptimalBlockLength(try #require(cases["ar1_phi0.9_n1000"]))
        #expect(strong.stationary > half.stationary)
        #expect(strong.circular > half.circular)
        // The circular bootstrap's constant D is 4/3 against 2: its block is (3/2)^(1/3) longer.
        #expect(Tolerance.close(strong.circular / strong.stationary, pow(1.5, 1.0 / 3.0), relative: 1e-12))
    }

    @Test func linearTrendGivesLongBlocksBelowTheCap() {
        let trend = (0..<100).map(Double.init)
        let lengths = OptimalBlockLength(trend)
        // arch: 14.204213636054753 and 16.25976565346213 (also a case in the reference file).
        #expect(Tolerance.close(lengths.stationary, 14.204213636054753, relative: 1e-9))
        #expect(Tolerance.close(lengths.circular, 16.25976565346213, relative: 1e-9))
        #expect(lengths.circular <= OptimalBlockLength.cap(count: 100))
        #expect(OptimalBlockLength.cap(count: 100) == 30)  // min(3·10, 33.3)
    }

    @Test func constantSeriesGivesOnePointBlocks() {
        // arch returns NaN here (0/0); no variance means nothing to keep together.
        #expect(Self.isOnePoint(OptimalBlockLength([Double](repeating: 2.5, count: 50))))
        // 0.1 is not exact in binary: its mean is not exactly 0.1, yet the series is still constant.
        #expect(Self.isOnePoint(OptimalBlockLength([Double](repeating: 0.1, count: 1000))))
        #expect(Self.isOnePoint(OptimalBlockLength([Double](repeating: 0, count: 10))))
        #expect(OptimalBlockLength.politisWhite([Double](repeating: 0.1, count: 10)) == nil)
    }

    @Test func tooShortSeriesGiveOnePointBlocks() {
        #expect(Self.isOnePoint(OptimalBlockLength([])))
        #expect(Self.isOnePoint(OptimalBlockLength([3])))
        #expect(Self.isOnePoint(OptimalBlockLength([3, 1])))
        #expect(Self.isOnePoint(OptimalBlockLength([3, 1, 2])))
        #expect(Self.isOnePoint(OptimalBlockLength([1, 2, 3])))
    }

    @Test func shortSeriesWhereArchFailsStayWithinOneAndTheCap() {
        // arch raises for n = 2…7; here every lag past the end has a zero cross product.
        for count in 2...7 {
            let cap = (Double(count) / 3).rounded(.up)
            let indices = (0..<count).map(Double.init)
            let trend: [Double] = indices
            let alternating: [Double] = indices.map { $0.truncatingRemainder(dividingBy: 2) == 0 ? 1 : -1 }
            let wave: [Double] = indices.map { sin($0) }
            for series in [trend, alternating, wave] {
                let lengths = OptimalBlockLength(series)
                for value in [lengths.stationary, lengths.circular] {
                    #expect(value.isFinite && value >= 1 && value <= cap, "n = \(count): \(value)")
                }
            }
        }
    }

    @Test func nonFiniteValuesAreDropped() throws {
        let series = try #require(try Self.loadReference().first { $0.name == "ar1_phi0.5_n100" }).series
        var holed = series
        holed.insert(.nan, at: 10)
        holed.insert(.infinity, at: 50)
        holed.append(-.infinity)
        #expect(OptimalBlockLength(holed) == OptimalBlockLength(series))
        #expect(Self.isOnePoint(OptimalBlockLength([.nan, .nan, .infinity])))
    }

    @Test func scaleDoesNotChangeTheLengthsAndExtremeScalesDoNotOverflow() throws {
        let series = try #require(try Self.loadReference().first { $0.name == "ar1_phi0.9_n1000" }).series
        let lengths = OptimalBlockLength(series)
        // Powers of two are exact: every bit agrees.
        #expect(OptimalBlockLength(series.map { $0 * 0x1p600 }) == lengths)
        #expect(OptimalBlockLength(series.map { $0 * 0x1p-600 }) == lengths)
        // Squares of these would overflow or underflow unscaled (arch gives NaN for the first).
        for factor in [1e300, 1e-300] {
            let scaled = OptimalBlockLength(series.map { $0 * factor })
            #expect(Tolerance.close(scaled.stationary, lengths.stationary, relative: 1e-9), "×\(factor)")
            #expect(Tolerance.close(scaled.circular, lengths.circular, relative: 1e-9), "×\(factor)")
        }
        // A shift changes nothing but rounding: the mean is removed.
        let shifted = OptimalBlockLength(series.map { $0 + 1000 })
        #expect(Tolerance.close(shifted.stationary, lengths.stationary, relative: 1e-9))
    }

    @Test func capFollowsTheSampleSize() {
        // ⌈min(3√n, n/3)⌉: n/3 below n = 81, 3√n above.
        #expect(OptimalBlockLength.cap(count: 1) == 1)
        #expect(OptimalBlockLength.cap(count: 3) == 1)
        #expect(OptimalBlockLength.cap(count: 10) == 4)
        #expect(OptimalBlockLength.cap(count: 81) == 27)
        #expect(OptimalBlockLength.cap(count: 1000) == 95)
    }
}
