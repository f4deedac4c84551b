import AppendixData
import AppendixExpression

/// Checks a definition, from YAML or built in code: its values and expressions
/// (DefinitionValidator+Values.swift, ``checked(_:)``), then the whole: names, references
/// between columns, sheets and sources, and Excel's limits.
package enum DefinitionValidator {
    /// Characters Excel forbids in sheet names.
    static let forbiddenSheetCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Checks a definition whose values are checked and expressions parsed as a whole.
    static func validate(_ definition: ReportDefinition) throws {
        var sheetNames: Set<String> = []
        for sheet in definition.sheets {
            try validateSheetName(sheet)
            guard sheetNames.insert(sheet.name.lowercased()).inserted else {
                throw error(sheet.location, "name", "another sheet is already called '\(sheet.name)' (Excel ignores case in sheet names)", value: sheet.name)
            }
            try validateColumns(sheet, in: definition)
            try validateEditing(sheet)
        }
        try validateNames(definition)
        try validateFeeImport(definition)
    }

    package static func validateSheetName(_ sheet: SheetDefinition) throws {
        let name = sheet.name
        if name.isEmpty { throw error(sheet.location, "name", "a sheet name cannot be empty") }
        let length = ExcelLimits.sheetNameLength(name)
        if length > ExcelLimits.sheetNameCharacters {
            let counting = length == name.count ? "" : " (as Excel counts them: an emoji counts 2, an accent written as a separate mark 1)"
            throw error(sheet.location, "name", "Excel allows at most \(ExcelLimits.sheetNameCharacters) characters in a sheet name; '\(name)' has \(length)\(counting)",
                        value: name, limit: .sheetNameCharacters(found: length, maximum: ExcelLimits.sheetNameCharacters))
        }
        if let bad = name.first(where: { forbiddenSheetCharacters.contains($0) }) {
            throw error(sheet.location, "name", "Excel does not allow '\(bad)' in a sheet name ('\(name)'); avoid [ ] : * ? / \\")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            throw error(sheet.location, "name", "a sheet name cannot begin or end with an apostrophe ('\(name)')")
        }
        if name.lowercased() == "history" {
            throw error(sheet.location, "name", "Excel reserves the sheet name 'History'")
        }
    }

    private static func validateColumns(_ sheet: SheetDefinition, in definition: ReportDefinition) throws {
        if sheet.columns.count > ExcelLimits.columns {
            throw error(sheet.location, "columns", "Excel allows at most \(ExcelLimits.columns.groupedDigits) columns; this sheet has \(sheet.columns.count)",
                        limit: .sheetColumns(found: sheet.columns.count, maximum: ExcelLimits.columns))
        }
        var ids: Set<String> = []
        for column in sheet.columns {
            guard ids.insert(column.id).inserted else {
                throw error(column.location, "id", "another column of this sheet already has the id '\(column.id)'", value: column.id)
            }
        }
        if let freeze = sheet.freeze, freeze.columns > sheet.columns.count {
            throw error(sheet.location, "freeze.columns", "cannot freeze \(freeze.columns) columns: the sheet has \(sheet.columns.count)")
        }
        for column in sheet.columns {
            guard case .expression(let expression, let text) = column.content else { continue }
            for field in expression.fields where !ids.contains(field) {
                let hint = didYouMean(field, among: sheet.columns.map(\.id))
                throw DefinitionError(column.contentLocation, "'\(field)' is not a column of sheet '\(sheet.name)'\(hint); add a column with that id (it may be hidden)",
                                      value: text)
            }
            try validateCalls(expression, column: column, sheet: sheet, in: definition)
            if let breach = FormulaLimits.problem(with: expression, in: sheet, of: definition, missingText: column.missingText) {
                throw DefinitionError(column.contentLocation, breach.message, limit: breach.limit)
            }
            if expression.isLogical {
                throw DefinitionError(column.contentLocation, "the expression gives TRUE/FALSE; wrap it in if(…, value, value) so the cell shows a number or text")
            }
        }
        try checkCycles(sheet)
        try validateGroupsAndTotals(sheet)
        try validateCharts(sheet, in: definition)
        if let summary = sheet.summary {
            guard sheet.perPeriod != nil else {
                throw DefinitionError(summary.location, "a summary needs 'per_period' on its sheet (the field holding each row's period)")
            }
            for id in [summary.rowColumn, summary.valueColumn] where sheet.columnIndex(id) == nil {
                throw DefinitionError(summary.location, "'\(id)' is not a column id of this sheet (in summary)")
            }
            var summarySheet = sheet
            summarySheet.name = summary.name
            summarySheet.location = summary.location
            try validateSheetName(summarySheet)
        }
    }

    private static func validateGroupsAndTotals(_ sheet: SheetDefinition) throws {
        var covered: Set<Int> = []
        for (index, group) in sheet.headerGroups.enumerated() {
            let key = "header_groups[\(index)]"
            guard let first = sheet.columnIndex(group.first), let last = sheet.columnIndex(group.last) else {
                let unknown = sheet.columnIndex(group.first) == nil ? group.first : group.last
                throw error(sheet.location, key, "'\(unknown)' is not a column id of this sheet")
            }
            guard first <= last else { throw error(sheet.location, key, "'\(group.first)' comes after '\(group.last)'; list the leftmost column first") }
            for column in first...last where !covered.insert(column).inserted {
                throw error(sheet.location, key, "column '\(sheet.columns[column].id)' is already under another header group")
            }
        }
        if let totals = sheet.totals {
            for id in totals.columns + [totals.labelColumn].compactMap({ $0 }) where sheet.columnIndex(id) == nil {
                throw DefinitionError(totals.location, "'\(id)' is not a column id of this sheet (in totals)")
            }
            for id in totals.columns where sheet.columnIndex(id).map({ sheet.columns[$0].formatFrom != nil }) == true {
                throw DefinitionError(totals.location, "column '\(id)' takes each row's unit from 'format_from', so its rows cannot be added up; remove it from totals")
            }
        } else if sheet.groupBy.contains(where: { $0.subtotal != nil }) {
            throw error(sheet.location, "group_by", "subtotal rows need 'totals: { columns: [...] }' to say which columns to add up (or set subtotal: false)")
        }
    }

    private static func validateCalls(_ expression: ColumnExpression, column: ColumnDefinition, sheet: SheetDefinition, in definition: ReportDefinition) throws {
        var problem: String?
        func check(_ node: ColumnExpression, insideAggregate: Bool) {
            guard problem == nil else { return }
            switch node {
            case .related(let sourceName, let field):
                guard insideAggregate else {
                    problem = "'\(sourceName).\(field)' reads many rows: use it inside min, max, sum or avg"
                    return
                }
                guard let source = definition.source(named: sourceName) else {
                    problem = "no source named '\(sourceName)' (in '\(sourceName).\(field)')"
                    return
                }
                guard source.key != nil else {
                    problem = "source '\(sourceName)' has no 'key', so its rows cannot be matched to this row"
                    return
                }
                // Formulas refer to the rows on the first sheet showing the source, so the
                // field must be a column there (another sheet showing it would not do).
                guard let first = definition.sheets.first(where: { $0.source == sourceName }) else {
                    problem = "'\(sourceName).\(field)' must be a column of a sheet showing source '\(sourceName)', so the formula can refer to it"
                    return
                }
                if !first.columns.contains(where: { if case .field(field) = $0.content { return true } else { return false } }) {
                    problem = "'\(sourceName).\(field)' must be a column of sheet '\(first.name)', the first sheet showing source '\(sourceName)', so the formula can refer to it"
                }
            case .call(let function, let arguments):
                if function == .text {
                    guard case .string(let code) = arguments[1], TextFormat(code) != nil else {
                        problem = "text() needs a format in quotes such as \"0\", \"#,##0.00\", \"£#,##0\", \"0.0%\" or \"d mmm yyyy\""
                        return
                    }
                }
                for argument in arguments { check(argument, insideAggregate: function.isAggregate) }
            case .columnRange(let first, let last):
                if !insideAggregate {
                    problem = "'\(first):\(last)' is several cells: use it inside min, max, sum or avg"
                }
            case .negate(let operand):
                check(operand, insideAggregate: false)
            case .binary(_, let left, let right):
                check(left, insideAggregate: false)
                check(right, insideAggregate: false)
            case .number, .string, .field:
                break
            }
        }
        check(expression, insideAggregate: false)
        if let problem { throw DefinitionError(column.contentLocation, problem) }
    }

    /// Rejects computed columns that depend on themselves, directly or through others.
    private static func checkCycles(_ sheet: SheetDefinition) throws {
        var state: [String: Bool] = [:] // false: visiting, true: done
        func visit(_ column: ColumnDefinition, path: [String]) throws {
            let id = column.id
            if state[id] == true { return }
            if state[id] == false {
                let cycle = (path.drop { $0 != id } + [id]).joined(separator: " → ")
                throw DefinitionError(column.contentLocation, "computed columns depend on each other in a loop: \(cycle)")
            }
            state[id] = false
            if case .expression(let expression, _) = column.content {
                for field in sheet.dependencies(of: expression) {
                    if let dependency = sheet.column(field) { try visit(dependency, path: path + [id]) }
                }
            }
            state[id] = true
        }
        for column in sheet.columns { try visit(column, path: []) }
    }

    private static func error(_ location: DefinitionLocation, _ key: String, _ message: String,
                              value: String? = nil, limit: ExcelLimit? = nil) -> DefinitionError {
        var location = location
        location.path += ".\(key)"
        return DefinitionError(location, message, value: value, limit: limit)
    }
}
