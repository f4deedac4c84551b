import AppendixExpression

/// An Excel number format: a column's `format`, by preset name or as a format code.
///
/// The presets are the names a YAML definition may use (`format: money`); any other format is
/// an Excel format code: `NumberFormat(code: "0.0%;(0.0%)")`.
public struct NumberFormat: Sendable, Hashable {
    /// The Excel format code, e.g. `£#,##0.00`; empty for General.
    package var code: String

    /// The format with Excel format code `code` (`#,##0.00`, `0.0%;(0.0%)`); at most 255
    /// characters, checked with the definition.
    public init(code: String) {
        self.code = code
    }

    /// Excel's General format (`general`).
    public static let general = NumberFormat(code: "")
    /// Text: the value shown as written (`text`, `@`).
    public static let text = NumberFormat(code: "@")
    /// Pounds and pence (`money`, `£#,##0.00`).
    public static let money = NumberFormat(code: "£#,##0.00")
    /// Whole pounds (`money0`, `£#,##0`).
    public static let money0 = NumberFormat(code: "£#,##0")
    /// Thousands with negatives in brackets (`thousands`, `#,##0;(#,##0)`).
    public static let thousands = NumberFormat(code: "#,##0;(#,##0)")
    /// As ``thousands``, with a dash for zero (`thousands_dash`).
    public static let thousandsDash = NumberFormat(code: "#,##0;(#,##0);\"–\"")
    /// Two decimal places (`number`, `#,##0.00`).
    public static let number = NumberFormat(code: "#,##0.00")
    /// Whole numbers (`count`, `#,##0`).
    public static let count = NumberFormat(code: "#,##0")
    /// A percentage with two decimals (`percent`, `0.00%`).
    public static let percent = NumberFormat(code: "0.00%")
    /// A percentage with one decimal (`percent1`, `0.0%`).
    public static let percent1 = NumberFormat(code: "0.0%")
    /// A whole percentage (`percent0`, `0%`).
    public static let percent0 = NumberFormat(code: "0%")
    /// A percentage with its sign and two decimals (`signed_percent`).
    public static let signedPercent = NumberFormat(code: "+0.00%;-0.00%;0.00%")
    /// A percentage with its sign and one decimal (`signed_percent1`).
    public static let signedPercent1 = NumberFormat(code: "+0.0%;-0.0%;0.0%")

    /// A day as `1 Oct 2018` (`date`, `d mmm yyyy`).
    public static let date = NumberFormat(code: "d mmm yyyy")
    /// A day as `1 October 2018` (`date_long`, `d mmmm yyyy`).
    public static let dateLong = NumberFormat(code: "d mmmm yyyy")
    /// A day as `01/10/2018` (`date_numeric`, `dd/mm/yyyy`).
    public static let dateNumeric = NumberFormat(code: "dd/mm/yyyy")
    /// A day as `2018-10-01` (`date_iso`, `yyyy-mm-dd`).
    public static let dateISO = NumberFormat(code: "yyyy-mm-dd")
    /// A month as `Oct 2018` (`month`, `mmm yyyy`).
    public static let month = NumberFormat(code: "mmm yyyy")

    /// Named formats a definition may use instead of a code.
    package static let presets: [(name: String, format: NumberFormat)] = [
        ("general", .general),
        ("text", .text),
        ("money", .money),
        ("money0", .money0),
        ("thousands", .thousands),
        ("thousands_dash", .thousandsDash),
        ("number", .number),
        ("count", .count),
        ("percent", .percent),
        ("percent1", .percent1),
        ("percent0", .percent0),
        ("signed_percent", .signedPercent),
        ("signed_percent1", .signedPercent1),
        ("date", .date),
        ("date_long", .dateLong),
        ("date_numeric", .dateNumeric),
        ("date_iso", .dateISO),
        ("month", .month),
    ]

    /// The format named `name`, or `name` itself when it looks like a format code
    /// (contains `0`, `#`, `@` or `General`, or is a date code such as `dd/mm/yyyy`: only
    /// `d`, `m` and `y` runs with spaces and `/ - . ,` between). Returns `nil` for an unknown name.
    package static func named(_ name: String) -> NumberFormat? {
        if let preset = presets.first(where: { $0.name == name.lowercased() }) {
            return preset.format
        }
        if name.contains(where: { "0#@".contains($0) }) || name.contains("General") || DateFormatCode(name) != nil {
            return NumberFormat(code: name)
        }
        return nil
    }

    /// Excel's limit on the length of a format code.
    package static let maximumLength = 255
}
