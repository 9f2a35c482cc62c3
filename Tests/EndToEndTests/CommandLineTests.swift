import Foundation
import Testing
import TestSupport

/// The built binary, run as a user runs it: outputs and exit codes are pinned (`../shared/CLI.md`).
@Suite struct CommandLineTests {
    @Test func helpAndVersionExitZero() throws {
        let help = try CommandRunner.run(["--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.hasPrefix("OVERVIEW: Statistics of learning-rate range tests"))
        #expect(help.standardOutput.contains("SUBCOMMANDS:\n  inspect "))
        let inspectHelp = try CommandRunner.run(["inspect", "--help"])
        #expect(inspectHelp.status == 0)
        #expect(inspectHelp.standardOutput.contains("USAGE: lrscope inspect <path> ..."))
        #expect(inspectHelp.standardOutput.contains("OPTIONS:\n  --format <F>"))
        #expect(try CommandRunner.run(["help", "export"]).standardOutput.contains("USAGE: lrscope export"))
        let version = try CommandRunner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.standardOutput.hasPrefix("lrscope 0.1.0 (GSL 2."))
    }

    @Test func usageErrorsExit64WithDidYouMean() throws {
        let subcommand = try CommandRunner.run(["exprot", "x.csv"])
        #expect(subcommand.status == 64)
        #expect(subcommand.standardError == "Error: unknown subcommand 'exprot'. Did you mean 'export'?\nUsage: lrscope <subcommand> [options]\n  See 'lrscope --help' for more information.\n")
        let flag = try CommandRunner.run(["export", "--lr-colum", "lr", "x.csv"])
        #expect(flag.status == 64)
        #expect(flag.standardError.hasPrefix("Error: unknown option '--lr-colum'. Did you mean '--lr-column'?\nUsage: lrscope export"))
        let missing = try CommandRunner.run(["inspect"])
        #expect(missing.status == 64)
        #expect(missing.standardError.hasPrefix("Error: missing expected argument '<path> ...'\n"))
        let source = try CommandRunner.run(["export", "--source", "fasti", "x.csv"])
        #expect(source.standardError.hasPrefix("Error: invalid --source 'fasti': expected one of auto, raw, fastai, torch-lr-finder, lightning, keras. Did you mean 'fastai'?"))
        #expect(try CommandRunner.run(["export", "--source-beta", "1.5", "x.csv"]).status == 64)
    }

    @Test func badInputExitsOneNamingFileLineAndColumn() throws {
        let result = try CommandRunner.run(["export", "-"], input: "step,lr,loss\n0,1e-7,2.3\n1,2e-7,oops\n")
        #expect(result.status == 1)
        #expect(result.standardError == "Error: <stdin>:3:3: expected a number in column 'loss', found 'oops'\n")
        #expect(result.standardOutput.isEmpty)
        let missing = try CommandRunner.run(["inspect", "no/such.csv"])
        #expect(missing.status == 1)
        #expect(missing.standardError == "Error: no/such.csv: no such file or folder\n")
    }

    @Test func exportRecoversFastaiRawLossesAsTidyCSV() throws {
        let path = "fixtures/corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv"
        let result = try CommandRunner.run(["export", path])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines[0] == "run,step,lr,loss,raw_loss")
        #expect(lines.count == 88)
        // Row 0: the stored value is the first raw loss itself (fastai debias), so raw_loss = loss.
        #expect(lines[1] == "\(path),0,1e-07,2.3326730728149414,2.3326730728149414")
        let raw = try Fixtures.csvRows("corpus/digits_mlp-fastai-lrfind-seed0/raw.csv")
        for (line, truth) in zip(lines.dropFirst(), raw) {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(Tolerance.close(Double(fields[4])!, Fixtures.number(truth["raw_loss"]), relative: 2e-4))
        }
    }

    @Test func exportWritesAFileAtomicallyAndReadsStandardInput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lrscope-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out.csv").path
        let result = try CommandRunner.run(["export", "-", "-o", out, "--source", "raw"], input: "lr,loss\n1e-3,2.0\n1e-2,inf\n")
        #expect(result.status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "run,step,lr,loss,raw_loss\n<stdin>,0,0.001,2.0,2.0\n<stdin>,1,0.01,inf,inf\n")
        // A failed run leaves the previous output as it was.
        let failed = try CommandRunner.run(["export", "-", "-o", out], input: "lr,loss\n")
        #expect(failed.status == 1)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasSuffix("<stdin>,1,0.01,inf,inf\n"))
    }

    @Test func inspectReportsHowTheSourceWasDecided() throws {
        let result = try CommandRunner.run(["inspect", "--format", "json", "fixtures/corpus/digits_mlp-lightning-lrfind-seed0/results.json",
                                            "fixtures/corpus/digits_mlp-torchlrfinder-smooth0.05-seed0/history.json"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("\"loss_kind\": \"smoothed\""))
        #expect(result.standardOutput.contains("first log-LR gap is twice the others: Lightning lr_finder.results"))
        #expect(result.standardOutput.contains("\"loss_kind\": \"unknown\""))
        #expect(result.standardOutput.contains("pass --source torch-lr-finder or --source raw"))
        let csv = try CommandRunner.run(["inspect", "--format", "csv", "fixtures/corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv"])
        let lines = csv.standardOutput.split(separator: "\n")
        #expect(lines[0] == "run,format,files,points,finite_points,lr_min,lr_max,loss_kind,convention,framework,beta,schedule,ratio_per_step,first_gap_double,lr_increasing,step_series,lr_series,loss_series,decided_by,warnings,stored_lag_steps_mid,stored_lag_decades_mid")
        #expect(lines[1].hasPrefix("fixtures/corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv,csv,fixtures/corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv,87,87,1e-07,"))
    }

    @Test func aClosedPipeExitsZero() throws {
        let script = "\"\(CommandRunner.executable)\" export fixtures/corpus/digits_mlp-lightning-ramplog-seed0/csv_logs/version_0/metrics.csv | head -c 10 >/dev/null; exit ${PIPESTATUS[0]}"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = Fixtures.repositoryRoot
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func smoothReproducesFastaiAndWritesOneBlockPerMethod() throws {
        let path = "fixtures/corpus/digits_mlp-fastai-lrfind-seed0/raw.csv"
        let result = try CommandRunner.run(["smooth", path, "--method", "fastai-ema"])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines[0] == "run,step,lr,loss,method,smoothed,raw_loss,lag_steps,lag_decades")
        let stored = try Fixtures.csvRows("corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv")
        #expect(lines.count == stored.count + 1)
        for (line, truth) in zip(lines.dropFirst(), stored) {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields[4] == "fastai-ema")
            #expect(Tolerance.close(Double(fields[5])!, Fixtures.number(truth["loss"]), relative: 1e-5))
        }
        let all = try CommandRunner.run(["smooth", path, "--method", "all", "--df", "8"])
        #expect(all.status == 0)
        let methods = all.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[4] }
        var blocks: [Substring] = []
        for m in methods where blocks.last != m { blocks.append(m) }
        #expect(blocks == ["ema", "fastai-ema", "lightning-ema", "torch-lr-finder-ema", "window", "median", "spline"])
    }

    @Test func smoothExplainShowsTheWorkedFirstSteps() throws {
        let result = try CommandRunner.run(["smooth", "fixtures/corpus/digits_mlp-fastai-lrfind-seed0/raw.csv",
                                            "--method", "fastai-ema", "--explain", "--rows", "2"])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "fastai-ema on fixtures/corpus/digits_mlp-fastai-lrfind-seed0/raw.csv")
        #expect(lines[3] == "step         lr  raw_loss    running  correction  smoothed  lag_steps")
        // fastai stored 2.3326730728149414 for this step: float32 arithmetic, not the raw 2.3326752.
        #expect(lines[4] == "   0      1e-07   2.33268  0.0466535          50   2.33267          0")
    }

    @Test func smoothRefusesLossesOfUnknownKind() throws {
        let result = try CommandRunner.run(["smooth", "fixtures/corpus/digits_mlp-torchlrfinder-smooth0.05-seed0/history.json"])
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("Error: fixtures/corpus/digits_mlp-torchlrfinder-smooth0.05-seed0/history.json: whether its losses are raw or smoothed is unknown"))
        let bad = try CommandRunner.run(["smooth", "x.csv", "--method", "splin"])
        #expect(bad.status == 64)
        #expect(bad.standardError.hasPrefix("Error: invalid --method 'splin': expected one of ema, fastai-ema, lightning-ema, torch-lr-finder-ema, window, median, spline, all. Did you mean 'spline'?"))
    }

    @Test func suggestCompatGivesFastaisOwnAnswers() throws {
        let result = try CommandRunner.run(["suggest", "fixtures/corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv", "--compat", "fastai", "--num-it", "100"])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines[0] == "run,heuristic,lr,loss,index,note")
        // fastai's returned SuggestedLRs (suggestions.json): minimum 0.03019951581954956, steep 0.02290867641568184,
        // valley 0.0020892962347716093, slide 0.013182567432522774.
        let want = ["minimum": 0.03019951581954956, "steep": 0.02290867641568184, "valley": 0.0020892962347716093, "slide": 0.013182567432522774]
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(Tolerance.close(Double(fields[2])!, want[String(fields[1])]!, relative: 1e-6))
        }
        // Row 81 of lr_find.csv holds the minimum, 1.812940239906311; the note has commas, so it is quoted.
        #expect(lines[1] == "fixtures/corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv,minimum,0.03019951581954956,1.812940239906311,81,\"fastai range [10:82] of 87 points (num_it 100, from --num-it)\"")
    }

    @Test func suggestWithoutAnswerLeavesTheLearningRateEmpty() throws {
        let result = try CommandRunner.run(["suggest", "fixtures/corpus/digits_mlp-fastai-edge_numit20-seed0/lr_find.csv", "--compat", "fastai"])
        #expect(result.status == 0)
        let slide = result.standardOutput.split(separator: "\n").first { $0.contains(",slide,") }!
        #expect(slide.hasSuffix(",slide,,,,\"slide needs more than 15 points, found 13 (fastai raises IndexError here)\""))
    }

    @Test func suggestUsageErrors() throws {
        let compat = try CommandRunner.run(["suggest", "x.csv", "--compat", "fasta"])
        #expect(compat.status == 64)
        #expect(compat.standardError.hasPrefix("Error: invalid --compat 'fasta': expected one of fastai, torch-lr-finder, lightning. Did you mean 'fastai'?"))
        let heuristic = try CommandRunner.run(["suggest", "x.csv", "--heuristics", "valey"])
        #expect(heuristic.status == 64)
        #expect(heuristic.standardError.contains("Did you mean 'valley'?"))
        let own = try CommandRunner.run(["suggest", "fixtures/corpus/digits_mlp-torchlrfinder-smooth0.05-seed0/history.json"])
        #expect(own.status == 1)
        #expect(own.standardError.contains("pass --source, or --compat to use the stored losses as the framework does"))
    }

    @Test func suggestOwnModeUsesTheLagFreeMedian() throws {
        let result = try CommandRunner.run(["suggest", "fixtures/corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv", "--heuristics", "steepest,valley", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("\"heuristic\": \"steepest\""))
        #expect(result.standardOutput.contains("on the median smoothing of the raw losses"))
    }

    @Test func bandsAreDeterministicAndOrdered() throws {
        let path = "fixtures/corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv"
        let one = try CommandRunner.run(["bands", path, "--replicates", "100", "--seed", "3", "--threads", "1", "--band", "prediction"])
        let two = try CommandRunner.run(["bands", path, "--replicates", "100", "--seed", "3", "--threads", "2", "--band", "prediction"])
        #expect(one.status == 0)
        #expect(one.standardOutput == two.standardOutput, "results depend on the seed, not on --threads")
        let lines = one.standardOutput.split(separator: "\n")
        #expect(lines[0] == "run,step,lr,estimate,lower,upper,simultaneous_lower,simultaneous_upper")
        #expect(lines.count == 88)
        for line in lines.dropFirst() {
            let f = line.split(separator: ",").map { Double($0) }
            guard let estimate = f[3], let lower = f[4], let upper = f[5], let sLower = f[6], let sUpper = f[7], estimate.isFinite else { continue }
            #expect(lower <= upper && sLower <= estimate && estimate <= sUpper)
        }
    }

    @Test func suggestWithReplicatesAddsIntervals() throws {
        let result = try CommandRunner.run(["suggest", "fixtures/corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv", "--compat", "fastai",
                                            "--replicates", "100", "--level", "0.9"])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines[0] == "run,heuristic,lr,loss,index,note,lr_lower,lr_upper,spread_decades,failure_rate")
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let n = fields.count
            let lower = Double(fields[n - 4])!, upper = Double(fields[n - 3])!, spread = Double(fields[n - 2])!
            #expect(lower <= upper && abs(log10(upper / lower) - spread) < 1e-9)
            #expect(lower >= 1e-7 && upper <= 0.7585775750291836, "clipped to the run's LR range")
        }
        let runs = try CommandRunner.run(["suggest", "x.csv", "--replicates", "10", "--resampling", "runs"])
        #expect(runs.status == 64)
    }

    @Test func calibrateReportsEveryResampler() throws {
        let paths = (0..<3).map { "fixtures/corpus/digits_mlp-fastai-noise_bs64_sameinit-seed\($0)/lr_find.csv" }
        let result = try CommandRunner.run(["calibrate"] + paths + ["--replicates", "50", "--heuristics", "valley,steepest"])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines[0] == "resampling,band,level,pointwise_coverage,simultaneous_coverage,suggestion_coverage,runs,heuristic,suggestion_level,mean_spread_decades")
        let resamplings = Set(lines.dropFirst().map { String($0.split(separator: ",")[0]) })
        #expect(resamplings == ["permute", "circular-block", "stationary", "wild", "runs"])
        #expect(lines.count == 1 + 5 * 2 * 3)
        let single = try CommandRunner.run(["calibrate", paths[0]])
        #expect(single.status == 1)
        #expect(single.standardError == "Error: runs: needs at least 2 runs of one setup, found 1\n")
    }

    @Test func compareRanksByRegretAgainstTheSweepsBestLearningRate() throws {
        let runs = (0..<3).map { "fixtures/corpus/digits_mlp-fastai-noise_bs64_sameinit-seed\($0)/lr_find.csv" }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lrscope-compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let details = folder.appendingPathComponent("details.csv").path
        let result = try CommandRunner.run(["compare"] + runs + ["--truth", "fixtures/ground_truth/digits_mlp/sweep.csv", "--replicates", "20",
                                                                  "--details", details])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines[0] == "heuristic,runs,median_lr,bootstrap_spread_decades,seed_spread_decades,failure_rate,regret_decades,regret_loss,rank,task,ranked_by,best_lr,outside_sweep")
        #expect(lines.dropFirst().allSatisfy { $0.contains(",digits_mlp,regret,0.046415888336127774,") }, "best LR of the recorded summary")
        // Every detail's regret in decades is |log10 lr - log10 0.046415888336127774| (summary.json's best_lr).
        for row in try String(contentsOfFile: details, encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = row.split(separator: ",", omittingEmptySubsequences: false)
            guard let lr = Double(f[3]) else { continue }
            #expect(abs(Double(f[7])! - abs(log10(lr) - log10(0.046415888336127774))) < 1e-12)
        }
    }

    @Test func compareWarnsAboutEdgeBestsSingleRunsAndEmptyRuns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lrscope-compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = folder.appendingPathComponent("sweep.csv").path
        try "lr_max,seed,valid_loss\n0.001,0,0.5\n0.01,0,0.9\n0.1,0,nan\n".write(toFile: sweep, atomically: true, encoding: .utf8)
        let empty = folder.appendingPathComponent("empty.csv").path
        try "step,lr,raw_loss\n0,1e-5,nan\n1,1e-4,nan\n2,1e-3,nan\n".write(toFile: empty, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["compare", "fixtures/corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv", empty, "--truth", sweep, "--replicates", "10"])
        #expect(result.status == 0)
        #expect(result.standardError.contains("its best learning rate 0.001 is at the edge of the grid, so the true best may lie outside it and regrets are lower bounds"))
        #expect(result.standardError.contains("empty.csv: no finite losses; every heuristic fails on it"))
        let single = try CommandRunner.run(["compare", "fixtures/corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv", "--replicates", "10"])
        #expect(single.status == 0)
        #expect(single.standardError.contains("has a single run: no spread across seeds"))
    }

    @Test func reportWritesEveryFileOnceAndIdenticallyForTheSameSeed() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lrscope-e2e-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = ["fixtures/corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv", "fixtures/corpus/digits_mlp-lightning-lrfind-seed0/results.json"]
        let first = try CommandRunner.run(["report"] + inputs + ["-o", root.path + "/a", "--replicates", "50"])
        #expect(first.status == 0)
        #expect(first.standardOutput.hasPrefix("run "))
        #expect(first.standardOutput.hasSuffix("wrote \(root.path)/a/ (curves.csv, bands.csv, suggestions.csv, scores.csv, summary.json, plot.svg, report.html)\n"))
        let files = try FileManager.default.contentsOfDirectory(atPath: root.path + "/a").sorted()
        #expect(files == ["bands.csv", "curves.csv", "plot.svg", "report.html", "scores.csv", "suggestions.csv", "summary.json"])
        let again = try CommandRunner.run(["report"] + inputs + ["-o", root.path + "/a", "--replicates", "50"])
        #expect(again.status == 1)
        #expect(again.standardError == "Error: \(root.path)/a: already holds a report; pass --force to replace it\n")
        let second = try CommandRunner.run(["report"] + inputs + ["-o", root.path + "/b", "--replicates", "50", "--threads", "1"])
        #expect(second.status == 0)
        for file in files {
            let a = try Data(contentsOf: root.appendingPathComponent("a/\(file)")), b = try Data(contentsOf: root.appendingPathComponent("b/\(file)"))
            #expect(a == b, "\(file) differs between two runs with the same seed")
        }
        let missing = try CommandRunner.run(["report"] + inputs)
        #expect(missing.status == 64)
        #expect(missing.standardError.hasPrefix("Error: missing '-o DIR': the report folder\n"))
    }

    /// `lrscope report --force` killed at random moments: the folder always holds one complete report,
    /// the old one or the new one, never a mixture or a partial file.
    @Test func aKilledReportLeavesACompleteReport() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lrscope-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("r").path
        let input = "fixtures/corpus/digits_mlp-fastai-long_numit1000-seed0/raw.csv"
        let old = try CommandRunner.run(["report", "fixtures/corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv", "-o", folder, "--replicates", "20"])
        #expect(old.status == 0)
        let oldSummary = try String(contentsOfFile: folder + "/summary.json", encoding: .utf8)
        var random = SplitMix64(state: 5)
        for attempt in 0..<6 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
            process.arguments = ["report", input, "-o", folder, "--force", "--replicates", "400", "--seed", "\(attempt)"]
            process.currentDirectoryURL = Fixtures.repositoryRoot
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 20_000...600_000, using: &random))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            #expect(files == ["bands.csv", "curves.csv", "plot.svg", "report.html", "scores.csv", "suggestions.csv", "summary.json"], "attempt \(attempt)")
            let summary = try String(contentsOfFile: folder + "/summary.json", encoding: .utf8)
            #expect(summary == oldSummary || summary.contains("\"seed\": \"\(attempt)\""), "attempt \(attempt): a complete report, old or new")
            #expect((try? JSONSerialization.jsonObject(with: Data(summary.utf8))) != nil)
        }
        // The next successful run clears what the killed ones left beside the folder.
        #expect(try CommandRunner.run(["report", input, "-o", folder, "--force", "--replicates", "20"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["r"])
    }
}
