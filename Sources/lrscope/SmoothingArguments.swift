import LRCore
import LRNumerics

/// The options that choose and parametrize smoothers (`smooth`, and later `bands`, `suggest`).
enum SmoothingArguments {
    /// The smoother options, with the flag that names the method (`--method` for `smooth`, `--smoother` elsewhere).
    static func options(methodFlag: String, methodHelp: String) -> [OptionSpec] {
        [OptionSpec([methodFlag], value: "M", help: methodHelp)] + parameterOptions
    }

    static let parameterOptions: [OptionSpec] = [
        OptionSpec(["--beta"], value: "B", help: "The ema, fastai-ema and lightning-ema smoother's beta (default 0.98)."),
        OptionSpec(["--debias"], value: "on|off", help: "Whether ema divides by 1 - beta^n (default on)."),
        OptionSpec(["--window"], value: "N", help: "Window of window and median, in steps (default 11; odd when centered)."),
        OptionSpec(["--align"], value: "A", help: "Window alignment: centered (default, no lag) or trailing (lags (N-1)/2 steps)."),
        OptionSpec(["--lambda"], value: "gcv|VALUE", help: "Spline penalty: gcv (default: generalized cross-validation, which under-smooths autocorrelated noise) or a value >= 0."),
        OptionSpec(["--df"], value: "VALUE", help: "Spline effective degrees of freedom instead of --lambda (2 < df <= basis)."),
        OptionSpec(["--basis"], value: "K", help: "Spline basis functions (default min(40, points/2), at least 5). Cost O(points x K^2)."),
    ]

    /// The methods the arguments name (`all`: every method, with the given parameters).
    static func methods(_ scanned: ScannedArguments, subcommand: String, methodFlag: String = "--method",
                        default fallback: String = "all", allowAll: Bool = true) throws(UsageError) -> [SmoothingMethod] {
        let beta = try number(scanned, "--beta", subcommand: subcommand, valid: { $0 >= 0 && $0 < 1 }, expected: "a number in [0, 1)") ?? SmoothingConvention.defaultBeta
        let smoothF = try number(scanned, "--smooth-f", subcommand: subcommand, valid: { $0 > 0 && $0 <= 1 }, expected: "a number in (0, 1]") ?? SmoothingConvention.defaultSmoothF
        var debias = true
        if let text = scanned.value("--debias") {
            guard text == "on" || text == "off" else {
                throw UsageError("invalid --debias '\(text)': expected on or off", subcommand: subcommand)
            }
            debias = text == "on"
        }
        let window = try integer(scanned, "--window", subcommand: subcommand) ?? 11
        var alignment = MovingWindow.Alignment.centered
        if let text = scanned.value("--align") {
            guard let parsed = MovingWindow.Alignment(rawValue: text) else {
                throw UsageError("invalid --align '\(text)': expected centered or trailing.\(DidYouMean.hint(for: text, among: ["centered", "trailing"]))", subcommand: subcommand)
            }
            alignment = parsed
        }
        if alignment == .centered && window % 2 == 0 {
            throw UsageError("invalid --window \(window): a centered window needs an odd size", subcommand: subcommand)
        }
        var penalty = PenalizedSplineSmoother.Penalty.generalizedCrossValidation
        if let text = scanned.value("--lambda"), text != "gcv" {
            guard let value = Double(text), value >= 0, value.isFinite else {
                throw UsageError("invalid --lambda '\(text)': expected gcv or a number >= 0", subcommand: subcommand)
            }
            penalty = .lambda(value)
        }
        if let df = try number(scanned, "--df", subcommand: subcommand, valid: { $0 > 2 }, expected: "a number > 2") {
            if scanned.value("--lambda") != nil {
                throw UsageError("--lambda and --df both fix the spline's penalty: give one", subcommand: subcommand)
            }
            penalty = .degreesOfFreedom(df)
        }
        let basis = try integer(scanned, "--basis", subcommand: subcommand)
        if let basis, basis < 5 {
            throw UsageError("invalid --basis \(basis): expected at least 5", subcommand: subcommand)
        }
        let all: [SmoothingMethod] = [
            .ema(beta: beta, debias: debias), .fastaiEMA(beta: beta), .lightningEMA(beta: beta), .torchLRFinderEMA(smoothF: smoothF),
            .window(size: window, alignment: alignment), .median(size: window, alignment: alignment),
            .spline(penalty: penalty, basisCount: basis),
        ]
        let name = scanned.value(methodFlag) ?? fallback
        if name == "all" && allowAll { return all }
        guard let method = all.first(where: { $0.name == name }) else {
            let names = SmoothingMethod.names + (allowAll ? ["all"] : [])
            throw UsageError("invalid \(methodFlag) '\(name)': expected one of \(names.joined(separator: ", ")).\(DidYouMean.hint(for: name, among: names))",
                             subcommand: subcommand)
        }
        return [method]
    }

    private static func number(_ scanned: ScannedArguments, _ name: String, subcommand: String,
                               valid: (Double) -> Bool, expected: String) throws(UsageError) -> Double? {
        guard let text = scanned.value(name) else { return nil }
        guard let value = Double(text), valid(value) else {
            throw UsageError("invalid \(name) '\(text)': expected \(expected)", subcommand: subcommand)
        }
        return value
    }

    private static func integer(_ scanned: ScannedArguments, _ name: String, subcommand: String) throws(UsageError) -> Int? {
        guard let text = scanned.value(name) else { return nil }
        guard let value = Int(text), value >= 1 else {
            throw UsageError("invalid \(name) '\(text)': expected a positive integer", subcommand: subcommand)
        }
        return value
    }
}
