import Foundation

/// A row's unit, read from the field a column names with `format_from:` (any case): the number
/// format that row's cell of the column gets.
package enum RowUnit: String, CaseIterable, Sendable {
    /// Whole numbers, `#,##0`.
    case count
    /// A fraction shown as a percentage with one decimal, `0.0%` (0.146 shows 14.6%).
    case percent
    /// A rate with one decimal, `#,##0.0`.
    case rate
    /// Pounds and pence, `£#,##0.00`.
    case money

    /// The unit a field's text names, ignoring case and surrounding spaces.
    package init?(fieldText: String) {
        self.init(rawValue: fieldText.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// The number format the unit gives.
    package var format: NumberFormat {
        switch self {
        case .count: return .count
        case .percent: return .percent1
        case .rate: return NumberFormat(code: "#,##0.0")
        case .money: return .money
        }
    }

    /// The units a field may name, for messages: `count, percent, rate or money`.
    package static var accepted: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
    }
}
