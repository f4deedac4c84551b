/// An Excel number format, by preset name or as a raw format code.
package struct NumberFormat: Sendable, Hashable {
    /// The Excel format code, e.g. `£#,##0.00`; empty for General.
    package var code: String

    package init(code: String) {
        self.code = code
    }

    /// Excel's General format.
    package static let general = NumberFormat(code: "")

    /// Named formats a definition may use instead of a code.
    package static let presets: [(name: String, code: String)] = [
        ("general", ""),
        ("text", "@"),
        ("money", "£#,##0.00"),
        ("money0", "£#,##0"),
        ("thousands", "#,##0;(#,##0)"),
        ("thousands_dash", "#,##0;(#,##0);\"–\""),
        ("number", "#,##0.00"),
        ("count", "#,##0"),
        ("percent", "0.00%"),
        ("percent1", "0.0%"),
        ("percent0", "0%"),
        ("signed_percent", "+0.00%;-0.00%;0.00%"),
        ("signed_percent1", "+0.0%;-0.0%;0.0%"),
    ]

    /// The format named `name`, or `name` itself when it looks like a format code
    /// (contains `0`, `#`, `@` or `General`). Returns `nil` for an unknown name.
    package static func named(_ name: String) -> NumberFormat? {
        if let preset = presets.first(where: { $0.name == name.lowercased() }) {
            return NumberFormat(code: preset.code)
        }
        if name.contains(where: { "0#@".contains($0) }) || name.contains("General") {
            return NumberFormat(code: name)
        }
        return nil
    }

    /// Excel's limit on the length of a format code.
    package static let maximumLength = 255
}
