import AppendixData
import AppendixExpression

// The checks on the keys of editable workbooks: an editable column shows a CSV field (formulas
// stay locked), validation is on editable columns and within Excel's limits, highlights name
// columns of the sheet, and defined names are names Excel accepts, once per workbook.
extension DefinitionValidator {
    /// Defined names may have at most this many characters (libxlsxwriter keeps 127 bytes).
    package static let definedNameCharacters = 127

    static func validateEditing(_ sheet: SheetDefinition) throws {
        for column in sheet.columns {
            if column.editable, column.field == nil {
                throw DefinitionError(column.location(of: "editable"), "only a 'field' column can be editable: a computed column's cells are formulas, which stay locked")
            }
            if let validation = column.validation {
                guard column.editable else {
                    throw DefinitionError(column.location(of: "validation"), "'validation' checks what an officer types, so it needs 'editable: true' on the column")
                }
                try checkValidation(validation, at: column.location(of: "validation"))
            }
            try checkLinkAndNote(column)
            for highlight in column.highlights {
                guard case .outside(let low, let high) = highlight.kind else { continue }
                for id in [low, high] where sheet.columnIndex(id) == nil {
                    throw DefinitionError(highlight.location.appending("outside"), "'\(id)' is not a column id of this sheet\(didYouMean(id, among: sheet.columns.map(\.id)))", value: id)
                }
            }
        }
        for name in sheet.names where sheet.columnIndex(name.column) == nil {
            throw DefinitionError(name.location, "'\(name.column)' is not a column id of this sheet\(didYouMean(name.column, among: sheet.columns.map(\.id)))", value: name.column)
        }
    }

    /// A link or note shows CSV text on a field column; a pattern's fixed start is `https://`
    /// and a host, or `mailto:`.
    private static func checkLinkAndNote(_ column: ColumnDefinition) throws {
        if column.link != nil, column.field == nil {
            throw DefinitionError(column.location(of: "link"), "'link' makes a CSV field's text a link, so it applies to a 'field' column; this column is computed")
        }
        if column.noteFrom != nil, column.field == nil {
            throw DefinitionError(column.location(of: "note_from"), "'note_from' attaches a note to a CSV field's cell, so it applies to a 'field' column; this column is computed")
        }
        guard case .pattern(let pattern) = column.link else { return }
        let start: String
        if case .literal(let text)? = pattern.parts.first { start = text.lowercased() } else { start = "" }
        let https = start.hasPrefix("https://") && start.count > "https://".count && !start.dropFirst(8).hasPrefix("/")
        guard https || start.hasPrefix("mailto:") else {
            throw DefinitionError(column.location(of: "link"), "a link pattern starts with 'https://' and a host, or 'mailto:', written in the definition (not from a field); found '\(pattern.text)'",
                                  value: pattern.text)
        }
    }

    private static func checkValidation(_ validation: CellValidation, at location: DefinitionLocation) throws {
        func place(_ key: String) -> DefinitionLocation { validation.keyLocations[key] ?? location.appending(key) }
        for (key, text, limit) in [("input_title", validation.inputTitle, CellValidation.titleCharacters), ("error_title", validation.errorTitle, CellValidation.titleCharacters),
                                   ("input_message", validation.inputMessage, CellValidation.messageCharacters),
                                   ("error_message", validation.errorMessage, CellValidation.messageCharacters)] {
            guard let text, text.utf16.count > limit else { continue }
            throw DefinitionError(place(key), "Excel allows at most \(limit) characters in a validation's \(key.replacingOccurrences(of: "_", with: " ")); found \(text.utf16.count)", value: text)
        }
        switch validation.rule {
        case .list(let values):
            if values.isEmpty { throw DefinitionError(place("list"), "expected at least one value in the list") }
            if let bad = values.first(where: { $0.contains(",") || $0.contains("\"") || $0.isEmpty }) {
                throw DefinitionError(place("list"), "a list value cannot be empty or hold a comma or a double quote (Excel separates the values by commas); found '\(bad)'", value: bad)
            }
            let length = values.joined(separator: ",").utf16.count
            if length > CellValidation.listCharacters {
                throw DefinitionError(place("list"), "Excel allows at most \(CellValidation.listCharacters) characters in a list's values joined by commas; these have \(length)")
            }
        case .listFrom:
            break  // checked against the workbook's names (validateNames)
        case .number(let bounds, _):
            if let minimum = bounds.minimum, let maximum = bounds.maximum, minimum > maximum {
                throw DefinitionError(place("minimum"), "the minimum (\(ExcelNumberText.general(minimum))) is above the maximum (\(ExcelNumberText.general(maximum)))")
            }
        }
    }

    /// Every sheet's defined names: a name Excel accepts, used once in the workbook (Excel
    /// ignores case). libxlsxwriter accepts `A1` and reports a second definition as a memory error.
    static func validateNames(_ definition: ReportDefinition) throws {
        var seen: Set<String> = []
        for name in definition.sheets.flatMap(\.names) {
            if let problem = problem(withName: name.name) { throw DefinitionError(name.location, problem, value: name.name) }
            guard seen.insert(name.name.lowercased()).inserted else {
                throw DefinitionError(name.location, "another sheet or column already defines the name '\(name.name)' (Excel ignores case in names)", value: name.name)
            }
        }
        for column in definition.sheets.flatMap(\.columns) {
            guard case .listFrom(let name)? = column.validation?.rule, !seen.contains(name.lowercased()) else { continue }
            let place = column.validation?.keyLocations["list_from"] ?? column.location(of: "validation").appending("list_from")
            let names = definition.sheets.flatMap(\.names).map(\.name)
            throw DefinitionError(place, "'\(name)' is not a name defined under a sheet's 'names:'\(names.isEmpty ? "; define one, e.g. names: { FeeTypes: type }" : didYouMean(name, among: names))",
                                  value: name)
        }
    }

    /// Why Excel would refuse `name` as a defined name; `nil` when it is fine.
    package static func problem(withName name: String) -> String? {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_",
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }) else {
            return "a defined name is ASCII letters, digits, '_' and '.', starting with a letter or '_'; found '\(name)'"
        }
        if name.utf8.count > definedNameCharacters { return "a defined name has at most \(definedNameCharacters) characters; '\(name)' has \(name.utf8.count)" }
        if looksLikeCellReference(name) { return "'\(name)' looks like a cell reference (A1 or R1C1 style), which Excel refuses as a name" }
        return nil
    }

    /// `B12`, `XFD1048576`, `R`, `C`, `R1C1`, `R2`, `C3`: names Excel reads as references.
    private static func looksLikeCellReference(_ name: String) -> Bool {
        let upper = name.uppercased()
        let letters = upper.prefix { $0.isLetter }, digits = upper.dropFirst(letters.count)
        if (1...3).contains(letters.count), !digits.isEmpty, digits.allSatisfy(\.isNumber) { return true }
        guard upper.hasPrefix("R") || upper.hasPrefix("C") else { return false }
        let pattern = /^R[0-9]*(C[0-9]*)?$|^C[0-9]*$/
        return upper.wholeMatch(of: pattern) != nil
    }
}
