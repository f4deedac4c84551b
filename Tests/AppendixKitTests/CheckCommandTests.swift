import AppendixKit
import Foundation
import Testing

/// `appendix check`: exit status, text and JSON output, and Appendix's own print layout, which
/// fails the guidance on purpose (merged titles, notes under tables, no Excel tables).
@Suite("appendix check")
struct CheckCommandTests {
    static func check(_ arguments: [String]) throws -> ProcessRun {
        try TestProcess.run(TestProcess.product("appendix"), ["check"] + arguments, in: TestFiles.fixture("check"))
    }

    @Test func aCleanWorkbookExitsZero() throws {
        let run = try Self.check(["clean.xlsx"])
        #expect(run.status == 0)
        #expect(run.output == "check: 1 workbook, 0 findings, 1 clean\n")
    }

    @Test func findingsAndUnreadableFilesExitOne() throws {
        let run = try Self.check(["clean.xlsx", "bad-merged-cells.xlsx", "hostile-not-a-zip.xlsx"])
        #expect(run.status == 1)
        #expect(run.output == """
            bad-merged-cells.xlsx: merged-cells 'Table_1'!A1:C1: cells A1:C1 are merged; fix: \(AccessibilityRule.mergedCells.fix)
            check: 3 workbooks, 1 finding, 1 clean, 1 could not be read

            """)
        #expect(run.error == "appendix: error: hostile-not-a-zip.xlsx: cannot be read: it is not a zip file, so not an xlsx workbook\n")
    }

    @Test func jsonHasStableFields() throws {
        let run = try Self.check(["bad-hidden-sheet.xlsx", "hostile-cut-short.xlsx", "--format", "json"])
        #expect(run.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(json["summary"] as? [String: Int] == ["files": 2, "clean": 0, "unreadable": 1, "findings": 1])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.map { $0["file"] as? String } == ["bad-hidden-sheet.xlsx", "hostile-cut-short.xlsx"])
        #expect(files[0]["error"] is NSNull)
        #expect(files[1]["error"] as? String == "cannot be read: the zip directory is missing")
        let finding = try #require((files[0]["findings"] as? [[String: Any]])?.first)
        #expect(Set(finding.keys) == ["rule", "sheet", "range", "message", "fix", "checklistItem"])
        #expect(finding["rule"] as? String == "hidden-sheet")
        #expect(finding["sheet"] as? String == "Table_2")
        #expect(finding["range"] is NSNull)
        #expect(finding["checklistItem"] as? String == AccessibilityRule.hiddenSheet.checklistItem)
        #expect(try JSONDecoder().decode(CheckReport.self, from: Data(run.output.utf8)).summary.findings == 1)
    }

    /// Appendix's print layout (Templates/registrar-fees.yaml) gives exactly these findings, as
    /// listed in docs/accessibility.md.
    @Test func appendixPrintLayoutFailsOnPurpose() throws {
        let folder = try TestFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("registrar-fees.xlsx")
        _ = try ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/registrar-fees.yaml"),
                            dataDirectory: TestFiles.root.appendingPathComponent("SampleData")).run(output: output, mode: .auto)
        let lines = try WorkbookCheck.check(output).map { "\($0.rule.rawValue) \($0.place)" }
        #expect(lines == [
            "cover-sheet workbook", "contents-sheet workbook",
            "table-markup 'Fees 2019-20'!A4:M35", "merged-cells 'Fees 2019-20'!A1:M1", "merged-cells 'Fees 2019-20'!A2:M2",
            "merged-cells 'Fees 2019-20'!A37:M37", "merged-cells 'Fees 2019-20'!A38:M38", "content-below-table 'Fees 2019-20'!A37:A38",
            "table-markup 'Benchmarking'!A4:C80", "merged-cells 'Benchmarking'!A1:C1", "merged-cells 'Benchmarking'!A2:C2",
        ])
    }
}
