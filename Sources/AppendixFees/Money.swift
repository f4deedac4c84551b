import AppendixData
import Foundation

/// Exact money arithmetic for fee tables, in `Decimal` so 20.825 rounds as written.
public enum Money {
    /// The amount in `text` (`£1,234.50`, `20.85`, `(12.50)`), or `nil` when it is not money.
    public static func parse(_ text: String) -> Decimal? {
        guard FinanceNumber.parse(text.trimmingSpaces()) != nil, !text.contains("%") else { return nil }
        var cleaned = text.trimmingSpaces().filter { !"£$€, ".contains($0) }
        var negative = false
        if cleaned.hasPrefix("(") && cleaned.hasSuffix(")") { negative = true; cleaned = String(cleaned.dropFirst().dropLast()) }
        if cleaned.hasPrefix("-") { negative.toggle(); cleaned.removeFirst() }
        if cleaned.hasPrefix("+") { cleaned.removeFirst() }
        guard let value = Decimal(string: cleaned, locale: Locale(identifier: "en_GB")) else { return nil }
        return negative ? -value : value
    }

    /// One penny, £0.01.
    package static let penny = Decimal(sign: .plus, exponent: -2, significand: 1)

    /// `£1,234.50` style text with two decimal places (to the nearest penny).
    public static func format(_ value: Decimal) -> String {
        let rounded = round(value, step: penny, mode: .nearest)
        let negative = rounded < 0
        let magnitude = negative ? -rounded : rounded
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.numberStyle = .decimal
        formatter.minimumFractionDigits = 2
        formatter.maximumFractionDigits = 2
        formatter.usesGroupingSeparator = true
        let digits = formatter.string(from: magnitude as NSDecimalNumber) ?? "\(magnitude)"
        return (negative ? "-£" : "£") + digits
    }

    /// `value` rounded to a multiple of `step` (nearest: halves away from zero).
    package static func round(_ value: Decimal, step: Decimal, mode: Rounding.Mode) -> Decimal {
        var quotient = value / step
        var whole = Decimal()
        let roundingMode: NSDecimalNumber.RoundingMode
        switch mode {
        case .nearest: roundingMode = .plain
        case .up: roundingMode = value < 0 ? .down : .up
        case .down: roundingMode = value < 0 ? .up : .down
        }
        NSDecimalRound(&whole, &quotient, 0, roundingMode)
        return whole * step
    }

    /// A Double for writing to a workbook.
    package static func double(_ value: Decimal) -> Double {
        NSDecimalNumber(decimal: value).doubleValue
    }
}

/// A rounding rule for fees: to a multiple of a step (5p, 25p, £1 …), up, down or nearest.
package struct Rounding: Sendable, Equatable, CustomStringConvertible {
    package enum Mode: String, Sendable, CaseIterable { case nearest, up, down }

    package var step: Decimal
    package var mode: Mode

    package init(step: Decimal, mode: Mode) {
        self.step = step
        self.mode = mode
    }

    /// No rounding beyond whole pence.
    package static let pence = Rounding(step: Money.penny, mode: .nearest)

    package func apply(_ value: Decimal) -> Decimal {
        Money.round(value, step: step, mode: mode)
    }

    package var description: String {
        let size = step < 1 ? "\(NSDecimalNumber(decimal: step * 100).intValue)p" : "£\(NSDecimalNumber(decimal: step))"
        return mode == .nearest ? "rounded to the nearest \(size)" : "rounded \(mode.rawValue) to \(size)"
    }
}
