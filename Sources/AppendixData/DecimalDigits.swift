/// A finite number as the decimal digits spreadsheets work from: the shortest digits that read
/// back as the same double (`0.1 + 0.2` is `0.30000000000000004`, `2.675` is `2.675`, not the
/// binary `2.67499999…`), rounded half away from zero. LibreOffice formats numbers this way, so
/// `TEXT(2.675,"0.00")` is `2.68` and `5341215.704548115&""` is `5341215.70454812`.
package struct DecimalDigits {
    package var negative: Bool
    /// Significant digits (0…9), no leading or trailing zeros; empty for 0.
    package var digits: [UInt8]
    /// Digits before the decimal point: 1 for 1.5, 0 for 0.15, -1 for 0.015, 3 for 150.
    package var pointPosition: Int

    /// The shortest round-trip digits of a finite `value`.
    package init(_ value: Double) {
        negative = value < 0
        digits = []
        pointPosition = 0
        var exponent = 0
        var seenPoint = false
        var leading = 0
        let text = "\(Swift.abs(value))"  // e.g. "1e-05", "5341215.704548115", "1.2345e+16"
        var bytes = text.utf8[...]
        if let e = bytes.firstIndex(of: UInt8(ascii: "e")) {
            exponent = Int(Substring(text.utf8[bytes.index(after: e)...])) ?? 0
            bytes = bytes[..<e]
        }
        for byte in bytes {
            if byte == UInt8(ascii: ".") { seenPoint = true; continue }
            let digit = byte &- UInt8(ascii: "0")
            if digits.isEmpty && digit == 0 {
                if seenPoint { leading += 1 }
                continue
            }
            digits.append(digit)
            if !seenPoint { pointPosition += 1 }
        }
        if !digits.isEmpty, pointPosition == 0 { pointPosition = -leading }
        pointPosition += exponent
        trimTrailingZeros()
    }

    package var isZero: Bool { digits.isEmpty }

    /// The power of ten of the first digit: 0 for 1.5, -5 for 0.00001.
    var scientificExponent: Int { pointPosition - 1 }

    /// Rounds half away from zero to `decimals` places after the point (negative: before it).
    package mutating func round(decimals: Int) {
        let keep = pointPosition + decimals
        guard keep < digits.count else { return }
        guard keep >= 0 else { digits = []; return }
        let up = digits[keep] >= 5
        digits.removeLast(digits.count - keep)
        if up { carry() }
        trimTrailingZeros()
    }

    /// Rounds half away from zero to `count` significant digits.
    package mutating func round(significant count: Int) {
        round(decimals: count - pointPosition)
    }

    private mutating func carry() {
        var index = digits.count - 1
        while index >= 0 {
            if digits[index] < 9 { digits[index] += 1; return }
            digits[index] = 0
            index -= 1
        }
        digits.insert(1, at: 0)
        pointPosition += 1
    }

    private mutating func trimTrailingZeros() {
        while digits.last == 0 { digits.removeLast() }
        if digits.isEmpty { pointPosition = 0 }
    }

    /// The digits before the point ("0" when there are none).
    package var integerText: String {
        guard pointPosition > 0 else { return "0" }
        var text = ""
        text.reserveCapacity(pointPosition)
        for index in 0..<pointPosition {
            text.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "0") + (index < digits.count ? digits[index] : 0)))
        }
        return text
    }

    /// `count` digits after the point (zeros past the last digit).
    package func fractionText(_ count: Int) -> String {
        var text = ""
        text.reserveCapacity(count)
        for offset in 0..<Swift.max(0, count) {
            let index = pointPosition + offset
            let digit = index >= 0 && index < digits.count ? digits[index] : 0
            text.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "0") + digit))
        }
        return text
    }

    /// How many digits follow the point with no trailing zeros.
    var fractionCount: Int { Swift.max(0, digits.count - pointPosition) }
}
