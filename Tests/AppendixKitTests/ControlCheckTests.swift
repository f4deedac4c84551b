import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixExpression
@testable import AppendixLayout
@testable import AppendixPipeline

/// Issue #19: `checks:` (control totals) hold or stop the build before anything is written, in
/// both build modes, from the values the workbook caches.
@Suite("Control checks")
struct ControlCheckTests {
    static let fees = "fee_id,title,amount,comment\nF1,Copy,10,\nF2,Search,-5,\nF3,Late,300,big\nF4,Post,150,\n"
    static let head = """
        sources:
          fees: { file: fees.csv, fields: { amount: money } }
          ledger: { file: ledger.csv, fields: { total: money } }
          reference: { file: reference.csv }
        sheets:
          - name: Fees
            source: fees
            columns:
              - field: fee_id
              - field: title
              - field: amount
              - field: comment
              - id: doubled
                expression: amount * 2
        checks:

        """
    static let modes: [BuildMode] = [.memory, .streaming]

    /// What building `checks` over the sample files gave: the error text (folder removed), and
    /// whether the previous output survived unchanged with no other file left beside it.
    struct Outcome {
        var error: String?
        var keptPrevious: Bool
        var strayFiles: [String]
    }

    static func build(_ checks: String, mode: BuildMode, ledger: String = "total,lines\n455,4\n", reference: String = "fee_id\nF1\nF2\n",
                      checkMode: CheckMode = .enforce) throws -> Outcome {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write(fees, to: "fees.csv", in: folder)
        try TestFiles.write(ledger, to: "ledger.csv", in: folder)
        try TestFiles.write(reference, to: "reference.csv", in: folder)
        let definition = try TestFiles.write(head + checks, to: "t.yaml", in: folder)
        let output = try TestFiles.write("previous", to: "out.xlsx", in: folder)
        var build = ReportBuild(definitionURL: definition, dataDirectory: folder)
        build.checkMode = checkMode
        var message: String?
        do {
            try build.run(output: output, mode: mode)
        } catch {
            message = "\(error)".replacingOccurrences(of: folder.path + "/", with: "").replacingOccurrences(of: definition.path, with: "t.yaml")
        }
        let kept = (try? String(contentsOf: output, encoding: .utf8)) == "previous"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return Outcome(error: message, keptPrevious: kept, strayFiles: files.filter { !["fees.csv", "ledger.csv", "reference.csv", "t.yaml", "out.xlsx"].contains($0) })
    }

    static func expectFailure(_ checks: String, _ lines: [String], ledger: String = "total,lines\n455,4\n", reference: String = "fee_id\nF1\nF2\n",
                              checked: Int = 1) throws {
        for mode in modes {
            let outcome = try build(checks, mode: mode, ledger: ledger, reference: reference)
            let count = "\(lines.count) of \(checked) checks failed"
            #expect(outcome.error == "t.yaml: \(count), so no workbook is written (--warn-only writes it with a Checks sheet):\n" + lines.map { "  " + $0 }.joined(separator: "\n"),
                    "\(mode)")
            #expect(outcome.keptPrevious, "\(mode): the previous workbook is kept")
            #expect(outcome.strayFiles.isEmpty, "\(mode): temporary files left: \(outcome.strayFiles)")
        }
    }

    static func expectPass(_ checks: String, ledger: String = "total,lines\n455,4\n") throws {
        for mode in modes {
            let outcome = try build(checks, mode: mode, ledger: ledger)
            #expect(outcome.error == nil, "\(mode): \(outcome.error ?? "")")
            #expect(!outcome.keptPrevious, "\(mode): the workbook is written")
        }
    }

    @Test func expectPassesAndFailsAgainstAFigure() throws {
        try Self.expectPass("  - name: Total\n    expect: sum(amount) = 455\n")
        try Self.expectPass("  - name: Rows\n    expect: count(fee_id) >= 4\n  - name: Doubled\n    expect: sum(doubled) = 2 * sum(amount)\n")
        try Self.expectFailure("  - name: Total\n    expect: sum(amount) = 450\n",
                               ["check 'Total' (sheet 'Fees'): expected sum(amount) = 450; found sum(amount) is 455"])
        try Self.expectFailure("  - name: Smallest\n    expect: min(amount) >= 0\n",
                               ["check 'Smallest' (sheet 'Fees'): expected min(amount) >= 0; found min(amount) is -5"])
    }

    @Test func expectReadsAControlTotalFromASecondCSV() throws {
        try Self.expectPass("  - name: Ledger\n    expect: sum(amount) = ledger.total\n    tolerance: 0.005\n", ledger: "total,lines\n\"£455.004\",4\n")
        try Self.expectFailure("  - name: Ledger\n    expect: sum(amount) = ledger.total\n    tolerance: 0.005\n",
                               ["check 'Ledger' (sheet 'Fees'): expected sum(amount) = ledger.total (within 0.005); found sum(amount) is 455 and ledger.total is 455.01"],
                               ledger: "total,lines\n455.01,4\n")
        try Self.expectFailure("  - name: Lines\n    expect: count(fee_id) = ledger.lines + 1\n",
                               ["check 'Lines' (sheet 'Fees'): expected count(fee_id) = ledger.lines + 1; found count(fee_id) is 4 and ledger.lines + 1 is 5"])
    }

    @Test func aControlSourceMustHaveOneRowAndANumber() throws {
        for mode in Self.modes {
            let several = try Self.build("  - name: Ledger\n    expect: sum(amount) = ledger.total\n", mode: mode, ledger: "total\n1\n2\n")
            #expect(several.error == "ledger.csv: check 'Ledger' reads ledger.total, but source 'ledger' has 2 data rows; a value read by a check comes from a source of exactly one row (a control total), so keep one row in the file or use sum/count/min/max/avg() of a sheet column")
            #expect(several.keptPrevious)
            let text = try Self.build("  - name: Lines\n    expect: count(fee_id) = ledger.lines\n", mode: mode, ledger: "total,lines\n1,tbc\n")
            #expect(text.error == "ledger.csv:2, column 'lines': check 'Lines' reads ledger.lines, which must be a number; found 'tbc'")
        }
    }

    @Test func eachListsTheRowsThatBreakIt() throws {
        try Self.expectPass("  - name: Big explained\n    each: amount <= 200 or comment <> \"\"\n")
        try Self.expectFailure("  - name: No negative fees\n    each: amount >= 0\n",
                               ["check 'No negative fees' (sheet 'Fees'): expected every row to meet amount >= 0; found 1 of 4 rows do not: fees.csv:3"])
        try Self.expectFailure("  - name: Small or explained\n    each: not (amount > 100 and comment = \"\")\n  - name: Positive\n    each: doubled > 0\n",
                               ["check 'Small or explained' (sheet 'Fees'): expected every row to meet not (amount > 100 and comment = \"\"); found 1 of 4 rows do not: fees.csv:5",
                                "check 'Positive' (sheet 'Fees'): expected every row to meet doubled > 0; found 1 of 4 rows do not: fees.csv:3"], checked: 2)
    }

    @Test func eachListsTenRowsAndCountsTheRest() throws {
        var outcome = CheckOutcome(name: "N", sheet: "S", passed: false, expected: "every row to meet a > 0", found: "12 of 12 rows do not",
                                   location: DefinitionLocation(file: "t.yaml", path: "checks[0]", line: 1, column: 1))
        outcome.rows = (2...11).map { CheckRow(file: "d.csv", line: $0) }
        outcome.rowCount = 12
        #expect(outcome.message == "check 'N' (sheet 'S'): expected every row to meet a > 0; found 12 of 12 rows do not: "
                + (2...11).map { "d.csv:\($0)" }.joined(separator: ", ") + " and 2 more")
    }

    @Test func keysInNamesTheMissingKeys() throws {
        try Self.expectPass("  - name: Every fee\n    keys_in: reference.fee_id\n")
        try Self.expectFailure("  - name: Every fee\n    keys_in: reference.fee_id\n",
                               ["check 'Every fee' (sheet 'Fees'): expected every reference.fee_id (4 keys) in column 'fee_id'; found 2 of 4 keys missing: F9 (reference.csv:3), F7 (reference.csv:5)"],
                               reference: "fee_id\nF1\nF9\nF2\nF7\n")
    }

    @Test func warnOnlyWritesAChecksSheet() throws {
        for mode in Self.modes {
            let folder = try TestFiles.scratchFolder()
            try TestFiles.write(Self.fees, to: "fees.csv", in: folder)
            try TestFiles.write("total,lines\n455,4\n", to: "ledger.csv", in: folder)
            try TestFiles.write("fee_id\nF1\n", to: "reference.csv", in: folder)
            let definition = try TestFiles.write(Self.head + "  - name: Total\n    expect: sum(amount) = 455\n  - name: No negative fees\n    each: amount >= 0\n", to: "t.yaml", in: folder)
            var build = ReportBuild(definitionURL: definition, dataDirectory: folder)
            build.checkMode = .warnOnly
            let output = folder.appendingPathComponent("out.xlsx")
            let summary = try build.run(output: output, mode: mode)
            #expect(summary.sheets.map(\.name) == ["Fees", "Checks"])
            #expect(summary.checks.map(\.passed) == [true, false])
            #expect(summary.warnings.map { $0.message.replacingOccurrences(of: folder.path + "/", with: "") } == ["check 'No negative fees' (sheet 'Fees'): expected every row to meet amount >= 0; found 1 of 4 rows do not: fees.csv:3; built anyway (--warn-only), see sheet 'Checks'"])
            let sheet = try XLSXFile(url: output).sheet("Checks")
            #expect(sheet["A1"]?.value == "Checks: 1 of 2 failed")
            #expect(["A3", "B3", "C3", "D3", "E3", "F3"].map { sheet[$0]?.value } == ["Check", "Sheet", "Result", "Expected", "Found", "Rows"])
            #expect(["A4", "C4", "D4", "E4"].map { sheet[$0]?.value } == ["Total", "pass", "sum(amount) = 455", "sum(amount) is 455"])
            #expect(["A5", "B5", "C5"].map { sheet[$0]?.value } == ["No negative fees", "Fees", "FAIL"])
            #expect(sheet["F5"]?.value == folder.appendingPathComponent("fees.csv").relativeDisplayPath + ":3")
        }
    }

    @Test func validateEvaluatesChecks() throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write(Self.fees, to: "fees.csv", in: folder)
        try TestFiles.write("total\n1\n", to: "ledger.csv", in: folder)
        try TestFiles.write("fee_id\nF1\n", to: "reference.csv", in: folder)
        let definition = try TestFiles.write(Self.head + "  - name: Total\n    expect: sum(amount) = ledger.total\n", to: "t.yaml", in: folder)
        for mode in Self.modes {
            #expect(throws: CheckFailures.self) { try ReportBuild(definitionURL: definition, dataDirectory: folder).validation(mode: mode) }
        }
    }

    @Test(arguments: [
        ("  - name: A\n    expect: sum(amount) = 1\n    each: amount > 0\n", "checks[0]: a check has exactly one of 'expect' (figures compared), 'each' (a condition for every row) or 'keys_in' (keys of another source)"),
        ("  - name: A\n    expect: total(amount) = 1\n", "checks[0].expect: cannot read the check 'total(amount) = 1': 'total' is not a figure: write one of sum, count, min, max, avg of a column id, e.g. sum(total), or source.field for the value of a one-row source (at character 1)"),
        ("  - name: A\n    expect: sum(amout) = 1\n", "checks[0].expect: 'amout' is not a column of sheet 'Fees' (did you mean 'amount'?); add a column with that id (it may be hidden)"),
        ("  - name: A\n    expect: sum(amount)\n", "checks[0].expect: cannot read the check 'sum(amount)': expected a comparison (=, <>, <, <=, > or >=) between two figures, e.g. sum(amount) = ledger.total (at character 12)"),
        ("  - name: A\n    expect: sum(amount) = budget.total\n", "checks[0].expect: no source named 'budget' (in 'budget.total'); sources are: fees, ledger, reference"),
        ("  - name: A\n    expect: sum(amount) < 1\n    tolerance: 0.5\n", "checks[0].tolerance: 'tolerance' applies to = and <> only; '<' compares the figures as they are"),
        ("  - name: A\n    each: amount > 0\n    tolerance: 0.5\n", "checks[0].tolerance: 'tolerance' belongs to an 'expect' check (how far apart two figures may be and still be equal)"),
        ("  - name: A\n    each: amount > 0 or\n", "checks[0].each: cannot read the check 'amount > 0 or': expected a value, found the end of the expression (at character 14)"),
        ("  - name: A\n    keys_in: reference\n", "checks[0].keys_in: expected source.field, the field of another source holding the keys, e.g. reference.fee_id; found 'reference'"),
        ("  - name: A\n    keys_in: reference.code\n", "checks[0].keys_in: 'code' is not a column of sheet 'Fees'; name the sheet's column holding the keys with 'column:'"),
        ("  - name: A\n    sheet: Fee\n    each: amount > 0\n", "checks[0].sheet: no sheet named 'Fee' (did you mean 'Fees'?); sheets are: 'Fees'"),
        ("  - name: A\n    each: amount > 0\n  - name: a\n    each: amount > 0\n", "checks[1].name: another check is already called 'a'"),
    ])
    func definitionErrors(_ checks: String, _ expected: String) {
        let message = ErrorCatalogueTests.definitionError(Self.head + checks)
        #expect(message?.hasSuffix(expected) == true, "got: \(message ?? "no error")")
        #expect(message?.hasPrefix("t.yaml:") == true)
    }

    @Test func conditionsParseWithThreeValuedLogic() throws {
        let condition = try CheckCondition.parse("not (a > 1 or b = \"\") and c <= 2")
        #expect(condition == .and(.not(.or(.test(.binary(.greater, .field("a"), .number(1))), .test(.binary(.equal, .field("b"), .string(""))))),
                                  .test(.binary(.lessOrEqual, .field("c"), .number(2)))))
        var missingOrTrue = [ExcelValue.text("N/A"), .bool(true)].makeIterator()
        #expect(CheckCondition.or(.test(.field("x")), .test(.field("y"))).holds(results: &missingOrTrue) == true)
        var missingAndTrue = [ExcelValue.text("N/A"), .bool(true)].makeIterator()
        #expect(CheckCondition.and(.test(.field("x")), .test(.field("y"))).holds(results: &missingAndTrue) == nil)
        var missing = [ExcelValue.text("N/A")].makeIterator()
        #expect(CheckCondition.not(.test(.field("x"))).holds(results: &missing) == nil)
        // `order` and `notes` are column ids, not the words `or` and `not`.
        #expect(try CheckCondition.parse("notes > order") == .test(.binary(.greater, .field("notes"), .field("order"))))
    }

    @Test func shippedTemplatesCarryChecksThatHold() throws {
        for name in ["registrar-fees", "savings-multi-year"] {
            let definition = try DefinitionLoader.load(contentsOf: TestFiles.root.appendingPathComponent("Templates/\(name).yaml"))
            #expect(definition.checks.count >= 3, "\(name)")
            let build = ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/\(name).yaml"), dataDirectory: ModeParityTests.data)
            for mode in Self.modes {
                let validation = try build.validation(mode: mode)
                #expect(validation.sheets.allSatisfy { $0.name != "Checks" }, "\(name) \(mode)")
            }
        }
    }

    /// Templates/README.md section 16's example builds with every check holding, and fails as
    /// documented when the control total is changed.
    @Test func theReferenceExampleHoldsAndFailsAsDocumented() throws {
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/README.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## 16. Checks: control totals").last)
        let yaml = try #require(section.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "\n```").first)
        let definition = try DefinitionLoader.load(yaml: yaml, file: "example.yaml")
        #expect(Set(definition.checks.map(\.rule)) == [.expect, .each, .keysIn])
        let folder = try TestFiles.scratchFolder()
        let good = try TestFiles.write(yaml, to: "good.yaml", in: folder)
        let bad = try TestFiles.write(yaml.replacingOccurrences(of: "count(recommended) = controls.lines", with: "count(recommended) = controls.lines + 1"), to: "bad.yaml", in: folder)
        for mode in Self.modes {
            let summary = try ReportBuild(definitionURL: good, dataDirectory: ModeParityTests.data).run(output: folder.appendingPathComponent("good.xlsx"), mode: mode)
            #expect(summary.sheets.map(\.name) == ["Fees"])
            #expect {
                try ReportBuild(definitionURL: bad, dataDirectory: ModeParityTests.data).run(output: folder.appendingPathComponent("bad.xlsx"), mode: mode)
            } throws: { error in
                (error as? CheckFailures)?.failures.map(\.message) == ["check 'Every fee line present' (sheet 'Fees'): expected count(recommended) = controls.lines + 1; found count(recommended) is 31 and controls.lines + 1 is 32"]
            }
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("bad.xlsx").path))
        }
    }

    /// `fees uplift` honours `checks:` in its policy: over next year's table, with the input as
    /// source `current`; a failing check stops the table from being written.
    @Test func feeUpliftPolicyChecks() throws {
        let shipped = try String(contentsOf: FeeWorkflowTests.policyURL, encoding: .utf8)
        let fees = ModeParityTests.data.appendingPathComponent("registrar-fees-2018-19.csv")
        func proposalCheck(_ checks: String) throws {
            let policy = try UpliftPolicy.load(yaml: shipped + "\nchecks:\n" + checks, file: "policy.yaml")
            let proposal = try FeeUplift(policy: policy).apply(to: CSVReader(url: fees, displayName: "fees.csv"))
            try proposal.check(policy, fees: fees)
        }
        try proposalCheck("""
              - name: Every line
                expect: count(recommended_2019_20) = 31
              - name: No fee goes down
                each: recommended_2019_20 >= charge_2018_19
              - name: Every current fee proposed
                keys_in: current.fee_id

            """)
        #expect {
            try proposalCheck("  - name: Budget\n    expect: sum(recommended_2019_20) = 8000\n")
        } throws: { error in
            "\(error)" == "policy.yaml: 1 of 1 checks failed, so next year's fee table is not written:\n  check 'Budget' (sheet 'Proposed fees'): expected sum(recommended_2019_20) = 8000; found sum(recommended_2019_20) is 8666.1"
        }
    }
}
