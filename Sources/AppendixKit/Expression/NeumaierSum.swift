/// A running total added as LibreOffice adds SUM and SUBTOTAL (its `KahanSum`): Neumaier's
/// compensated summation, so large values that cancel leave the small ones intact
/// (`1e14 + 0.1 - 1e14` is 0.1, not 0.09375), and a last addend that cancels the rest to 15
/// significant digits gives exactly 0. Used for SUM/SUBTOTAL/AVERAGE in expressions, totals
/// and the running sums of streamed sheets, so cached totals equal recalculated ones.
/// A value type of three doubles: no allocation.
public struct NeumaierSum: Sendable, Equatable {
    private var sum = 0.0
    private var compensation = 0.0
    /// The latest addend, held back so the final addition can cancel exactly (LibreOffice's
    /// `approxAdd` on the last step).
    private var pending = 0.0

    public init() {}

    /// Adds `value`; zeros are skipped, as LibreOffice does.
    @inlinable
    public mutating func add(_ value: Double) {
        addValue(value)
    }

    @usableFromInline
    mutating func addValue(_ value: Double) {
        guard value != 0 else { return }
        guard pending != 0 else { pending = value; return }
        let total = sum + pending
        if Swift.abs(sum) >= Swift.abs(pending) {
            compensation += (sum - total) + pending
        } else {
            compensation += (pending - total) + sum
        }
        sum = total
        pending = value
    }

    /// The total so far.
    public var total: Double {
        let rest = sum + compensation
        return SpreadsheetMath.add(rest, pending)
    }

    public static func += (left: inout NeumaierSum, right: Double) {
        left.add(right)
    }
}
