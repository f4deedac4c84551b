import AppendixData

/// The number formats that the expression function `text(x, format)` accepts, computed the way
/// Excel's TEXT function computes them.
///
/// Supported: an optional literal prefix (`£`, `$`, `€`, and `+` or `-`), `0` or `#,##0`, an
/// optional fraction `.0`…`.000000`, and an optional `%`. Examples: `"0"`, `"#,##0.00"`,
/// `"£#,##0"`, `"0.0%"`. Up to three sections `positive;negative;zero` as in Excel, e.g.
/// `"+0.0%;-0.0%;0.0%"`: a negative section shows the number without its sign. Or a date code
/// (``DateFormatCode``): `"d mmm yyyy"`, `"dd/mm/yyyy"`, `"mmmm yyyy"`.
package struct TextFormat: Sendable, Equatable {
    /// The date code, when the format is one (the number parts are then unused).
    package var date: DateFormatCode?
    package var prefix: String
    package var thousands: Bool
    package var decimals: Int
    package var percent: Bool
    /// The `negative` and `zero` sections, if given.
    package var sections: [TextFormat] = []

    /// Reads a format, or returns `nil` if it is not one of the supported shapes.
    package init?(_ format: String) {
        if let date = DateFormatCode(format) {
            self.date = date
            prefix = ""
            thousands = false
            decimals = 0
            percent = false
            return
        }
        let parts = format.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count) else { return nil }
        guard let first = TextFormat(section: parts[0]) else { return nil }
        self = first
        for part in parts.dropFirst() {
            guard let section = TextFormat(section: part) else { return nil }
            sections.append(section)
        }
    }

    private init?(section format: String) {
        var rest = Substring(format)
        prefix = ""
        while let first = rest.first, ["£", "$", "€", "+", "-"].contains(first) {
            prefix.append(first)
            rest = rest.dropFirst()
        }
        percent = rest.hasSuffix("%")
        if percent { rest = rest.dropLast() }
        if rest.hasPrefix("#,##0") { thousands = true; rest = rest.dropFirst(5) }
        else if rest.hasPrefix("0") { thousands = false; rest = rest.dropFirst() }
        else { return nil }
        decimals = 0
        if rest.hasPrefix(".") {
            rest = rest.dropFirst()
            while rest.hasPrefix("0") { decimals += 1; rest = rest.dropFirst() }
            guard decimals > 0, decimals <= 6 else { return nil }
        }
        guard rest.isEmpty else { return nil }
    }

    /// `value` as TEXT would show it.
    package func format(_ value: Double) -> String {
        if let date { return date.format(value) }
        if value < 0, let negative = sections.first { return negative.formatSection(-value) }
        if value == 0, sections.count == 2 { return sections[1].formatSection(0) }
        return formatSection(value)
    }

    private func formatSection(_ value: Double) -> String {
        // As LibreOffice: the number's shortest round-trip digits round half away from zero
        // (2.675 → 2.68, but 24270.493499999997 → 24270.493 and 0.31499999999999995 → 0.31);
        // a percentage rounds the product's own digits (0.14375 → 14.374999999999998 → 14.37%).
        var digits = DecimalDigits(percent ? value * 100 : value)
        // At most 15 significant digits, as spreadsheets show: digits past the 15th are zeros
        // (`1234567890123456789` under `"0"` is `1234567890123460000`).
        digits.round(decimals: Swift.min(decimals, 15 - digits.pointPosition))
        let negative = digits.negative && !digits.isZero
        var integer = digits.integerText
        if thousands {
            var grouped = ""
            while integer.count > 3 {
                grouped = "," + integer.suffix(3) + grouped
                integer = String(integer.dropLast(3))
            }
            integer += grouped
        }
        let fraction = decimals > 0 ? "." + digits.fractionText(decimals) : ""
        return (negative ? "-" : "") + prefix + integer + fraction + (percent ? "%" : "")
    }
}
