/// How the run-to-run spread of the smoothed curve splits between the factors of a study
/// (`factors.csv`): one group of runs per factor, in which only that factor varies.
///
/// For each factor's group: the between-run variance is ``BetweenRunSpread/meanVariance`` of the
/// group's smoothed curves (the variance across runs at each step, averaged over the steps where at
/// least 2 runs are finite and that come before the group's mean-curve minimum); the within-run noise
/// variance is the mean over the group's runs of their squared noise level (``RunNoise``). A factor's
/// share is its between-run variance over the sum across factors. When the factors are independent and
/// each group holds the others fixed, the shares estimate how much of the spread each one causes
/// (a one-way variance decomposition).
///
/// The between-run variance also holds what the smoother leaves of the per-batch noise (for a moving
/// median of w steps about πσ²/(2w) per run): it is the spread another run's *smoothed* curve would
/// show, not the noise-free path alone.
///
/// - Complexity: O(factors × runs × steps).
/// - Edge cases: a group's variance is NaN when no step holds two finite values; the shares are NaN
///   when the sum of the finite variances is not positive. Groups may overlap.
///
/// Reference: Bouthillier et al. (2021), "Accounting for variance in machine learning benchmarks",
/// MLSys (variance from data order vs initialization, one source varied at a time).
public struct FactorSplit: Sendable, Equatable {
    /// One factor's group and its variances.
    public struct Factor: Sendable, Equatable {
        public let name: String
        public let pattern: String
        /// The names of the runs in the group.
        public let runNames: [String]
        /// The mean across steps (before the minimum) of the variance across the group's runs.
        public let betweenRunVariance: Double
        /// The mean of the group's runs' squared noise levels.
        public let withinRunNoiseVariance: Double
        /// `betweenRunVariance` over the sum across factors.
        public let share: Double
        /// The number of steps the between-run variance is averaged over.
        public let steps: Int
    }

    public let factors: [Factor]

    /// - Parameters:
    ///   - factors: the factors, in the order they were given.
    ///   - members: for each factor, the indices of its runs in `curves` and `noise` (at least 2).
    ///   - runNames: the runs' names.
    ///   - curves: `curves[j][t]`, the runs' smoothed curves on one step grid.
    ///   - noise: each run's noise standard deviation.
    public init(factors: [StudyFactor], members: [[Int]], runNames: [String], curves: [[Double]], noise: [Double]) {
        let spreads = members.map { group in BetweenRunSpread(curves: group.map { curves[$0] }) }
        let between = spreads.map(\.meanVariance)
        let total = between.filter(\.isFinite).reduce(0, +)
        self.factors = factors.indices.map { i in
            let group = members[i]
            let within = group.map { noise[$0] * noise[$0] }.filter(\.isFinite)
            return Factor(name: factors[i].name, pattern: factors[i].pattern.pattern, runNames: group.map { runNames[$0] },
                          betweenRunVariance: between[i],
                          withinRunNoiseVariance: within.isEmpty ? .nan : within.reduce(0, +) / Double(within.count),
                          share: total > 0 ? between[i] / total : .nan, steps: spreads[i].stepsUsed.count)
        }
    }
}
