import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixExpression
@testable import AppendixFees
@testable import AppendixLayout
@testable import AppendixPipeline
@testable import AppendixRender

@Suite("Report definitions: loading and validation")
struct DefinitionTests {
    /// A small valid definition. Lines: 1 `sources:`, then `sources` (2 lines by default),
    /// `sheets:`, `- name: Lines`, `source: lines`, `sheetExtra`, `columns:`, then `columns`
    /// (indented six spaces), so by default the first column is on line 8.
    static func yaml(
        columns: String = "      - field: item\n      - id: net\n        field: net_amount\n        format: money\n      - id: vat\n        expression: net * 20%\n        format: money",
        sheetExtra: String? = nil,
        sources: String = "  lines:\n    file: lines.csv"
    ) -> String {
        var lines = ["sources:", sources, "sheets:", "  - name: Lines", "    source: lines"]
        if let sheetExtra { lines.append(sheetExtra) }
        lines += ["    columns:", columns]
        return lines.joined(separator: "\n") + "\n"
    }

    private func load(_ text: String) throws -> ReportDefinition {
        try DefinitionLoader.load(yaml: text, file: "t.yaml")
    }

    /// Expects a ``DefinitionError`` at `line` whose text contains `path` and `message`.
    private func expectError(_ text: String, line: Int, path: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sourceLocation: sourceLocation) {
            try load(text)
        } throws: { error in
            guard let error = error as? DefinitionError else { return false }
            let ok = error.location.line == line && error.location.path == path && error.message.contains(message)
                && error.description.hasPrefix("t.yaml:\(line):")
            if !ok { Issue.record("got: \(error)", sourceLocation: sourceLocation) }
            return ok
        }
    }

    @Test func loadsAValidDefinition() throws {
        let definition = try load(Self.yaml())
        #expect(definition.sources.map(\.name) == ["lines"])
        let sheet = try #require(definition.sheets.first)
        #expect(sheet.columns.map(\.id) == ["item", "net", "vat"])
        #expect(sheet.columns[1].format.code == "£#,##0.00")
        #expect(sheet.print.footer == "&CPage &P of &N")
        guard case .expression(let expression, _) = sheet.columns[2].content else { Issue.record("not computed"); return }
        #expect(expression == .binary(.multiply, .field("net"), .number(0.2)))
    }

    @Test func loadsTheShippedTemplate() throws {
        let definition = try DefinitionLoader.load(contentsOf: TestFiles.root.appendingPathComponent("Templates/registrar-fees.yaml"))
        #expect(definition.sheets.map(\.name) == ["Fees 2019-20", "Benchmarking"])
        #expect(definition.sheets[0].columns.count == 13)
        #expect(definition.source(named: "comparators")?.key == "fee_id")
    }

    @Test func unknownKeySuggestsTheRightOne() {
        expectError(Self.yaml(columns: "      - field: item\n        wdth: 12"), line: 9, path: "sheets[0].columns[0].wdth",
                    "unknown key 'wdth' (did you mean 'width'?)")
    }

    @Test func missingRequiredKeys() {
        expectError("sheets: []\n", line: 1, path: "", "missing required key 'sources'")
        expectError(Self.yaml(columns: "      - header: Item"), line: 8, path: "sheets[0].columns[0]", "a column needs 'field'")
        expectError("sources:\n  a:\n    key: x\nsheets: []\n", line: 3, path: "sources.a", "missing required key 'file'")
    }

    @Test func wrongTypes() {
        expectError(Self.yaml(columns: "      - field: item\n        width: wide"), line: 9, path: "sheets[0].columns[0].width", "expected a number from 0.0 to 255.0, found 'wide'")
        expectError(Self.yaml(columns: "      - field: item\n        wrap: maybe"), line: 9, path: "sheets[0].columns[0].wrap", "expected true or false")
        expectError(Self.yaml(columns: "      - field: item\n        format: monee"), line: 9, path: "sheets[0].columns[0].format", "unknown format 'monee'")
        expectError(Self.yaml(sources: "  lines:\n    file: lines.csv\n    fields:\n      amount: cash"), line: 5, path: "sources.lines.fields.amount", "expected one of auto, text, number, money, percent, integer")
    }

    @Test func badExpressions() {
        expectError(Self.yaml(columns: "      - field: net\n      - id: x\n        expression: net *"), line: 10, path: "sheets[0].columns[1].expression", "cannot read the expression 'net *'")
        expectError(Self.yaml(columns: "      - field: net\n      - id: x\n        expression: nett * 2"), line: 10, path: "sheets[0].columns[1].expression", "'nett' is not a column of sheet 'Lines' (did you mean 'net'?)")
        expectError(Self.yaml(columns: "      - field: net\n      - id: x\n        expression: net > 2"), line: 10, path: "sheets[0].columns[1].expression", "gives TRUE/FALSE")
        expectError(Self.yaml(columns: "      - field: net\n      - id: x\n        expression: text(net, \"hh:mm\")"), line: 10, path: "sheets[0].columns[1].expression", "text() needs a format")
    }

    @Test func cyclesBetweenComputedColumns() {
        expectError(Self.yaml(columns: "      - id: a\n        expression: b + 1\n      - id: b\n        expression: a * 2"), line: 9, path: "sheets[0].columns[0].expression",
                    "depend on each other in a loop: a → b → a")
    }

    @Test func relatedFieldsNeedAKeyedShownSource() {
        let sources = "  lines:\n    file: lines.csv\n  bench:\n    file: bench.csv"
        expectError(Self.yaml(columns: "      - id: a\n        expression: min(bench.fee)", sources: sources), line: 11, path: "sheets[0].columns[0].expression", "source 'bench' has no 'key'")
        let keyed = sources + "\n    key: id"
        expectError(Self.yaml(columns: "      - id: a\n        expression: min(bench.fee)", sources: keyed), line: 12, path: "sheets[0].columns[0].expression", "must be a column of a sheet showing source 'bench'")
        expectError(Self.yaml(columns: "      - id: a\n        expression: bench.fee * 2", sources: keyed), line: 12, path: "sheets[0].columns[0].expression", "use it inside min, max, sum or avg")
        // Formulas refer to the first sheet showing the source: a later sheet showing the field does not do.
        let twoSheets = Self.yaml(columns: "      - id: a\n        expression: min(bench.fee)", sources: keyed)
            + "  - name: Bench\n    source: bench\n    columns:\n      - field: id\n  - name: Bench fees\n    source: bench\n    columns:\n      - field: fee\n"
        expectError(twoSheets, line: 12, path: "sheets[0].columns[0].expression",
                    "'bench.fee' must be a column of sheet 'Bench', the first sheet showing source 'bench', so the formula can refer to it")
    }

    @Test func sheetNamesExcelRefuses() {
        func named(_ name: String) -> String { Self.yaml().replacingOccurrences(of: "name: Lines", with: "name: \"\(name)\"") }
        expectError(named("Fees 2019/20"), line: 5, path: "sheets[0].name", "does not allow '/'")
        expectError(named(String(repeating: "x", count: 32)), line: 5, path: "sheets[0].name", "at most 31 characters")
        expectError(named("History"), line: 5, path: "sheets[0].name", "reserves")
        let twice = Self.yaml() + "\n  - name: LINES\n    source: lines\n    columns:\n      - field: item\n"
        expectError(twice, line: 16, path: "sheets[1].name", "another sheet is already called 'LINES'")
    }

    @Test func duplicateColumnIdsAndBadIDs() {
        expectError(Self.yaml(columns: "      - field: item\n      - field: item"), line: 9, path: "sheets[0].columns[1].id", "already has the id 'item'")
        expectError(Self.yaml(columns: "      - field: Net Amount"), line: 8, path: "sheets[0].columns[0]", "needs an 'id'")
        expectError(Self.yaml(columns: "      - field: x\n        id: 9lives"), line: 9, path: "sheets[0].columns[0].id", "must be letters")
    }

    @Test func yamlSyntaxErrorHasALine() {
        #expect {
            try load("sources:\n  a: [unclosed\nsheets: []\n")
        } throws: { error in
            guard let error = error as? DefinitionError else { return false }
            return error.message.hasPrefix("not valid YAML") && error.location.line >= 2
        }
    }

    @Test func duplicateKeysAreOneLine() {
        #expect {
            try load("sources:\n  a: { file: x.csv }\n  a: { file: y.csv }\nsheets: []\n")
        } throws: { error in
            (error as? DefinitionError)?.description == "t.yaml:2:3: not valid YAML: the key 'a' appears twice in the same mapping"
        }
    }

    @Test func freezeAndPrintSettings() throws {
        let definition = try load(Self.yaml(sheetExtra: "    freeze:\n      columns: 2\n    print:\n      orientation: landscape\n      fit_width: 1\n      footer: \"\""))
        #expect(definition.sheets[0].freeze == FreezePanes(header: true, columns: 2))
        #expect(definition.sheets[0].print.orientation == .landscape)
        #expect(definition.sheets[0].print.fitWidth == 1)
        #expect(definition.sheets[0].print.footer == nil)
        expectError(Self.yaml(sheetExtra: "    freeze:\n      columns: 9"), line: 5, path: "sheets[0].freeze.columns", "cannot freeze 9 columns")
    }
}
