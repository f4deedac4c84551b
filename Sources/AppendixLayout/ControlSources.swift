import AppendixData
import AppendixDefinition
import AppendixExpression

/// The keys of a `keys_in:` reference source not yet seen on the checked sheet, each with the
/// CSV line it is first on. Held in memory: one entry per distinct key (its text and a line
/// number, about 80 bytes plus the key's text), shrinking as the sheet shows the keys.
struct ReferenceKeys {
    /// The reference source's CSV file, for messages.
    let file: String
    /// How many distinct keys the reference has.
    let total: Int
    private(set) var unseen: [String: Int]

    init(file: String, firstLines: [String: Int]) {
        self.file = file
        total = firstLines.count
        unseen = firstLines
    }

    /// Marks the key a sheet cell shows as seen.
    mutating func see(_ content: CellContent) {
        guard !unseen.isEmpty, let key = Self.key(ExcelValue.cached(content)) else { return }
        unseen[key] = nil
    }

    /// The text a key is compared by: a number as the General format shows it, text as it is;
    /// `nil` for a blank.
    static func key(_ value: ExcelValue) -> String? {
        switch value {
        case .number(let number): return ExcelNumberText.general(number)
        case .text(let text): return text.isEmpty ? nil : text
        default: return nil
        }
    }
}

/// Reads what checks need from sources before the sheets are laid out: the value of each
/// `source.field` an `expect:` reads (from a source of exactly one row) and the keys of each
/// `keys_in:` reference.
struct ControlSources {
    /// Each source's rows, read from the start.
    let passes: (SourceDefinition) -> RowPasses
    let definition: ReportDefinition

    /// The value of every `source.field` the checks read.
    /// - Throws: ``/AppendixData/DataError`` when the source has not exactly one row, lacks the
    ///   field, or its value there is not a number.
    func values() throws -> [SourceField: Double] {
        var values: [SourceField: Double] = [:]
        for check in definition.checks {
            for field in check.expectation?.sourceValues ?? [] where values[field] == nil {
                values[field] = try value(of: field, for: check)
            }
        }
        return values
    }

    private func value(of field: SourceField, for check: CheckDefinition) throws -> Double {
        guard let source = definition.source(named: field.source) else { preconditionFailure("the validator checks a check's sources") }
        var file = "", index = 0, rows = 0
        var first: DataRow?
        try passes(source).pass(header: { header, name in
            file = name
            index = try FieldBinding.index(of: field.field, in: header, file: name, neededBy: "check '\(check.name)' reading \(field)")
        }, row: { row in
            rows += 1
            if first == nil { first = row }
        })
        guard rows == 1, let row = first else {
            throw DataError(file: file, message: "check '\(check.name)' reads \(field), but source '\(field.source)' has \(rows) data rows; a value read by a check comes from a source of exactly one row (a control total), so keep one row in the file or use \(CheckAggregate.allCases.map(\.rawValue).joined(separator: "/"))() of a sheet column")
        }
        guard case .number(let number) = row.values[index] else {
            throw DataError(file: file, line: row.line, column: field.field, message: "check '\(check.name)' reads \(field), which must be a number; found '\(row.values[index].displayText)'",
                            value: row.values[index].displayText)
        }
        return ExcelNumberText.stored(number)
    }

    /// The keys of each `keys_in:` reference, by check name.
    func referenceKeys() throws -> [String: ReferenceKeys] {
        var keys: [String: ReferenceKeys] = [:]
        for check in definition.checks {
            guard let reference = check.reference, let source = definition.source(named: reference.source) else { continue }
            var file = "", index = 0
            var firstLines: [String: Int] = [:]
            try passes(source).pass(header: { header, name in
                file = name
                index = try FieldBinding.index(of: reference.field, in: header, file: name, neededBy: "check '\(check.name)'")
            }, row: { row in
                if case .missing = row.values[index] { return }  // a blank or N/A key is no key
                guard let key = ReferenceKeys.key(ExcelValue(row.values[index])), firstLines[key] == nil else { return }
                firstLines[key] = row.line
            })
            keys[check.name] = ReferenceKeys(file: file, firstLines: firstLines)
        }
        return keys
    }
}
