import AppendixData
import AppendixExpression

extension DefinitionValidator {
    /// `definition.checks` parsed and checked against the sheets and sources they name.
    static func checkedChecks(_ definition: ReportDefinition) throws -> [CheckDefinition] {
        var names: Set<String> = []
        return try definition.checks.map { check in
            var check = check
            if check.name.trimmingCharacters(in: .whitespaces).isEmpty { throw DefinitionError(check.location(of: "name"), "a check needs a name, used in messages") }
            guard names.insert(check.name.lowercased()).inserted else {
                throw DefinitionError(check.location(of: "name"), "another check is already called '\(check.name)'", value: check.name)
            }
            check.sheetIndex = try sheetIndex(of: check, in: definition)
            let sheet = definition.sheets[check.sheetIndex]
            if check.tolerance != nil, check.rule != .expect {
                throw DefinitionError(check.location(of: "tolerance"), "'tolerance' belongs to an 'expect' check (how far apart two figures may be and still be equal)")
            }
            if check.column != nil, check.rule != .keysIn {
                throw DefinitionError(check.location(of: "column"), "'column' belongs to a 'keys_in' check (the sheet's column holding the keys)")
            }
            switch check.rule {
            case .expect: check.expectation = try expectation(of: check, sheet: sheet, in: definition)
            case .each: check.condition = try condition(of: check, sheet: sheet)
            case .keysIn: try bindKeys(of: &check, sheet: sheet, in: definition)
            }
            return check
        }
    }

    private static func sheetIndex(of check: CheckDefinition, in definition: ReportDefinition) throws -> Int {
        var index = 0
        if let name = check.sheet {
            guard let found = definition.sheets.firstIndex(where: { $0.name == name }) else {
                let names = definition.sheets.map { "'\($0.name)'" }.joined(separator: ", ")
                throw DefinitionError(check.location(of: "sheet"), "no sheet named '\(name)'\(didYouMean(name, among: definition.sheets.map(\.name))); sheets are: \(names)", value: name)
            }
            index = found
        }
        if definition.sheets[index].perPeriod != nil {
            throw DefinitionError(check.location(of: check.sheet == nil ? "name" : "sheet"),
                                  "sheet '\(definition.sheets[index].name)' is repeated per period; checks read one sheet, so check a sheet without per_period")
        }
        return index
    }

    /// The check's text read by `parse`; a syntax error is a definition error at `location`.
    private static func parsed<Parsed>(_ check: CheckDefinition, at location: DefinitionLocation, _ parse: (String) throws -> Parsed) throws -> Parsed {
        do {
            return try parse(check.text)
        } catch let problem as ExpressionError {
            throw DefinitionError(location, "cannot read the check '\(ExpressionError.quoted(check.text))': \(problem)", value: check.text)
        }
    }

    private static func expectation(of check: CheckDefinition, sheet: SheetDefinition, in definition: ReportDefinition) throws -> CheckExpectation {
        let location = check.location(of: "expect")
        let expectation = try parsed(check, at: location, CheckExpectation.parse)
        try requireColumns(expectation.columns, of: sheet, at: location, text: check.text)
        for value in expectation.sourceValues where definition.source(named: value.source) == nil {
            throw DefinitionError(location, "no source named '\(value.source)' (in '\(value)'); sources are: \(definition.sources.map(\.name).joined(separator: ", "))", value: check.text)
        }
        if check.tolerance != nil, ![.equal, .notEqual].contains(expectation.comparison) {
            throw DefinitionError(check.location(of: "tolerance"), "'tolerance' applies to = and <> only; '\(expectation.comparison.rawValue)' compares the figures as they are")
        }
        return expectation
    }

    private static func condition(of check: CheckDefinition, sheet: SheetDefinition) throws -> CheckCondition {
        let location = check.location(of: "each")
        let condition = try parsed(check, at: location, CheckCondition.parse)
        for test in condition.tests {
            try requireColumns(sheet.dependencies(of: test), of: sheet, at: location, text: check.text)
            if let related = test.relatedFields.first {
                throw DefinitionError(location, "'\(related.source).\(related.field)' reads another source; 'each' reads the columns of the row (use 'keys_in' or 'expect' for other sources)", value: check.text)
            }
        }
        return condition
    }

    private static func bindKeys(of check: inout CheckDefinition, sheet: SheetDefinition, in definition: ReportDefinition) throws {
        let location = check.location(of: "keys_in")
        let parts = check.text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts.allSatisfy(\.isIdentifier) else {
            throw DefinitionError(location, "expected source.field, the field of another source holding the keys, e.g. reference.fee_id; found '\(check.text)'", value: check.text)
        }
        guard definition.source(named: parts[0]) != nil else {
            throw DefinitionError(location, "no source named '\(parts[0])'; sources are: \(definition.sources.map(\.name).joined(separator: ", "))", value: check.text)
        }
        let column = check.column ?? parts[1]
        guard let index = sheet.columnIndex(column) else {
            let how = check.column == nil ? "; name the sheet's column holding the keys with 'column:'" : ""
            throw DefinitionError(check.location(of: check.column == nil ? "keys_in" : "column"),
                                  "'\(column)' is not a column of sheet '\(sheet.name)'\(didYouMean(column, among: sheet.columns.map(\.id)))\(how)", value: column)
        }
        if sheet.columns[index].suppressRepeats {
            throw DefinitionError(check.location(of: "column"), "column '\(column)' has suppress_repeats, so most of its cells are blank; compare a column that shows every key (it may be hidden)", value: column)
        }
        check.reference = SourceField(source: parts[0], field: parts[1])
        check.column = column
    }

    private static func requireColumns(_ ids: [String], of sheet: SheetDefinition, at location: DefinitionLocation, text: String) throws {
        for id in ids where sheet.columnIndex(id) == nil {
            throw DefinitionError(location, "'\(id)' is not a column of sheet '\(sheet.name)'\(didYouMean(id, among: sheet.columns.map(\.id))); add a column with that id (it may be hidden)", value: text)
        }
    }
}
