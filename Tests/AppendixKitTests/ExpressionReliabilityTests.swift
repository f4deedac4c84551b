import AppendixKit
import Foundation
import Testing

/// Issue #11, expression stage: results too large for Excel (5), comparisons as spreadsheets
/// make them (9), aggregates of nothing (13) and expressions too deep or long (14). Every case
/// goes through the public build call or the `appendix` binary.
@Suite("expression reliability")
struct ExpressionReliabilityTests {
    /// A definition of sheet `A` over `d.csv` with the given column lines.
    static func definition(_ columns: String, sheet extra: String = "") -> String {
        "sources:\n  d: { file: d.csv }\nsheets:\n  - name: A\n    source: d\n\(extra)    columns:\n\(columns)"
    }

    /// Builds `yaml` over the files in a new folder; the error text (folder removed) or the workbook.
    static func build(_ yaml: String, files: [String: String], mode: BuildMode = .auto) throws -> Result<URL, BuildFailure> {
        let folder = try TestFiles.scratchFolder()
        for (name, text) in files { try TestFiles.write(text, to: name, in: folder) }
        let definition = try TestFiles.write(yaml, to: "t.yaml", in: folder)
        let output = folder.appendingPathComponent("out.xlsx")
        do {
            _ = try ReportBuild(definitionURL: definition, dataDirectory: folder).run(output: output, mode: mode)
            return .success(output)
        } catch {
            return .failure(BuildFailure(message: "\(error)".replacingOccurrences(of: folder.path + "/", with: ""), limit: (error as? AppendixError)?.limit))
        }
    }

    struct BuildFailure: Error, Equatable {
        var message: String
        /// The limit the error names, if any.
        var limit: ExcelLimit?
    }

    static func failure(_ yaml: String, _ csv: String, mode: BuildMode = .auto) throws -> BuildFailure? {
        guard case .failure(let failure) = try build(yaml, files: ["d.csv": csv], mode: mode) else { return nil }
        return failure
    }

    static func message(_ yaml: String, _ csv: String, mode: BuildMode = .auto) throws -> String? {
        try failure(yaml, csv, mode: mode)?.message
    }

    static func sheet(_ yaml: String, files: [String: String], name: String = "A") throws -> XLSXSheet {
        let output = try build(yaml, files: files).get()
        return try XLSXFile(url: output).sheet(name)
    }

    // MARK: 5. Results too large for Excel

    static let product = definition("      - { field: a }\n      - { field: b }\n      - { id: p, header: Product, expression: \"a * b\" }\n")

    @Test(arguments: [BuildMode.memory, .streaming])
    func overflowingResultNamesSheetColumnAndLine(mode: BuildMode) throws {
        let failure = try Self.failure(Self.product, "a,b\n2,3\n1e300,1e300\n", mode: mode)
        #expect(failure?.limit == .numberSize)
        #expect(failure?.message == "d.csv:3, column 'Product': the result of 'a * b' is too large for Excel (sheet 'A'; Excel's numbers go up to about 1.8E+308)")
    }

    @Test func overflowHiddenBehindTheMissingTextIsStillAnError() throws {
        // A division makes the formula IFERROR(…,"N/A"): #NUM! must not pass as a quiet N/A.
        let yaml = Self.definition("      - { field: a }\n      - { field: b }\n      - { id: p, expression: \"a * b / 2\" }\n      - { id: t, expression: 'text(a * b, \"0\")' }\n")
        #expect(try Self.message(yaml, "a,b\n1e300,1e300\n") == "d.csv:2, column 'p': the result of 'a * b / 2' is too large for Excel (sheet 'A'; Excel's numbers go up to about 1.8E+308)")
        let text = Self.definition("      - { field: a }\n      - { field: b }\n      - { id: t, expression: 'text(a * b, \"0\")' }\n")
        #expect(try Self.message(text, "a,b\n1e300,1e300\n") == "d.csv:2, column 't': the result of 'text(a * b, \"0\")' is too large for Excel (sheet 'A'; Excel's numbers go up to about 1.8E+308)")
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func overflowingTotalIsAnError(mode: BuildMode) throws {
        let yaml = Self.definition("      - { field: a, header: Amount }\n", sheet: "    totals: { columns: [a], label: Total }\n")
        let failure = try Self.failure(yaml, "a\n1e308\n1e308\n", mode: mode)
        #expect(failure?.limit == .numberSize)
        #expect(failure?.message == "d.csv, column 'Amount': the 'Total' row of sheet 'A' adds up to more than Excel can hold (Excel's numbers go up to about 1.8E+308)")
    }

    @Test func largeFiniteResultsAreWritten() throws {
        let sheet = try Self.sheet(Self.product, files: ["d.csv": "a,b\n1e200,1e100\n"])
        #expect(sheet["C2"]?.number == 1e300)
    }

    // MARK: 9. Comparisons and text as spreadsheets make them

    static let nearEqual = definition([
        #"- { field: result }"#,
        #"- { field: target }"#,
        #"- { field: c }"#,
        #"- { id: rag, expression: 'rag(result, target, "Bigger is Better")' }"#,
        #"- { id: hit, expression: 'if(result = target, "on target", "off target")' }"#,
        #"- { id: below, expression: 'if(result < target, "below", "not below")' }"#,
        #"- { id: above, expression: 'if(result > target, "above", "not above")' }"#,
        #"- { id: gap, expression: "result - target" }"#,
        #"- { id: cancel, expression: "c + 0.2 - 0.3" }"#,
        #"- { id: big, expression: 'text(result * 1e18, "0")' }"#,
        ##"- { id: bigger, expression: 'text(result * 1e18, "#,##0.00")' }"##,
        #"- { id: fraction, expression: 'text(result * 1e11 + 0.345678, "0.000000")' }"#,
        #"- { id: threshold, expression: 'rag(result, target * 10 / 9, "Bigger is Better")' }"#,
    ].map { "      " + $0 + "\n" }.joined())
    static let nearEqualData = "result,target,c\n0.30000000000000004,0.3,0.1\n1.2345678901234567,1.2345678901234567,0.1\n0.9,1,0.1\n"

    @Test func nearEqualNumbersCompareAsInSpreadsheets() throws {
        let sheet = try Self.sheet(Self.nearEqual, files: ["d.csv": Self.nearEqualData])
        #expect(sheet["D2"]?.text == "GREEN")
        #expect(sheet["E2"]?.text == "on target")
        #expect(sheet["F2"]?.text == "not below")
        #expect(sheet["G2"]?.text == "not above")
        #expect(sheet["H2"]?.number == 0)
        #expect(sheet["I2"]?.number == 0)
        #expect(sheet["J3"]?.text == "1234567890123460000")
        #expect(sheet["K3"]?.text == "1,234,567,890,123,460,000.00")
        #expect(sheet["L3"]?.text == "123456789012.691000")
        // 0.9 against 1 × 10 / 9: 10% short to 15 digits, so RED, not AMBER.
        #expect(sheet["M4"]?.text == "RED")
        #expect(sheet["D4"]?.text == "RED")
    }

    @Test func comparisonRuleUnit() {
        #expect(SpreadsheetMath.approximatelyEqual(0.1 + 0.2, 0.3))
        #expect(SpreadsheetMath.approximatelyEqual(1 + 3e-15, 1))
        #expect(!SpreadsheetMath.approximatelyEqual(1 + 4e-15, 1))
        #expect(!SpreadsheetMath.approximatelyEqual(1e-300, 0))
        #expect(SpreadsheetMath.subtract(0.1 + 0.2, 0.3) == 0)
        #expect(SpreadsheetMath.add(0.30000000000000004, -0.3) == 0)
        #expect(SpreadsheetMath.add(0.1, 0.2) == 0.1 + 0.2)
        #expect(TextFormat("0")?.format(1234567890123456789) == "1234567890123460000")
        #expect(TextFormat("0.0")?.format(99999999999999.99) == "100000000000000.0")
        #expect(TextFormat("0.00")?.format(0.125) == "0.13")
    }

    // MARK: 13. Aggregates of nothing

    static let related = """
        sources:
          fees: { file: fees.csv, key: id }
          comparators: { file: comp.csv, key: id }
        sheets:
          - name: Fees
            source: fees
            columns:
              - { field: id }
              - { field: x }
              - { field: y }
              - { id: low, expression: "min(comparators.fee)" }
              - { id: high, expression: "max(comparators.fee)" }
              - { id: total, expression: "sum(comparators.fee)" }
              - { id: mean, expression: "avg(comparators.fee)" }
              - { id: both, expression: "sum(x:y)" }
              - { id: cells, expression: "max(x, y)" }
              - { id: floor, expression: "max(x, y, 0)" }
              - { id: twice, expression: "sum(x:y) * 2" }
          - name: Comparators
            source: comparators
            columns:
              - { field: id }
              - { field: fee }

        """
    static let relatedFiles = ["fees.csv": "id,x,y\nA,1,\nB,N/A,\nC,2,3\n", "comp.csv": "id,fee\nA,N/A\nA,\nB,5\nB,N/A\n"]

    @Test func aggregatesOfNoNumberShowTheMissingText() throws {
        let sheet = try Self.sheet(Self.related, files: Self.relatedFiles, name: "Fees")
        #expect(sheet["D2"]?.formula == "IF(COUNT('Comparators'!$B$2:$B$3)=0,\"N/A\",MIN('Comparators'!$B$2:$B$3))")
        #expect(sheet["D2"]?.text == "N/A")
        #expect(sheet["E2"]?.text == "N/A")
        #expect(sheet["F2"]?.text == "N/A")
        #expect(sheet["G2"]?.text == "N/A")
        #expect(sheet["F3"]?.number == 5)
        #expect(sheet["H3"]?.formula == "IF(COUNT(B3:C3)=0,\"N/A\",SUM(B3:C3))")
        #expect(sheet["H2"]?.number == 1)
        #expect(sheet["H3"]?.text == "N/A")
        #expect(sheet["I3"]?.formula == "IF(COUNT(B3,C3)=0,\"N/A\",MAX(B3,C3))")
        #expect(sheet["I3"]?.text == "N/A")
        // A literal among the arguments is always a number: no guard, 0 as Excel gives.
        #expect(sheet["J3"]?.formula == "MAX(B3,C3,0)")
        #expect(sheet["J3"]?.number == 0)
        #expect(sheet["K3"]?.formula == "IFERROR(IF(COUNT(B3:C3)=0,NA(),SUM(B3:C3))*2,\"N/A\")")
        #expect(sheet["K3"]?.text == "N/A")
        #expect(sheet["K4"]?.number == 10)
        // C has no comparator rows at all: the missing text as a plain value, as before.
        #expect(sheet["D4"]?.text == "N/A" && sheet["D4"]?.formula == nil)
    }

    // MARK: 9 and 13 in LibreOffice

    @Test func cachedValuesMatchLibreOffice() throws {
        guard let python = Self.pythonWithOpenpyxl(), Self.hasLibreOffice() else {
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "LibreOffice and openpyxl are needed under CI")
            return
        }
        let folder = try TestFiles.scratchFolder()
        let first = try Self.build(Self.nearEqual, files: ["d.csv": Self.nearEqualData]).get()
        let second = try Self.build(Self.related, files: Self.relatedFiles).get()
        try FileManager.default.copyItem(at: first, to: folder.appendingPathComponent("near-equal.xlsx"))
        try FileManager.default.copyItem(at: second, to: folder.appendingPathComponent("empty-aggregates.xlsx"))
        let run = try Self.run(python, [TestFiles.root.appendingPathComponent("scripts/verify-workbooks.py").path, folder.path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("2 workbooks, 0 differences"), "\(run.output)")
    }

    static func pythonWithOpenpyxl() -> String? {
        let candidates = [ProcessInfo.processInfo.environment["APPENDIX_PYTHON"], TestFiles.root.appendingPathComponent(".build-venv/bin/python").path,
                          "/work/main/.build-venv/bin/python", "/usr/bin/python3"].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) && ((try? run($0, ["-c", "import openpyxl"]).status) == 0) }
    }

    static func hasLibreOffice() -> Bool {
        (try? run("/usr/bin/env", ["sh", "-c", "command -v soffice"]).status) == 0
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> ProcessRun {
        try TestProcess.run(URL(fileURLWithPath: executable), arguments, mergingErrors: true)
    }

    // MARK: 14. Expressions too deep or too long

    static func expressionFailure(_ expression: String) throws -> BuildFailure? {
        let yaml = definition("      - { field: amount }\n      - { id: p, expression: '\(expression)' }\n")
        return try failure(yaml, "amount\n1\n")
    }

    static func expressionMessage(_ expression: String) throws -> String? {
        try expressionFailure(expression)?.message
    }

    @Test func deeplyNestedExpressionsAreRefusedNotCrashing() throws {
        let nested = "brackets, functions and signs are nested more than 64 deep here; split the expression over several columns"
        let brackets = String(repeating: "(", count: 3_000) + "amount" + String(repeating: ")", count: 3_000)
        #expect(try Self.expressionFailure(brackets)?.limit == .expressionNesting(maximum: 64))
        #expect(try Self.expressionMessage(brackets) == "t.yaml:8:30: sheets[0].columns[1].expression: cannot read the expression '\(String(repeating: "(", count: 60))…': \(nested) (at character 65)")
        let signs = String(repeating: "-", count: 5_000) + "amount"
        #expect(try Self.expressionMessage(signs) == "t.yaml:8:30: sheets[0].columns[1].expression: cannot read the expression '\(String(repeating: "-", count: 60))…': \(nested) (at character 65)")
        let calls = String(repeating: "abs(", count: 10_000) + "amount" + String(repeating: ")", count: 10_000)
        #expect(try Self.expressionMessage(calls) == "t.yaml:8:30: sheets[0].columns[1].expression: cannot read the expression '\(String(repeating: "abs(", count: 15))…': \(nested) (at character 257)")
    }

    @Test func longFlatChainIsRefusedNotCrashing() throws {
        let chain = "amount" + String(repeating: "+1", count: 3_999)
        #expect(try Self.expressionFailure(chain)?.limit == .expressionDepth(maximum: 100))
        #expect(try Self.expressionMessage(chain) == "t.yaml:8:30: sheets[0].columns[1].expression: cannot read the expression 'amount\(String(repeating: "+1", count: 27))…': the expression is too deep to work out: more than 100 operators, functions and signs lie inside one another here (each operator of a chain such as a + b + c counts); split it over several columns (at character 207)")
    }

    @Test func displayPatternWithTooManyPartsIsRefused() throws {
        let yaml = Self.definition("      - { field: amount }\n      - { id: p, display: \"\(String(repeating: "{amount}", count: 3_000))\" }\n")
        #expect(try Self.failure(yaml, "amount\n1\n")?.limit == .expressionDepth(maximum: 100))
        #expect(try Self.message(yaml, "amount\n1\n") == "t.yaml:8:27: sheets[0].columns[1].display: cannot read the display pattern '\(String(repeating: "{amount}", count: 7)){amo…': the pattern joins too many parts to work out: more than 100 levels of joins and expressions; split it over several columns (at character 801)")
    }

    @Test func formulasBeyondExcelsLimitsAreDefinitionErrors() throws {
        let long = "amount & \"" + String(repeating: "x", count: 8_200) + "\""
        #expect(try Self.expressionFailure(long)?.limit == .formulaCharacters(found: 8_211, maximum: 8_192))
        #expect(try Self.expressionMessage(long) == "t.yaml:8:30: sheets[0].columns[1].expression: the formula Excel would get is 8,211 characters long; Excel allows at most 8,192 (split the expression over several columns)")
        let functions = String(repeating: "abs(", count: 64) + "amount" + String(repeating: ")", count: 64)
        #expect(try Self.expressionFailure(functions)?.limit == .formulaNesting(found: 65, maximum: 64))
        #expect(try Self.expressionMessage(functions) == "t.yaml:8:30: sheets[0].columns[1].expression: the formula Excel would get nests functions 65 deep; Excel allows at most 64 levels (split the expression over several columns)")
        let fits = String(repeating: "abs(", count: 63) + "amount" + String(repeating: ")", count: 63)
        #expect(try Self.expressionMessage(fits) == nil)
        // rag() repeats its arguments: nested, the formula would be huge; refused before it is built.
        let rags = String(repeating: "rag(", count: 9) + "amount" + String(repeating: ", amount, \"x\")", count: 9)
        #expect(try Self.expressionFailure(rags)?.limit == .formulaCharacters(found: 100_000, maximum: 8_192))
        #expect(try Self.expressionMessage(rags) == "t.yaml:8:30: sheets[0].columns[1].expression: the formula Excel would get is more than 100,000 characters long; Excel allows at most 8,192 (split the expression over several columns)")
    }

    /// The deepest expression allowed, built and evaluated on a thread with a 512 KiB stack
    /// (as batch workers may have), in both build modes.
    @Test(arguments: [(terms: 99, calls: 0), (terms: 36, calls: 63)])
    func deepestAllowedExpressionIsSafeOnSmallStacks(terms: Int, calls: Int) throws {
        let inner = "amount" + String(repeating: "+1", count: terms)
        let expression = String(repeating: "abs(", count: calls) + inner + String(repeating: ")", count: calls)
        let yaml = Self.definition("      - { field: amount }\n      - { id: p, expression: '\(expression)' }\n")
        for mode in [BuildMode.memory, .streaming] {
            let outcome = Self.onSmallStack { try Self.build(yaml, files: ["d.csv": "amount\n1\n2\n"], mode: mode) }
            let sheet = try XLSXFile(url: try #require(try outcome?.get()).get()).sheet("A")
            #expect(sheet["B2"]?.number == Double(terms + 1), "\(mode)")
        }
    }

    @Test func deepExpressionThroughBatch() throws {
        let folder = try TestFiles.scratchFolder()
        let chain = "amount" + String(repeating: "+1", count: 99)
        try TestFiles.write(Self.definition("      - { field: amount }\n      - { id: p, expression: '\(chain)' }\n").replacingOccurrences(of: "file: d.csv", with: "file: in/d.csv"), to: "t.yaml", in: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("in"), withIntermediateDirectories: true)
        for name in ["one", "two", "three"] { try TestFiles.write("amount\n1\n", to: "in/\(name).csv", in: folder) }
        let run = try CommandLineTests.appendix(["batch", "t.yaml", "--inputs", "in/*.csv", "--output", "out/{name}.xlsx"], in: folder)
        #expect(run.status == 0, "\(run.error)")
        let sheet = try XLSXFile(url: folder.appendingPathComponent("out/two.xlsx")).sheet("A")
        #expect(sheet["B2"]?.number == 100)
    }

    /// Runs `body` on a thread with a 512 KiB stack and returns its result.
    static func onSmallStack<T: Sendable>(_ body: @escaping @Sendable () throws -> T) -> Result<T, any Error>? {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = Result { try body() }
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        return box.value
    }
}

/// Carries a result from a thread; the semaphore orders the write before the read.
private final class ResultBox<T>: @unchecked Sendable {
    var value: Result<T, any Error>?
}
