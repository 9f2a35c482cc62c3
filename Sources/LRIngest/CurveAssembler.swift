import LRCore

/// Turns a reader's ``SeriesTable`` into a ``LearningRateCurve``: chooses the learning-rate and loss
/// series, pairs them by logged step, checks the curve's invariants (reporting each violation at the
/// file, line or record where it is), and decides what the stored losses are (``SourceDecision``).
///
/// Pairing: a step is kept when both series have a value at it (Lightning's `metrics.csv` and
/// TensorBoard log them separately; steps with only one are dropped and counted in a warning).
enum CurveAssembler {
    static func curve(from table: SeriesTable, options: IngestOptions) throws(IngestError) -> LearningRateCurve {
        let names = table.seriesNames
        let lrName = try ColumnInference.chooseLearningRate(in: names, explicit: options.learningRateColumn, at: table.headerLocation)
        let lossName = try ColumnInference.chooseLoss(in: names, explicit: options.lossColumn, at: table.headerLocation)
        let lr = table.series[lrName]!
        let loss = table.series[lossName]!
        try checkSteps(lr, name: lrName)
        try checkSteps(loss, name: lossName)

        // Merge-join by step (both sorted, strictly increasing).
        var steps: [Int] = [], rates: [Double] = [], losses: [Double] = []
        var rateIndices: [Int] = []   // where each kept point sits in the learning-rate series, for messages
        var i = 0, j = 0
        while i < lr.steps.count && j < loss.steps.count {
            if lr.steps[i] < loss.steps[j] { i += 1; continue }
            if lr.steps[i] > loss.steps[j] { j += 1; continue }
            steps.append(lr.steps[i])
            rates.append(lr.values[i])
            losses.append(loss.values[j])
            rateIndices.append(i)
            i += 1
            j += 1
        }
        guard !steps.isEmpty else {
            throw IngestError(.noData, at: table.headerLocation,
                              "no step has both '\(lrName)' (\(lr.steps.count) values) and '\(lossName)' (\(loss.steps.count) values)")
        }
        var warnings = table.warnings
        let unpaired = lr.steps.count + loss.steps.count - 2 * steps.count
        if unpaired > 0 {
            warnings.append("\(unpaired) values of '\(lrName)' or '\(lossName)' had no partner at the same step and were left out")
        }

        var batchIndices: [Int]?
        if case .kerasBatchLog(let byStep) = table.hint, !byStep.isEmpty {
            batchIndices = steps.map { byStep[$0] ?? 0 }
        }
        let decision = SourceDecision.decide(table: table, lossName: lossName, learningRates: rates, losses: losses, options: options)
        warnings += decision.warnings
        let provenance = Provenance(format: table.format, files: table.files, stepSeries: table.stepName,
                                    learningRateSeries: lrName, lossSeries: lossName, lossKindDecision: decision.explanation,
                                    framework: decision.framework, warnings: warnings)
        let curve: LearningRateCurve
        do {
            curve = try LearningRateCurve(runName: table.runName, steps: steps, learningRates: rates, losses: losses,
                                          batchIndicesInEpoch: batchIndices, lossKind: decision.kind, provenance: provenance)
        } catch {
            let location = error.index.map { lr.location(at: rateIndices[$0]) } ?? table.headerLocation
            switch error.kind {
            case .invalidLearningRate:
                throw IngestError(.invalidLearningRate, at: location, "\(error.description) in '\(lrName)'")
            case .nonIncreasingStep:
                throw IngestError(.duplicateStep, at: location, error.description)
            default:
                throw IngestError(.noData, at: location, error.description)
            }
        }
        if let k = curve.firstNonIncreasingLearningRate {
            var warned = curve
            warned.provenance.warnings.append(
                "\(lr.location(at: rateIndices[k])): learning rate \(rates[k]) does not increase (previous \(rates[k - 1])); a range test's rates increase at every step")
            return warned
        }
        return curve
    }

    /// Steps within one series must strictly increase: a repeated step is an error at its location.
    private static func checkSteps(_ series: Series, name: String) throws(IngestError) {
        for k in series.steps.indices.dropFirst() where series.steps[k] <= series.steps[k - 1] {
            let message = series.steps[k] == series.steps[k - 1]
                ? "duplicate step \(series.steps[k]) in '\(name)' (first at \(series.location(at: k - 1)))"
                : "step \(series.steps[k]) comes after step \(series.steps[k - 1]) in '\(name)'; expected increasing steps"
            throw IngestError(series.steps[k] == series.steps[k - 1] ? .duplicateStep : .nonIncreasingStep,
                              at: series.location(at: k), message)
        }
    }
}
