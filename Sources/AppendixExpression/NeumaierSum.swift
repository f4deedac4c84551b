/// A running total added as LibreOffice adds SUM and SUBTOTAL (its `KahanSum`): Neumaier's
/// compensated summation, so large values that cancel leave the small ones intact
/// (`1e14 + 0.1 - 1e14` is 0.1, not 0.09375), and a last addend that cancels the rest to 15
/// significant digits gives exactly 0. Used for SUM/SUBTOTAL/AVERAGE in expressions, totals
/// and the running sums of streamed sheets, so cached totals equal recalculated ones.
/// A value type of three doubles: no allocation.
package struct NeumaierSum: Sendable, Equatable {
    private var sum = 0.0
    private var compensation = 0.0
    /// The latest addend, held back so the final addition can cancel exactly (LibreOffice's
    /// `approxAdd` on the last step).
    private var pending = 0.0

    package init() {}

    /// Adds `value`; zeros are skipped, as LibreOffice does.
    @inlinable
    package mutating func add(_ value: Double) {
        addValue(value)
    }

    @usableFromInline
    mutating func addValue(_ value: Double) {
        guard value != 0 else { return }
        guard pending != 0 else { pending = value; return }
        (sum, compensation) = Self.step(sum, compensation, pending)
        pending = value
    }

    /// One Neumaier step: `value` added to `sum`, its rounding error to `compensation`.
    private static func step(_ sum: Double, _ compensation: Double, _ value: Double) -> (Double, Double) {
        let total = sum + value
        let error = Swift.abs(sum) >= Swift.abs(value) ? (sum - total) + value : (value - total) + sum
        return (total, compensation + error)
    }

    /// The total so far. As LibreOffice's `KahanSum::get`: a last addend that cancels the rest
    /// to 15 significant digits gives exactly 0; otherwise it is added with one more
    /// compensated step (so -20 + 0.009 + 0.009 + 0.1 is -19.882, not -19.881999999999998).
    package var total: Double {
        let rest = sum + compensation
        guard pending != 0 else { return rest }
        if SpreadsheetMath.add(rest, pending) == 0 { return 0 }
        let (last, error) = Self.step(sum, compensation, pending)
        return last + error
    }

    package static func += (left: inout NeumaierSum, right: Double) {
        left.add(right)
    }
}
