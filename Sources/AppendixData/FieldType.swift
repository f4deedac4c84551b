/// How the text of a CSV field is turned into a cell value (a number, text or no value).
public enum FieldType: String, Sendable, CaseIterable {
    /// A number when the text reads as one (`£1,234.50`, `(243)`, `12.5%`), otherwise text.
    case auto
    /// Always text, even when it looks like a number (codes such as `0123`).
    case text
    /// A number (plain, money, bracketed negative or percentage); anything else is an error.
    case number
    /// Money: like `number`; `-` or `–` alone reads as zero, as in accounting exports.
    case money
    /// A percentage: `12.5%` reads as 0.125; a bare number is taken as already a fraction.
    case percent
    /// A whole number (counts); anything else is an error.
    case integer
    /// A day, written as a date cell (its Excel serial number): `2018-10-01`, `01/10/2018`
    /// (day first unless the source's `date_format` says otherwise), `1 Oct 2018`; anything
    /// else is an error.
    case date
    /// A month, written as a date cell holding its first day: `Oct-18`, `Oct 2018`,
    /// `October 2018`, `2018-10`; anything else is an error.
    case month
}

/// Turns field text into typed values under a ``FieldType`` and a set of missing-value markers.
package struct FieldParser: Sendable {
    /// Texts (compared after trimming, case-insensitively) that mean "no value".
    package var missingMarkers: Set<String>

    /// The markers used when a definition does not list its own.
    package static let defaultMissingMarkers: Set<String> = ["", "n/a", "na", "#n/a"]

    /// The decimal separator of numbers (`decimal:` on the source).
    package var decimal: DecimalSeparator

    /// The longest marker, in UTF-8 bytes: longer texts are never markers.
    private let longestMarker: Int
    /// Whether the empty text is a marker (a blank field has no value).
    private let hasEmptyMarker: Bool
    /// The markers' first bytes (lowercased): a text starting with another byte is not a marker. `nil` when a marker starts with a non-ASCII character
    /// (a text may write it decomposed, starting with an ASCII letter).
    private let markerStarts: ByteSet?

    /// The order of day and month in numeric dates (`date_format:` on the source).
    package var dateOrder: DateOrder

    package init(missingMarkers: Set<String> = FieldParser.defaultMissingMarkers, decimal: DecimalSeparator = .point, dateOrder: DateOrder = .dayFirst) {
        self.missingMarkers = Set(missingMarkers.map { $0.lowercased() })
        self.decimal = decimal
        self.dateOrder = dateOrder
        longestMarker = self.missingMarkers.map(\.utf8.count).max() ?? 0
        hasEmptyMarker = self.missingMarkers.contains("")
        let starts = self.missingMarkers.map { $0.utf8.first.map(FieldBytes.lowercased) }
        markerStarts = starts.contains { ($0 ?? 0) >= 0x80 } ? nil : ByteSet(starts.compactMap { $0 })
    }

    /// Parses `text` as `type`.
    ///
    /// - Returns: the value, or `nil` when a strict type (`number`, `money`, `percent`,
    ///   `integer`) does not match, or when any type reads a number too large for a
    ///   spreadsheet (`1e400`); ``problem(with:as:)`` says which.
    package func parse(_ text: String, as type: FieldType) -> CellValue? {
        var utf8 = text
        return utf8.withUTF8 { bytes in
            finite(parseAllowingInfinity(UnsafeRawBufferPointer(bytes), as: type, text: { text }))
        }
    }

    /// ``parse(_:as:)`` for a CSV field's bytes, checked as UTF-8 (``CSVFields``): numbers are
    /// read from the bytes, and a String is made only for a value that is text, a missing
    /// marker or a date.
    package func parse(utf8 bytes: UnsafeRawBufferPointer, as type: FieldType) -> CellValue? {
        finite(parseAllowingInfinity(bytes, as: type, text: { CSVFieldText.string(checked: bytes) }))
    }

    private func finite(_ value: CellValue?) -> CellValue? {
        if case .number(let number) = value, !number.isFinite { return nil }
        return value
    }

    /// The one parser behind both: `text` makes the field's text when the value needs it.
    private func parseAllowingInfinity(_ bytes: UnsafeRawBufferPointer, as type: FieldType, text: () -> String) -> CellValue? {
        if type == .text { return .text(text()) }
        let trimmed = FieldBytes.trimmingSpaces(bytes)
        if isMissingMarker(trimmed) { return .missing(text()) }
        switch type {
        case .text:
            return .text(text())
        case .auto:
            if FinanceNumber.mayBeNumber(firstByte: trimmed.first), let value = FinanceNumber.parse(utf8: trimmed, decimal: decimal) { return .number(value) }
            return .text(text())
        case .number, .percent:
            return FinanceNumber.parse(utf8: trimmed, decimal: decimal).map(CellValue.number)
        case .money:
            if FieldBytes.isDashAlone(trimmed) { return .number(0) }
            return FinanceNumber.parse(utf8: trimmed, decimal: decimal).map(CellValue.number)
        case .integer:
            guard let value = FinanceNumber.parse(utf8: trimmed, decimal: decimal), value == value.rounded(), trimmed.last != 0x25 else { return nil } // not `%`
            return .number(value)
        case .date:
            return DateText.day(CSVFieldText.string(checked: trimmed), order: dateOrder).map { .number(Double($0.serial)) }
        case .month:
            return DateText.month(CSVFieldText.string(checked: trimmed)).map { .number(Double($0.serial)) }
        }
    }

    /// Whether trimmed field bytes are one of the missing markers (compared case-insensitively,
    /// in NFC): a String is made to look up only for a text that can be one — not longer than
    /// the longest marker once in NFC, and starting with a byte a marker starts with.
    private func isMissingMarker(_ trimmed: UnsafeRawBufferPointer) -> Bool {
        if let markerStarts, let first = trimmed.first, !markerStarts.contains(FieldBytes.lowercased(first)) { return false }
        if trimmed.isEmpty { return hasEmptyMarker }
        if trimmed.count > longestMarker, UTF8Check.isASCII(trimmed) { return false } // NFC changes no ASCII text
        let text = CSVFieldText.string(checked: trimmed)
        return text.utf8.count <= longestMarker && missingMarkers.contains(text.lowercased())
    }

    /// Why ``parse(_:as:)`` gave `nil` for `text`: what was expected and what was found.
    package func problem(with text: String, as type: FieldType) -> String {
        let trimmed = text.trimmingSpaces()
        if let value = FinanceNumber.parse(trimmed, decimal: decimal), !value.isFinite {
            return "expected a finite number, found '\(text)', which is beyond the largest number a spreadsheet can hold"
        }
        if type == .date || type == .month { return dateProblem(with: trimmed, text: text, as: type) }
        var message = "expected \(FieldParser.expectation(for: type)), found '\(text)'"
        if decimal == .point, NumberLookalike.hasDecimalComma(trimmed) {
            message += " (for decimal commas such as 1.234,50 add 'decimal: comma' to the source)"
        }
        return message
    }

    /// What a strict type expects, for error messages.
    package static func expectation(for type: FieldType) -> String {
        switch type {
        case .auto, .text: return "text"
        case .number: return "a number such as 1234.5, £1,234.50 or (243)"
        case .money: return "an amount such as £1,234.50, 1234.5 or (243)"
        case .percent: return "a percentage such as 12.5%"
        case .integer: return "a whole number such as 42 or 1,234"
        case .date: return "a date such as 2018-10-01, 01/10/2018 or 1 Oct 2018"
        case .month: return "a month such as Oct-18, Oct 2018 or 2018-10"
        }
    }

    /// Why a date or month field's text is not one, with a hint where the text is the other kind.
    private func dateProblem(with trimmed: String, text: String, as type: FieldType) -> String {
        var message = "expected \(FieldParser.expectation(for: type)), found '\(text)'"
        if type == .date, DateText.month(trimmed) != nil {
            message += " (a month without a day: declare the field as 'month')"
        } else if type == .date, dateOrder == .dayFirst, DateText.day(trimmed, order: .monthFirst) != nil {
            message += " (day first, as in the UK; for US dates add 'date_format: mm/dd/yyyy' to the source)"
        } else if type == .month, DateText.day(trimmed, order: dateOrder) != nil {
            message += " (a day: declare the field as 'date')"
        }
        return message
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and non-breaking spaces.
    package func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
