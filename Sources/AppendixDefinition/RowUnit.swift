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

extension NumberFormat {
    /// The numeric presets `decimals:` may change: money, money0, thousands, thousands_dash,
    /// number, count and the percentages.
    package static let decimalPresets: [NumberFormat] = [
        .money, .money0, .thousands, .thousandsDash, .number, .count,
        .percent, .percent1, .percent0, .signedPercent, .signedPercent1,
    ]

    /// This numeric preset with `decimals` places (0–6) in each section: `£#,##0.00` with 1 is
    /// `£#,##0.0`; `0%` with 2 is `0.00%`. A section without a digit (`"–"`) stays as it is.
    package func withDecimals(_ decimals: Int) -> NumberFormat {
        let fraction = decimals > 0 ? "." + String(repeating: "0", count: decimals) : ""
        let sections = code.split(separator: ";", omittingEmptySubsequences: false).map { section -> String in
            guard let zero = section.firstIndex(of: "0") else { return String(section) }
            var end = section.index(after: zero)
            if end < section.endIndex, section[end] == "." {
                end = section.index(after: end)
                while end < section.endIndex, section[end] == "0" { end = section.index(after: end) }
            }
            return section[..<zero] + "0" + fraction + section[end...]
        }
        return NumberFormat(code: sections.joined(separator: ";"))
    }
}

extension ColumnDefinition {
    /// The format of the column's body cells: `format`, with `decimals` places when it sets a
    /// number of them (each row's own under `decimals: as_written`, see `RowStyleCache`).
    package var bodyFormat: NumberFormat {
        guard case .places(let places) = decimals else { return format }
        return format.withDecimals(places)
    }
}
