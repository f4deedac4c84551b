import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixExpression
@testable import AppendixFees
@testable import AppendixLayout
@testable import AppendixPipeline
@testable import AppendixRender

/// The messages of docs/errors.md, each produced for real: what was expected, what was found,
/// and where (file, line, key path or CSV column).
@Suite("Error catalogue")
struct ErrorCatalogueTests {
    static func definitionError(_ yaml: String) -> String? {
        do { _ = try DefinitionLoader.load(yaml: yaml, file: "t.yaml"); return nil } catch { return "\(error)" }
    }

    static let base = "sources:\n  d:\n    file: d.csv\nsheets:\n  - name: S\n    source: d\n    columns:\n      - field: item\n"

    @Test(arguments: [
        ("", "t.yaml:1:1: the definition is empty: expected 'sources' and 'sheets'"),
        ("sources: {}\nsheets: []\n", "t.yaml:1:10: sources: expected at least one source"),
        ("sources:\n  d: { file: d.csv }\nsheets: []\n", "sheets: expected at least one sheet"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns: []\n", "sheets[0].columns: expected at least one column"),
        ("sources: [a]\nsheets: []\n", "sources: expected a mapping of names, found a list"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  a: 1\n", "sheets: expected a list, found a mapping"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: [x]\n    source: d\n    columns: [ { field: a } ]\n", "sheets[0].name: expected text, found a list"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns: [ item ]\n", "sheets[0].columns[0]: expected a mapping of keys"),
        ("sources:\n  my-data: { file: d.csv }\nsheets: []\n", "sources.my-data: a source name must be letters, digits and underscores, starting with a letter; found 'my-data'"),
        ("sources:\n  d: { file: d.csv, folder: f }\nsheets: []\n", "sources.d: a source has either 'file' or 'folder', not both"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: data\n    columns: [ { field: a } ]\n", "sheets[0].source: no source named 'data'; sources are: d"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: a, expression: a } ]\n", "a column has either 'field' or 'expression', not both"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: a, display: \"{a}\" } ]\n", "a column has one of 'field', 'expression' or 'display'"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: \"\"\n    source: d\n    columns: [ { field: a } ]\n", "sheets[0].name: a sheet name cannot be empty"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: \"'Fees\"\n    source: d\n    columns: [ { field: a } ]\n", "a sheet name cannot begin or end with an apostrophe"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: a, align: centre } ]\n", "sheets[0].columns[0].align: expected one of left, center, right, found 'centre'"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    print: { paper: a5 }\n    columns: [ { field: a } ]\n", "sheets[0].print.paper: expected one of a4, a3, letter, found 'a5'"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns:\n      - { for_each: [], id: \"x_{key}\", field: \"x_{key}\" }\n", "for_each: expected at least one value to repeat the column for"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    header_groups: [ { title: T, columns: [a, b, c] } ]\n    columns: [ { field: a }, { field: b } ]\n", "header_groups[0].columns: expected the first and last column id of the group"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    header_groups: [ { title: T, columns: [a, total] } ]\n    columns: [ { field: a }, { field: b } ]\n", "sheets[0].header_groups[0]: 'total' is not a column id of this sheet"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    header_groups: [ { title: T, columns: [b, a] } ]\n    columns: [ { field: a }, { field: b } ]\n", "sheets[0].header_groups[0]: 'b' comes after 'a'; list the leftmost column first"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    header_groups: [ { title: T, columns: [a, b] }, { title: U, columns: [b, b] } ]\n    columns: [ { field: a }, { field: b } ]\n", "sheets[0].header_groups[1]: column 'b' is already under another header group"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    totals: { columns: [nett] }\n    columns: [ { field: a } ]\n", "sheets[0].totals: 'nett' is not a column id of this sheet (in totals)"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    summary: { name: Sum, rows: a, value: a }\n    columns: [ { field: a } ]\n", "a summary needs 'per_period' on its sheet"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: \"{period}\"\n    source: d\n    per_period: p\n    summary: { name: Sum, rows: a, value: count }\n    columns: [ { field: a } ]\n", "'count' is not a column id of this sheet (in summary)"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: \"{period}\"\n    source: d\n    per_period: p\n    summary: { name: Sum, rows: a, value: a, chart: { type: pie } }\n    columns: [ { field: a } ]\n", "sheets[0].summary.chart.type: expected one of column, line, found 'pie'"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    filter: \"committee =\"\n    columns: [ { field: a } ]\n", "sheets[0].filter: cannot read the filter 'committee =': expected a value"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: a }, { id: b, display: \"{a\" } ]\n", "cannot read the display pattern '{a': '{' has no matching '}'"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: a }, { field: n }, { id: c, expression: \"a:n\" } ]\n", "'a:n' is several cells: use it inside min, max, sum or avg"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: a }, { id: c, expression: \"min(benchmarks.fee)\" } ]\n", "no source named 'benchmarks' (in 'benchmarks.fee')"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: a }, { id: c, expression: \"sum()\" } ]\n", "sum() takes at least 1 argument, found 0"),
        ("sources:\n  d:\n    file: d.csv\n    file: e.csv\nsheets: []\n", "t.yaml:3:5: not valid YAML: the key 'file' appears twice in the same mapping"),
        ("sources:\n  d: { file: d.csv }\n", "t.yaml:1:1: missing required key 'sheets'"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - source: d\n    columns: [ { field: a } ]\n", "t.yaml:4:5: sheets[0]: missing required key 'name'"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    columns: [ { field: a } ]\n", "t.yaml:4:5: sheets[0]: missing required key 'source'"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n", "t.yaml:4:5: sheets[0]: missing required key 'columns'"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: \"{period}\"\n    source: d\n    per_period: p\n    summary: { name: Sum, rows: a }\n    columns: [ { field: a } ]\n", "sheets[0].summary: missing required key 'value'"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: \"{period}\"\n    source: d\n    per_period: p\n    summary: { name: \"Sum/Total\", rows: a, value: a }\n    columns: [ { field: a } ]\n", "Excel does not allow '/' in a sheet name ('Sum/Total')"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    freeze: { columns: two }\n    columns: [ { field: a } ]\n", "sheets[0].freeze.columns: expected a whole number from 0 to 16383, found 'two'"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    print: { orientation: sideways }\n    columns: [ { field: a } ]\n", "sheets[0].print.orientation: expected one of portrait, landscape, found 'sideways'"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: a }, { id: c, expression: \"sum(a:)\" } ]\n", "expected a column id after 'a:'"),
        ("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: a }, { id: c, expression: \"sum(a b)\" } ]\n", "expected ',' or ')' in the argument list"),
    ])
    func definitionMessages(_ yaml: String, _ expected: String) {
        let message = Self.definitionError(yaml)
        #expect(message?.contains(expected) == true, "got: \(message ?? "no error")")
        #expect(message?.hasPrefix("t.yaml:") == true)
    }

    @Test func definitionFileProblems() throws {
        let folder = try TestFiles.scratchFolder()
        #expect(throws: DefinitionError.self) { try DefinitionLoader.load(contentsOf: folder.appendingPathComponent("nonexist.yaml")) }
        let latin = try TestFiles.write(bytes: Array("sources: caf".utf8) + [0xE9], to: "latin.yaml", in: folder)
        #expect {
            try DefinitionLoader.load(contentsOf: latin, displayName: "latin.yaml")
        } throws: { "\($0)" == "latin.yaml:1:1: the definition file is not UTF-8 text" }
        var sheet = "sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns:\n"
        for index in 0...16_384 { sheet += "      - { field: c\(index) }\n" }
        #expect(Self.definitionError(sheet)?.contains("Excel allows at most 16,384 columns; this sheet has 16385") == true)
        #expect(Self.definitionLimit(sheet) == .sheetColumns(found: 16_385, maximum: 16_384))
    }

    static func definitionLimit(_ yaml: String) -> ExcelLimit? {
        do { _ = try DefinitionLoader.load(yaml: yaml, file: "t.yaml"); return nil } catch { return (error as? AppendixError)?.limit }
    }

    /// Limits are told apart by case; the message (quoted in docs/errors.md) stays the same.
    @Test(arguments: [
        ("    print: { footer: \"\(String(repeating: "x", count: 256))\" }\n", "    columns: [ { field: a } ]\n",
         ExcelLimit.pageHeaderFooterCharacters(found: 256, maximum: 255), "sheets[0].print.footer: Excel allows at most 255 characters in a page footer; found 256"),
        ("    print: { header: \"\(String(repeating: "x", count: 300))\" }\n", "    columns: [ { field: a } ]\n",
         .pageHeaderFooterCharacters(found: 300, maximum: 255), "sheets[0].print.header: Excel allows at most 255 characters in a page header; found 300"),
        ("", "    columns: [ { field: a, format: \"\(String(repeating: "0", count: 256))\" } ]\n",
         .numberFormatCharacters(found: 256, maximum: 255), "an Excel number format has at most 255 characters; this one has 256"),
        ("", "    columns: [ { field: a }, { id: b, expression: \"\(String(repeating: "-", count: 70))a\" } ]\n",
         .expressionNesting(maximum: 64), "brackets, functions and signs are nested more than 64 deep here"),
    ])
    func definitionLimits(_ sheetKeys: String, _ columns: String, _ limit: ExcelLimit, _ message: String) {
        let yaml = "sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n" + sheetKeys + columns
        #expect(Self.definitionLimit(yaml) == limit)
        #expect(Self.definitionError(yaml)?.contains(message) == true, "got: \(Self.definitionError(yaml) ?? "no error")")
    }

    @Test func initLimitIsACase() {
        let columns = (0...16_384).map { ColumnProfile(name: "c\($0)", kind: .text) }
        #expect {
            try DefinitionScaffold.checkFitsASheet(columns, file: "wide.csv")
        } throws: { ($0 as? DataError)?.limit == .sheetColumns(found: 16_385, maximum: 16_384) }
    }

    /// Builds `yaml` over the CSV files given, returning the error text.
    static func buildError(_ yaml: String, files: [String: String]) throws -> String? {
        let folder = try TestFiles.scratchFolder()
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let definition = try TestFiles.write(yaml, to: "t.yaml", in: folder)
        do {
            try ReportBuild(definitionURL: definition, dataDirectory: folder).run(output: folder.appendingPathComponent("out.xlsx"))
            return nil
        } catch {
            return "\(error)".replacingOccurrences(of: folder.path + "/", with: "")
        }
    }

    @Test func dataMessages() throws {
        let simple = "sources:\n  d: { file: d.csv, fields: { b: %@ } }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: a }, { field: b } ]\n"
        for (type, value, expected) in [("number", "abc", "expected a number such as 1234.5, £1,234.50 or (243), found 'abc'"),
                                        ("integer", "1.5", "expected a whole number such as 42 or 1,234, found '1.5'"),
                                        ("percent", "half", "expected a percentage such as 12.5%, found 'half'")] {
            let message = try Self.buildError(String(format: simple, type), files: ["d.csv": "a,b\nx,\(value)\n"])
            #expect(message?.hasSuffix("d.csv:2, column 'b': \(expected)") == true, "got \(message ?? "nil")")
        }
        let keyed = "sources:\n  d: { file: d.csv, key: fee_id }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: a } ]\n"
        #expect(try Self.buildError(keyed, files: ["d.csv": "a\n1\n"]) == "t.yaml:2:26: sources.d.key: the CSV d.csv has no column 'fee_id'; its columns are: a")
        let sorted = "sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    sort: [ref]\n    filter: table = 6\n    columns: [ { field: a } ]\n"
        #expect(try Self.buildError(sorted, files: ["d.csv": "a,table\n1,6\n"]) == "t.yaml:6:12: sheets[0].sort[0]: the CSV d.csv has no column 'ref'; its columns are: a, table")
        let filtered = "sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    filter: table = 6\n    columns: [ { field: a } ]\n"
        #expect(try Self.buildError(filtered, files: ["d.csv": "a\n1\n"]) == "t.yaml:6:13: sheets[0].filter: the CSV d.csv has no column 'table'; its columns are: a")
        let periods = "sources:\n  d: { file: d.csv }\nsheets:\n  - name: \"{period}\"\n    source: d\n    per_period: period\n    columns: [ { field: a } ]\n"
        #expect(try Self.buildError(periods, files: ["d.csv": "period,a\n2018-10,1\nAutumn 2018,2\n"]) == "d.csv:3, column 'period': expected a period such as 2018-10, Oct 2018 or Q2 2018/19, found 'Autumn 2018'")
        #expect(try Self.buildError(periods.replacingOccurrences(of: "per_period: period", with: "per_period: month"), files: ["d.csv": "period,a\n2018-10,1\n"]) == "t.yaml:6:17: sheets[0].per_period: the CSV d.csv has no column 'month'; its columns are: period, a")
        let samename = "sources:\n  d: { file: d.csv }\nsheets:\n  - name: Month\n    source: d\n    per_period: period\n    columns: [ { field: a } ]\n"
        #expect(try Self.buildError(samename, files: ["d.csv": "period,a\n2018-10,1\n2018-11,2\n"])?.contains("two sheets would be called 'Month'; put {period} in the per-period sheet's name") == true)
        let folder = "sources:\n  d: { folder: f }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: a } ]\n"
        #expect(try Self.buildError(folder, files: ["f/readme.txt": "x"]) == "f: the folder has no .csv files")
        #expect(try Self.buildError(folder, files: ["f/notes.csv": "a\n1\n"]) == "f/notes.csv: the file name has no period such as 2018-10 (expected e.g. enforcement-2018-10.csv)")
        #expect(try Self.buildError(folder, files: ["f/x-2018-10.csv": "a,period\n1,x\n"]) == "f/x-2018-10.csv:1, column 'period': the file already has a 'period' column; the period comes from the file name")
        #expect(try Self.buildError(folder, files: ["f/x-2018-10.csv": "a\n1\n", "f/x-2018-11.csv": "b\n1\n"]) == "f/x-2018-11.csv:1: the header differs from the folder's first file: expected a")
        #expect(try Self.buildError(folder.replacingOccurrences(of: "folder: f", with: "file: sub"), files: ["sub/x.txt": ""]) == "sub: this is a folder, not a CSV file")
        let split = """
            sources:
              d: { file: d.csv, key: item }
              v: { file: v.csv }
            sheets:
              - name: B
                source: d
                group_by: [ { field: g, subtotal: false } ]
                columns: [ { field: item }, { field: n } ]
              - name: V
                source: v
                columns: [ { field: item }, { id: total, expression: "sum(d.n)" } ]
            """
        #expect(try Self.buildError(split, files: ["d.csv": "item,g,n\nA,x,1\nB,y,2\nA,y,3\n", "v.csv": "item\nA\n"]) ==
            "d.csv:4: rows with item 'A' are not together on sheet 'B' (its group_by splits them), so formulas cannot refer to them as one range")
    }

    @Test func policyMessages() throws {
        func policyError(_ yaml: String) -> String? {
            do { _ = try UpliftPolicy.load(yaml: yaml, file: "p.yaml"); return nil } catch { return "\(error)" }
        }
        #expect(policyError("") == "p.yaml:1:1: the policy is empty")
        #expect(policyError("amount: [fee\n")?.hasPrefix("p.yaml:2:1: not valid YAML:") == true)
        #expect(policyError("amount: [fee\n")?.contains("\n") == false)
        #expect(policyError("amount: fee\nproposed: p\ndefault: { percent: 4 }\nfrozn: [A]\n") == "p.yaml:4:1: frozn: unknown key 'frozn' (did you mean 'frozen'?); allowed here: key, amount, current, proposed, higher_end_column, default, areas, lines, frozen, statutory, higher_end, allow_decrease, benchmark, drop, checks")
        #expect(policyError("proposed: p\ndefault: { percent: 4 }\n") == "p.yaml:1:1: missing required key 'amount'")
        #expect(policyError("amount: fee\nproposed: p\ndefault: { reason: x }\n")?.hasSuffix("default: the default rule needs a 'percent'") == true)
        #expect(policyError("amount: fee\nproposed: p\ndefault: { percent: 4 }\nareas: { field: t }\n")?.hasSuffix("areas: areas need 'field' and 'rules'") == true)
        #expect(policyError("amount: fee\nproposed: p\ndefault: { percent: four }\n")?.hasSuffix("default.percent: expected a percentage such as 4 or 4.25, found 'four'") == true)
        #expect(policyError("amount: fee\nproposed: p\ndefault: { percent: 4 }\nlines:\n  A: { amount: lots }\n")?.hasSuffix("lines.A.amount: expected an amount such as 165 or £20.85, found 'lots'") == true)
        #expect(policyError("amount: fee\nproposed: p\ndefault: { percent: 4 }\nlines:\n  A: { amount: 5, percent: 2 }\n")?.hasSuffix("lines.A: a rule has either 'percent' or 'amount', not both") == true)
        #expect(policyError("amount: fee\nproposed: p\ndefault: { percent: 4, round: { to: 0 } }\n")?.hasSuffix("default.round.to: expected a step such as 0.05, 0.25 or 1, found '0'") == true)
        #expect(policyError("amount: fee\nproposed: p\ndefault: { percent: 4, round: { to: 1, mode: ceiling } }\n")?.hasSuffix("default.round.mode: expected one of nearest, up, down, found 'ceiling'") == true)
        #expect(policyError("amount: fee\nproposed: p\ndefault: { percent: 4 }\nbenchmark: { tolerance: 5000 }\n")?.hasSuffix("benchmark.tolerance: expected a number from 0.0 to 1000.0, found '5000'") == true)

        // Against a fee table.
        let fees = "fee_id,description,fee\nA,Ceremony,£10.00\nA,Copy,£5.00\n"
        for (policy, csv, expected) in [
            ("amount: charge\nproposed: p\ndefault: { percent: 4 }\n", "fee_id,fee\nA,1\n", "fees.csv:1: no column 'charge' (named by 'amount' in policy.yaml); the header has: fee_id, fee"),
            ("amount: fee\nproposed: p\ndefault: { percent: 4 }\nfrozen: [Z8]\n", "fee_id,fee\nA,1\n", "policy.yaml:4:10: frozen[0]: no fee with fee_id 'Z8' in fees.csv"),
            ("amount: fee\nproposed: p\ndefault: { percent: 4 }\nhigher_end: { Z7: 5 }\n", "fee_id,fee\nA,1\n", "no fee with fee_id 'Z7' in fees.csv"),
            ("amount: fee\nproposed: p\ndefault: { percent: 4 }\n", fees, "fees.csv:3, column 'fee_id': the fee key 'A' appears twice; keys must be unique"),
            ("amount: fee\nproposed: p\ndefault: { percent: 4 }\n", "fee_id,fee\nA\n", "fees.csv:2: expected 2 fields as in the header, found 1"),
        ] {
            let message: String?
            do { _ = try FeeWorkflowTests.uplift(UpliftPolicy.load(yaml: policy, file: "policy.yaml"), csv: csv); message = nil } catch { message = "\(error)" }
            #expect(message?.hasSuffix(expected) == true, "got \(message ?? "nil")")
        }
    }

    @Test func comparatorAndDiffMessages() throws {
        let folder = try TestFiles.scratchFolder()
        for (csv, expected) in [("fee_id,borough,amount\nA,X,1\n", "c.csv:1: expected columns 'fee_id' and 'fee'; the header has: fee_id, borough, amount"),
                                ("fee_id,fee\nA,ten\n", "c.csv:2, column 'fee': expected an amount, found 'ten'"),
                                ("fee_id,borough,fee\nA,1\n", "c.csv:2: expected 3 fields as in the header, found 2")] {
            let url = try TestFiles.write(csv, to: "c.csv", in: folder)
            #expect(throws: DataError.self) { try FeeUplift.comparators(from: CSVReader(url: url, displayName: "c.csv")) }
            do { _ = try FeeUplift.comparators(from: CSVReader(url: url, displayName: "c.csv")) } catch { #expect("\(error)" == expected) }
        }
        let fees = try TestFiles.write("fee_id,description,fee\nA,x,1\n", to: "f.csv", in: folder)
        do {
            _ = try FeeDiff(key: "code", oldAmount: "fee", newAmount: "fee").compare(old: CSVReader(url: fees, displayName: "f.csv"), new: CSVReader(url: fees, displayName: "f.csv"))
            Issue.record("no error")
        } catch { #expect("\(error)" == "f.csv:1: no column 'code' (--key); the header has: fee_id, description, fee") }
        do {
            _ = try FeeDiff(oldAmount: "charge", newAmount: "fee").compare(old: CSVReader(url: fees, displayName: "f.csv"), new: CSVReader(url: fees, displayName: "f.csv"))
            Issue.record("no error")
        } catch { #expect("\(error)" == "f.csv:1: no column 'charge' (the amount column); the header has: fee_id, description, fee") }
    }

    @Test func batchMessages() throws {
        let build = ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/enforcement-month.yaml"), dataDirectory: TestFiles.root.appendingPathComponent("SampleData"))
        #expect { try BatchBuild(build: build).jobs(inputs: "nothing/*.csv", output: "/tmp/x-{name}.xlsx") } throws: { "\($0)".hasSuffix("nothing/*.csv: no input files match") }
        #expect { try BatchBuild(build: build).jobs(inputs: "enforcement-monthly-illustrative/*.csv", output: "/tmp/same.xlsx") } throws: {
            "\($0)" == "/tmp/same.xlsx: several inputs would write this file (SampleData/enforcement-monthly-illustrative/enforcement-2018-04.csv and SampleData/enforcement-monthly-illustrative/enforcement-2018-05.csv); put {name} in the output pattern"
        }
        #expect { try BatchBuild(build: build).jobs(inputs: "enforcement-monthly-illustrative/*.csv", output: "/tmp/e-{month}.xlsx") } throws: {
            "\($0)" == "/tmp/e-{month}.xlsx: unknown placeholder in the output pattern; use {name}, {period}"
        }
        #expect { try BatchBuild(build: build).jobs(split: "month", output: "/tmp/e-{value}.xlsx") } throws: {
            "\($0)".hasSuffix("enforcement-2018-10.csv:1: no column 'month' to split by; the header has: period, measure, count")
        }
        #expect { try BatchBuild(build: build, sourceName: "data").jobs(split: "period", output: "/tmp/e-{value}.xlsx") } throws: {
            "\($0)".hasSuffix("sources: no source named 'data'; sources are: enforcement")
        }
    }

    @Test func feeCSVThatCannotBeWritten() throws {
        var writer = CSVWriter(header: ["a"])
        writer.rows = [["1"]]
        #expect {
            try writer.write(to: URL(fileURLWithPath: "/nonexistent/next.csv"))
        } throws: { error in
            (error as? DataError)?.description.hasPrefix("/nonexistent/next.csv: cannot write the CSV file:") == true
        }
    }

    /// No sheet is refused streaming any more (issue #12): sorted, grouped, keyed, per-period
    /// and folder sheets are ordered in memory, then streamed through the same layout.
    @Test func everyDefinitionStreams() throws {
        let data = TestFiles.root.appendingPathComponent("SampleData")
        for template in ["savings-multi-year", "registrar-fees", "theme-committee-savings", "enforcement-monthly"] {
            let build = ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/\(template).yaml"), dataDirectory: data)
            #expect(try build.streams(build.loadDefinition(), mode: .streaming))
        }
    }

    @Test func usageErrorsExit64() throws {
        let unknown = try CommandLineTests.appendix(["build", "Templates/enforcement-month.yaml", "--bogus"])
        #expect(unknown.status == 64 && unknown.error.contains("Unknown option '--bogus'"))
        let missing = try CommandLineTests.appendix(["build"])
        #expect(missing.status == 64 && missing.error.contains("Missing expected argument '<template>'"))
        let both = try CommandLineTests.appendix(["batch", "Templates/enforcement-month.yaml", "--output", "x-{name}.xlsx"])
        #expect(both.status == 64 && both.error.contains("give exactly one of --inputs or --split"))
    }
}
