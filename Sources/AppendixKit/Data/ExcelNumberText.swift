import Foundation

/// Number-to-text conversions that match what Excel shows.
public enum ExcelNumberText {
    /// The number as Excel's General format and `&` concatenation show it: up to 15
    /// significant digits, no trailing zeros, no exponent for ordinary magnitudes.
    public static func general(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        var text = String(format: "%.15g", value)
        if text.contains("e") {
            return text.uppercased()
        }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// Rounds half away from zero to `digits` decimal places, as Excel's ROUND does, after first
    /// reducing the binary value to 15 significant digits (so 2.675 rounds to 2.68).
    public static func round(_ value: Double, digits: Int) -> Double {
        guard value.isFinite else { return value }
        let cleaned = Double(String(format: "%.15g", value)) ?? value
        let scale = pow(10.0, Double(digits))
        let scaled = Double(String(format: "%.15g", cleaned * scale)) ?? cleaned * scale
        return (scaled.rounded(.toNearestOrAwayFromZero)) / scale
    }

    /// A literal for `value` in a formula: shortest round-trip text.
    public static func formulaLiteral(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)".uppercased()
    }
}
