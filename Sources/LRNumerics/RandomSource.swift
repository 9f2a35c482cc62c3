@preconcurrency internal import CGSL

/// A seedable source of random numbers: GSL's Mersenne Twister (`gsl_rng_mt19937`).
///
/// One source per thread; it is a class because it owns a GSL generator, and it is not `Sendable`.
/// Bootstrap replicates reseed it from (seed, replicate number) so that every replicate draws the
/// same numbers whichever thread runs it: results do not depend on the number of threads.
///
/// Reference: GSL manual, "Random Number Generation" and "Random Number Distributions";
/// Matsumoto & Nishimura (1998).
public final class RandomSource {
    private let generator: OpaquePointer

    /// A generator seeded with `seed`.
    public init(seed: UInt64) {
        GSL.initialize()
        generator = OpaquePointer(gsl_rng_alloc(gsl_rng_mt19937))
        reseed(seed)
    }

    deinit { gsl_rng_free(UnsafeMutablePointer(generator)) }

    private var rng: UnsafeMutablePointer<gsl_rng> { UnsafeMutablePointer(generator) }

    /// Restarts the stream from `seed` (mixed with SplitMix64 so that nearby seeds give unrelated streams).
    public func reseed(_ seed: UInt64) {
        gsl_rng_set(rng, UInt(Self.mix(seed) & 0xFFFF_FFFF))
    }

    /// The seed of replicate `replicate` of a run seeded with `seed`.
    public static func replicateSeed(_ seed: UInt64, _ replicate: Int) -> UInt64 {
        mix(seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(replicate + 1))
    }

    /// A uniform integer in 0..<n (n ≥ 1).
    public func uniformInt(_ n: Int) -> Int {
        Int(gsl_rng_uniform_int(rng, UInt(n)))
    }

    /// A uniform number in [0, 1).
    public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// A standard normal variate (ziggurat).
    public func gaussian() -> Double { gsl_ran_gaussian_ziggurat(rng, 1) }

    /// Shuffles `values` in place (Fisher–Yates, `gsl_ran_shuffle`).
    public func shuffle(_ values: inout [Double]) {
        let count = values.count
        guard count > 1 else { return }
        values.withUnsafeMutableBytes { buffer in
            gsl_ran_shuffle(rng, buffer.baseAddress, count, MemoryLayout<Double>.stride)
        }
    }

    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
