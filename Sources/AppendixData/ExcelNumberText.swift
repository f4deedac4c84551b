import Foundation

/// Number-to-text conversions that match what Excel shows.
package enum ExcelNumberText {
    /// The number as `&` concatenation shows it in LibreOffice, the reference engine: the shortest
    /// digits that read back as the same double, rounded half away from zero to 15 significant
    /// digits and to at most 20 decimal places, in plain decimals from 1E-14 up to 1E+15
    /// (`0.00001`, `0.0000004380601250001`), in E-notation outside that (`1E-15`,
    /// `1.23456789012346E+15`, written with Excel's 2-digit exponent: LibreOffice writes
    /// `1E-015` and every digit of a whole number of 16 digits, a difference the differential
    /// test lists as a LibreOffice quirk). Excel is believed to switch to E-notation for small
    /// numbers sooner (`1E-09`); see Templates/README.md §9.
    package static func general(_ value: Double) -> String {
        if value == 0 || !value.isFinite { return value == 0 ? "0" : "\(value)" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return plainShortest(value) ?? generalByDigits(value)
    }

    /// `value`'s shortest round-trip text (`description`) when that is already the answer: plain
    /// notation (no `e`, so at least 1E-4), below 1E+15 and at most 15 significant digits, so
    /// rounding changes nothing: most amounts read from an export. Cheaper than
    /// ``generalByDigits(_:)``, which gives the same text (StartUpCostTests checks it).
    private static func plainShortest(_ value: Double) -> String? {
        guard abs(value) < 1e15 else { return nil }
        let text = value.description
        var significant = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "e"): return nil
            case UInt8(ascii: "1")...UInt8(ascii: "9"): significant += 1
            case UInt8(ascii: "0"): if significant > 0 { significant += 1 }
            default: continue  // the sign and the point
            }
        }
        return significant <= 15 ? text : nil
    }

    /// ``general(_:)`` for a number that is not a whole number below 1E+15, from its digits.
    package static func generalByDigits(_ value: Double) -> String {
        var digits = DecimalDigits(value)
        let exponent = digits.scientificExponent
        guard exponent > -15, exponent < 15 else { return scientific(digits) }
        digits.round(decimals: min(20, 14 - exponent))
        let sign = digits.negative && !digits.isZero ? "-" : ""
        let fraction = digits.fractionCount
        return sign + digits.integerText + (fraction > 0 ? "." + digits.fractionText(fraction) : "")
    }

    /// `digits` as `1.23456789012346E+15`: 15 significant digits, an exponent of 2 or more digits.
    private static func scientific(_ value: DecimalDigits) -> String {
        var digits = value
        digits.round(significant: 15)
        let exponent = digits.scientificExponent
        let mantissa = digits.digits.map { String($0) }
        let body = mantissa[0] + (mantissa.count > 1 ? "." + mantissa.dropFirst().joined() : "")
        let power = String(abs(exponent))
        return (digits.negative ? "-" : "") + body + "E" + (exponent < 0 ? "-" : "+") + (power.count < 2 ? "0" : "") + power
    }

    /// Rounds half away from zero to `digits` decimal places, as Excel's ROUND does, after first
    /// reducing the binary value to 15 significant digits (so 2.675 rounds to 2.68).
    package static func round(_ value: Double, digits: Int) -> Double {
        guard value.isFinite else { return value }
        let cleaned = Double(String(format: "%.15g", value)) ?? value
        let scale = pow(10.0, Double(digits))
        let scaled = Double(String(format: "%.15g", cleaned * scale)) ?? cleaned * scale
        return (scaled.rounded(.toNearestOrAwayFromZero)) / scale
    }

    /// The number a data cell holds once written: libxlsxwriter writes numbers as `%.16G`, so a
    /// value with 17 significant digits loses its last one (`1.0000000000000002` is stored, and
    /// recalculated, as `1`). Cached results must start from the stored value, not the parsed one.
    /// No allocation for numbers of up to 15 significant digits (every real export); others
    /// take the exact, slower text round trip.
    package static func stored(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        let magnitude = Swift.abs(value)
        if magnitude < 1e15, value == value.rounded() { return value }
        let exponent = Int(log10(magnitude).rounded(.down))
        let places = 14 - exponent
        if (0...22).contains(places) {
            let scale = powersOfTen[places]
            if (value * scale).rounded() / scale == value { return value }
        }
        return Double(String(format: "%.16G", value)) ?? value
    }

    private static let powersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

    /// A literal for `value` in a formula: shortest round-trip text.
    package static func formulaLiteral(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)".uppercased()
    }
}
