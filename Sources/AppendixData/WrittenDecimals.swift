/// The decimal places a number's CSV text writes, for `decimals: as_written`: the places of the
/// value the text stands for, which a percentage format shows two fewer of.
///
/// The digits after the decimal separator, less the exponent, plus 2 for a trailing `%`
/// (`14.6%` is 0.146), never below 0: `87` → 0, `£1,234.50` → 2, `(12.5)` → 1, `14.6%` → 3,
/// `85%` → 2, `1.2e3` (1200) → 0, `1.5e-2` (0.015) → 3. At most ``WrittenDecimals/most``.
package enum WrittenDecimals {
    /// The most places counted (a percentage format with 6 places needs 8).
    package static let most = 8
    /// What ``DataRow/writtenDecimals`` holds for a field that is not a number or not kept.
    package static let unknown: UInt8 = .max

    /// The places `text` writes; `decimal` is the source's decimal separator.
    package static func places(in text: String, decimal: DecimalSeparator) -> Int {
        let point: UInt8 = decimal == .point ? 0x2E : 0x2C
        var fraction = 0, exponent = 0, percent = 0
        var afterPoint = false, inExponent = false, exponentNegative = false
        for byte in text.utf8 {
            let isDigit = byte >= 0x30 && byte <= 0x39
            if byte == 0x25 { // %
                percent = 2
            } else if inExponent {
                if byte == 0x2D { exponentNegative = true } else if isDigit, exponent < 1_000 { exponent = exponent * 10 + Int(byte - 0x30) }
            } else if afterPoint && isDigit {
                fraction += 1
            } else if byte == point {
                afterPoint = true
            } else if byte == 0x65 || byte == 0x45 { // e E
                inExponent = true
                afterPoint = false
            } else {
                afterPoint = false
            }
        }
        let places = fraction + (exponentNegative ? exponent : -exponent) + percent
        return min(most, max(0, places))
    }
}
