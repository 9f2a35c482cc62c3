// Temporary interface until the GSL implementation lands (helper at work).
public struct PenalizedSplineFit: Sendable {
    public enum Penalty: Sendable, Equatable { case generalizedCrossValidation, lambda(Double), degreesOfFreedom(Double) }
    public let basisCount: Int
    public let lambda: Double
    public let degreesOfFreedom: Double
    public let gcvScore: Double
    public let fitted: [Double]
    public init(x: [Double], y: [Double], basisCount: Int, penalty: Penalty) throws(GSLError) {
        throw GSLError(kind: .other(0), reason: "not yet")
    }
    public func smoothing(_ other: [Double]) throws(GSLError) -> [Double] { other }
}
