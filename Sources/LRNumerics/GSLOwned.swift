@preconcurrency internal import CGSL

/// One GSL allocation (a matrix, a vector, a workspace) owned by a Swift object and freed with it.
///
/// Every GSL object that lrscope allocates lives in one of these, so it is freed on every path out
/// of a computation, thrown errors included. A `GSLOwned` never leaves the routine that made it:
/// GSL objects are mutable scratch space and are not shared between threads.
final class GSLOwned<Pointee> {
    let pointer: UnsafeMutablePointer<Pointee>
    private let release: (UnsafeMutablePointer<Pointee>) -> Void

    /// Allocates with `allocate`, which GSL signals has failed by returning `nil` (its error
    /// handler is off).
    /// - Throws: ``GSLError`` of kind `.noMemory` naming `routine` when the allocation fails.
    init(
        _ routine: String,
        allocate: () -> UnsafeMutablePointer<Pointee>?,
        release: @escaping (UnsafeMutablePointer<Pointee>) -> Void
    ) throws(GSLError) {
        guard let pointer = allocate() else {
            throw GSLError(kind: .noMemory, reason: "\(routine): allocation failed")
        }
        self.pointer = pointer
        self.release = release
    }

    deinit { release(pointer) }
}

extension GSLOwned where Pointee == gsl_matrix {
    /// A `rows`×`columns` matrix with unspecified contents (both sizes must be positive).
    convenience init(rows: Int, columns: Int) throws(GSLError) {
        guard rows > 0, columns > 0 else {
            throw GSLError(kind: .badLength, reason: "gsl_matrix_alloc: \(rows)×\(columns) matrix has no elements")
        }
        try self.init("gsl_matrix_alloc", allocate: { gsl_matrix_alloc(rows, columns) }, release: { gsl_matrix_free($0) })
    }
}

extension GSLOwned where Pointee == gsl_vector {
    /// A vector of `count` elements with unspecified contents (`count` must be positive).
    convenience init(count: Int) throws(GSLError) {
        guard count > 0 else {
            throw GSLError(kind: .badLength, reason: "gsl_vector_alloc: vector has no elements")
        }
        try self.init("gsl_vector_alloc", allocate: { gsl_vector_alloc(count) }, release: { gsl_vector_free($0) })
    }

    /// A copy of `values`.
    convenience init(_ values: [Double]) throws(GSLError) {
        try self.init(count: values.count)
        for (i, value) in values.enumerated() { gsl_vector_set(pointer, i, value) }
    }

    /// The elements, copied out.
    var array: [Double] {
        (0..<pointer.pointee.size).map { gsl_vector_get(pointer, $0) }
    }
}
