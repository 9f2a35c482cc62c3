import Foundation
import Testing
import LRNumerics
import TestSupport

/// Golden values: `fixtures/spline/reference.json`, written by `fixtures/spline/pspline_reference.py`
/// (numpy/scipy normal equations, Cox–de Boor basis; no GSL) from real range-test logs.
@Suite struct PenalizedSplineFitTests {
    struct Fit {
        let lambda: Double
        let degreesOfFreedom: Double
        let gcvScore: Double
        let fitted: [Double]
    }

    struct Case {
        let input: String
        let basisCount: Int
        let gcv: Fit
        let fixedLambda: Fit
        let targetDegreesOfFreedom: Fit
    }

    struct Reference {
        let fixedLambda: Double
        let targetDegreesOfFreedom: Double
        let cases: [Case]
    }

    static func loadReference() throws -> Reference {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("spline/reference.json")))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        func fit(_ object: Any?) throws -> Fit {
            let dictionary = try #require(object as? [String: Any])
            return Fit(
                lambda: try #require(dictionary["lambda"] as? Double),
                degreesOfFreedom: try #require(dictionary["degreesOfFreedom"] as? Double),
                gcvScore: try #require(dictionary["gcvScore"] as? Double),
                fitted: try #require(dictionary["fitted"] as? [Double]))
        }
        let cases = try #require(root["cases"] as? [[String: Any]]).map { item throws -> Case in
            Case(
                input: try #require(item["input"] as? String),
                basisCount: try #require(item["basisCount"] as? Int),
                gcv: try fit(item["gcv"]),
                fixedLambda: try fit(item["fixedLambda"]),
                targetDegreesOfFreedom: try fit(item["targetDegreesOfFreedom"]))
        }
        return Reference(
            fixedLambda: try #require(root["fixedLambda"] as? Double),
            targetDegreesOfFreedom: try #require(root["targetDegreesOfFreedom"] as? Double),
            cases: cases)
    }

    /// x = log10(lr), y = raw_loss from a corpus `raw.csv`.
    static func points(_ input: String) throws -> (x: [Double], y: [Double]) {
        let rows = try Fixtures.csvRows(input)
        return (rows.map { log10(Fixtures.number($0["lr"])) }, rows.map { Fixtures.number($0["raw_loss"]) })
    }

    static func largestDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) }.max() ?? .infinity
    }

    @Test func referenceCoversTheThreeRunsAndBasisSizes() throws {
        let reference = try Self.loadReference()
        #expect(reference.cases.count == 9)
        #expect(Set(reference.cases.map(\.basisCount)) == [10, 20, 40])
    }

    @Test func fixedLambdaMatchesTheNormalEquations() throws {
        let reference = try Self.loadReference()
        var worstFit = 0.0, worstDF = 0.0, worstScore = 0.0
        for item in reference.cases {
            let (x, y) = try Self.points(item.input)
            let scale = y.map(abs).max()!
            let fit = try PenalizedSplineFit(
                x: x, y: y, basisCount: item.basisCount, penalty: .lambda(reference.fixedLambda))
            #expect(fit.basisCount == item.basisCount)
            #expect(fit.lambda == reference.fixedLambda)
            let difference = Self.largestDifference(fit.fitted, item.fixedLambda.fitted) / scale
            #expect(difference < 1e-8, "\(item.input) p=\(item.basisCount)")
            #expect(abs(fit.degreesOfFreedom - item.fixedLambda.degreesOfFreedom) < 1e-8)
            let scoreError = abs(fit.gcvScore / item.fixedLambda.gcvScore - 1)
            #expect(scoreError < 1e-8)
            worstFit = max(worstFit, difference)
            worstDF = max(worstDF, abs(fit.degreesOfFreedom - item.fixedLambda.degreesOfFreedom))
            worstScore = max(worstScore, scoreError)
        }
        print("P-spline λ=1: max |Δfit|/scale \(worstFit), max |Δdf| \(worstDF), max rel Δgcv \(worstScore)")
    }

    @Test func degreesOfFreedomTargetMatchesTheReference() throws {
        let reference = try Self.loadReference()
        var worstFit = 0.0, worstDF = 0.0, worstLambda = 0.0
        for item in reference.cases {
            let (x, y) = try Self.points(item.input)
            let scale = y.map(abs).max()!
            let expected = item.targetDegreesOfFreedom
            let fit = try PenalizedSplineFit(
                x: x, y: y, basisCount: item.basisCount, penalty: .degreesOfFreedom(reference.targetDegreesOfFreedom))
            let difference = Self.largestDifference(fit.fitted, expected.fitted) / scale
            let lambdaError = abs(fit.lambda / expected.lambda - 1)
            #expect(difference < 1e-8, "\(item.input) p=\(item.basisCount)")
            #expect(abs(fit.degreesOfFreedom - reference.targetDegreesOfFreedom) < 1e-8)
            #expect(abs(fit.degreesOfFreedom - expected.degreesOfFreedom) < 1e-8)
            #expect(lambdaError < 1e-7)
            worstFit = max(worstFit, difference)
            worstDF = max(worstDF, abs(fit.degreesOfFreedom - expected.degreesOfFreedom))
            worstLambda = max(worstLambda, lambdaError)
        }
        print("P-spline df=8: max |Δfit|/scale \(worstFit), max |Δdf| \(worstDF), max rel Δλ \(worstLambda)")
    }

    @Test func gcvChoosesTheReferenceLambda() throws {
        let reference = try Self.loadReference()
        var worstLambda = 0.0, worstOwnFit = 0.0, worstAtReferenceLambda = 0.0, worstDF = 0.0, worstScore = 0.0
        for item in reference.cases {
            let (x, y) = try Self.points(item.input)
            let scale = y.map(abs).max()!
            let expected = item.gcv
            let fit = try PenalizedSplineFit(x: x, y: y, basisCount: item.basisCount, penalty: .generalizedCrossValidation)
            let lambdaError = abs(fit.lambda / expected.lambda - 1)
            #expect(lambdaError < 0.01, "\(item.input) p=\(item.basisCount): λ \(fit.lambda) vs \(expected.lambda)")
            // Both are minima of the same G: neither may be noticeably lower than the other.
            let scoreError = abs(fit.gcvScore / expected.gcvScore - 1)
            #expect(scoreError < 1e-6)
            // Each fit at its own λ: consistent with the other's to the accuracy of λ.
            let ownFit = Self.largestDifference(fit.fitted, expected.fitted) / scale
            #expect(ownFit < 1e-4)
            let dfError = abs(fit.degreesOfFreedom - expected.degreesOfFreedom)
            #expect(dfError < 1e-3)
            // At the very same λ the fits agree to rounding.
            let atReference = try PenalizedSplineFit(
                x: x, y: y, basisCount: item.basisCount, penalty: .lambda(expected.lambda))
            let sameLambda = Self.largestDifference(atReference.fitted, expected.fitted) / scale
            #expect(sameLambda < 1e-8)
            #expect(abs(atReference.degreesOfFreedom - expected.degreesOfFreedom) < 1e-8)
            worstLambda = max(worstLambda, lambdaError)
            worstOwnFit = max(worstOwnFit, ownFit)
            worstAtReferenceLambda = max(worstAtReferenceLambda, sameLambda)
            worstDF = max(worstDF, abs(atReference.degreesOfFreedom - expected.degreesOfFreedom))
            worstScore = max(worstScore, scoreError)
        }
        print(
            "P-spline GCV: max rel Δλ \(worstLambda), max rel ΔG \(worstScore), max |Δfit|/scale at own λ \(worstOwnFit), at reference λ \(worstAtReferenceLambda) (|Δdf| \(worstDF))"
        )
    }

    @Test func tooFewOrUnequalPointsThrowBadLength() {
        #expect(throws: GSLError.self) { _ = try PenalizedSplineFit(x: [0, 1, 2], y: [1, 2, 3], basisCount: 10, penalty: .lambda(1)) }
        #expect(throws: GSLError.self) { _ = try PenalizedSplineFit(x: [0, 1, 2, 3, 4], y: [1, 2, 3, 4], basisCount: 10, penalty: .lambda(1)) }
        do {
            _ = try PenalizedSplineFit(x: [], y: [], basisCount: 10, penalty: .generalizedCrossValidation)
            Issue.record("empty input did not throw")
        } catch {
            #expect(error.kind == .badLength)
        }
    }

    @Test func nonFiniteOrConstantXThrowDomain() {
        let x = [0.0, 1, 2, 3, 4, 5]
        let y = [1.0, 2, 1, 2, 1, 2]
        let badInputs: [(x: [Double], y: [Double])] = [
            (x, [1, 2, .nan, 2, 1, 2]), (x, [1, 2, 1, .infinity, 1, 2]),
            ([0, 1, 2, -.infinity, 4, 5], y), ([3, 3, 3, 3, 3, 3], y),
        ]
        for (badX, badY) in badInputs {
            do {
                _ = try PenalizedSplineFit(x: badX, y: badY, basisCount: 5, penalty: .lambda(1))
                Issue.record("bad input did not throw")
            } catch {
                #expect(error.kind == .domain)
            }
        }
        #expect(throws: GSLError.self) { _ = try PenalizedSplineFit(x: x, y: y, basisCount: 5, penalty: .lambda(-1)) }
        #expect(throws: GSLError.self) { _ = try PenalizedSplineFit(x: x, y: y, basisCount: 5, penalty: .lambda(.nan)) }
        #expect(throws: GSLError.self) { _ = try PenalizedSplineFit(x: x, y: y, basisCount: 5, penalty: .degreesOfFreedom(2)) }
        #expect(throws: GSLError.self) { _ = try PenalizedSplineFit(x: x, y: y, basisCount: 5, penalty: .degreesOfFreedom(5.5)) }
    }

    @Test func basisCountIsClampedToTheData() throws {
        let x = (0..<6).map(Double.init)
        let y = [1.0, 3, 2, 5, 4, 6]
        #expect(try PenalizedSplineFit(x: x, y: y, basisCount: 40, penalty: .lambda(1)).basisCount == 5)
        #expect(try PenalizedSplineFit(x: x, y: y, basisCount: 1, penalty: .lambda(1)).basisCount == 4)
        #expect(try PenalizedSplineFit(x: [0, 1, 2, 3], y: [1, 0, 2, 1], basisCount: 9, penalty: .lambda(0.5)).basisCount == 4)
    }

    @Test func constantDataAreReproduced() throws {
        let x = (0..<50).map { -7 + 0.1 * Double($0) }
        let y = [Double](repeating: 2.302585, count: 50)
        for penalty: PenalizedSplineFit.Penalty in [.generalizedCrossValidation, .lambda(0), .lambda(1), .degreesOfFreedom(6)] {
            let fit = try PenalizedSplineFit(x: x, y: y, basisCount: 12, penalty: penalty)
            #expect(Self.largestDifference(fit.fitted, y) < 1e-12, "\(penalty)")
        }
    }

    @Test func straightLineIsReproducedAtAnyLambda() throws {
        // Unevenly spaced and unsorted x: D₂ does not penalise a line, whatever the knots.
        let x = [0.3, -1.2, 2.0, 0.0, 1.7, -0.4, 0.9, 1.1, -0.9, 0.5, 1.95, -1.1]
        let y = x.map { 0.75 - 2.5 * $0 }
        for penalty: PenalizedSplineFit.Penalty in [.lambda(0), .lambda(1), .lambda(1e3), .degreesOfFreedom(4), .generalizedCrossValidation] {
            let fit = try PenalizedSplineFit(x: x, y: y, basisCount: 8, penalty: penalty)
            #expect(Self.largestDifference(fit.fitted, y) < 1e-11, "\(penalty)")
        }
    }

    @Test func smoothingIndicesOfEvenlySpacedXReturnsTheIndices() throws {
        let n = 200
        let x = (0..<n).map { -6 + 5 * Double($0) / Double(n - 1) }
        let y = x.map { 2.3 - 0.3 * $0 + 0.4 * sin(3 * $0) + 0.05 * cos(37 * $0) }
        let fit = try PenalizedSplineFit(x: x, y: y, basisCount: 25, penalty: .generalizedCrossValidation)
        let indices = (0..<n).map(Double.init)
        #expect(Self.largestDifference(try fit.smoothing(indices), indices) < 1e-9)
        // Smoothing y itself is the fit, bit for bit (the same computation).
        #expect(try fit.smoothing(y) == fit.fitted)
        // Linearity: the smoother of a sum is the sum of the smoothers.
        let other = x.map { $0 * $0 }
        let combined = try fit.smoothing(zip(y, other).map { $0 + 2 * $1 })
        let separate = zip(fit.fitted, try fit.smoothing(other)).map { $0 + 2 * $1 }
        #expect(Self.largestDifference(combined, separate) < 1e-10)
        #expect(throws: GSLError.self) { _ = try fit.smoothing(Array(indices.dropLast())) }
        #expect(throws: GSLError.self) { _ = try fit.smoothing(indices.map { $0 == 3 ? .nan : $0 }) }
    }

    @Test func basisFunctionsWithoutDataNeedAPenalty() throws {
        // Four distinct x under six basis functions: only four coefficients are determined by the data.
        let x = [0.0, 0, 0, 0, 1, 2, 3]
        let y = [1.0, 2, 3, 4, 5, 6, 7]
        do {
            _ = try PenalizedSplineFit(x: x, y: y, basisCount: 6, penalty: .lambda(0))
            Issue.record("λ = 0 did not throw")
        } catch {
            #expect(error.kind == .singular)
        }
        do {
            _ = try PenalizedSplineFit(x: x, y: y, basisCount: 6, penalty: .degreesOfFreedom(5))
            Issue.record("an unreachable df did not throw")
        } catch {
            #expect(error.kind == .domain)
        }
        // Nearly unpenalized: the fit interpolates the mean at each distinct x.
        let loose = try PenalizedSplineFit(x: x, y: y, basisCount: 6, penalty: .degreesOfFreedom(3.999))
        #expect(Self.largestDifference(loose.fitted, [2.5, 2.5, 2.5, 2.5, 5, 6, 7]) < 0.01)
        let gcv = try PenalizedSplineFit(x: x, y: y, basisCount: 6, penalty: .generalizedCrossValidation)
        #expect(gcv.fitted.allSatisfy(\.isFinite) && gcv.degreesOfFreedom <= 4 + 1e-9)
    }

    @Test func degreesOfFreedomSpanTwoToBasisCount() throws {
        let x = (0..<100).map { Double($0) / 10 }
        let y = x.map { sin($0) + 0.1 * cos(13 * $0) }
        let interpolating = try PenalizedSplineFit(x: x, y: y, basisCount: 15, penalty: .degreesOfFreedom(15))
        #expect(interpolating.lambda == 0)
        #expect(abs(interpolating.degreesOfFreedom - 15) < 1e-12)
        let stiff = try PenalizedSplineFit(x: x, y: y, basisCount: 15, penalty: .lambda(1e6))
        #expect(abs(stiff.degreesOfFreedom - 2) < 1e-6)
        var previous = Double.infinity
        for lambda in [0.01, 0.1, 1, 10, 100] {
            let df = try PenalizedSplineFit(x: x, y: y, basisCount: 15, penalty: .lambda(lambda)).degreesOfFreedom
            #expect(df < previous)
            previous = df
        }
    }

    @Test func tenThousandPointsWithFortyBasisFunctionsIsFast() throws {
        let n = 10_000
        let x = (0..<n).map { -7 + 7 * Double($0) / Double(n - 1) }
        var state: UInt64 = 42
        let y = x.map { xi -> Double in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = Double(state >> 11) / Double(1 << 53) - 0.5
            return 2.3 - 0.2 * max(0, xi + 4) + exp(2 * (xi + 1)) + 0.1 * noise
        }
        let clock = ContinuousClock()
        var fit: PenalizedSplineFit?
        let elapsed = try clock.measure { fit = try PenalizedSplineFit(x: x, y: y, basisCount: 40, penalty: .generalizedCrossValidation) }
        print("P-spline n=10000 p=40 GCV (this build): \(elapsed), λ \(fit!.lambda), df \(fit!.degreesOfFreedom)")
        #expect(elapsed < .seconds(5))
    }
}
