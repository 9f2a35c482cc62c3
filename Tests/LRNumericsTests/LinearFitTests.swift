import Testing
import LRNumerics

@Suite struct LinearFitTests {
    @Test func exactLineIsRecovered() throws {
        let x = [0.0, 1, 2, 3, 4]
        let fit = try LinearFit(x: x, y: x.map { 1.5 - 0.25 * $0 })
        #expect(abs(fit.intercept - 1.5) < 1e-14)
        #expect(abs(fit.slope + 0.25) < 1e-14)
        #expect(fit.maximumAbsoluteResidual < 1e-14)
    }

    @Test func noisyLineMatchesTheClosedForm() throws {
        // Closed form by hand: x̄ = 2, ȳ = 2.2, Sxy = 5, Sxx = 10 → slope 0.5, intercept 1.2.
        let fit = try LinearFit(x: [0, 1, 2, 3, 4], y: [1, 2, 2, 3, 3])
        #expect(abs(fit.slope - 0.5) < 1e-14)
        #expect(abs(fit.intercept - 1.2) < 1e-14)
        #expect(abs(fit.sumOfSquares - 0.3) < 1e-14)
    }

    @Test func badInputThrowsTypedErrorsInsteadOfAborting() {
        #expect(throws: GSLError.self) { _ = try LinearFit(x: [1], y: [1]) }
        #expect(throws: GSLError.self) { _ = try LinearFit(x: [1, 2], y: [1]) }
        #expect(throws: GSLError.self) { _ = try LinearFit(x: [1, .nan], y: [1, 2]) }
        #expect(throws: GSLError.self) { _ = try LinearFit(x: [2, 2, 2], y: [1, 2, 3]) }
    }

    @Test func lagOneAutocorrelationMatchesTheDefinition() {
        // r1 = Σ(x_i − x̄)(x_{i−1} − x̄) / Σ(x_i − x̄)²; for 1, 2, 3, 4: (−0.75·… ) = 1.25 / 5 = 0.25.
        #expect(abs(Autocorrelation.lag1([1, 2, 3, 4])! - 0.25) < 1e-14)
        #expect(Autocorrelation.lag1([1, 2]) == nil)
        #expect(Autocorrelation.lag1([3, 3, 3]) == nil)
    }

    @Test func versionIsGSL2() {
        #expect(GSL.version.hasPrefix("2."))
    }
}
