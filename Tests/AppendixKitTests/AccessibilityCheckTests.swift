@testable import AppendixCheck
import AppendixKit
@testable import AppendixZip
import Foundation
import Testing

/// `appendix check` on the workbooks of scripts/check-fixtures.py (committed in
/// Fixtures/check): a clean workbook, one bad workbook per rule, gptables' output.
@Suite("Accessibility check")
struct AccessibilityCheckTests {
    static func fixture(_ name: String) -> URL { TestFiles.fixture("check/\(name)") }

    static func findings(_ name: String) throws -> [AccessibilityFinding] {
        try WorkbookCheck.check(fixture(name), displayName: name)
    }

    @Test func aWorkbookMadeToTheGuidanceHasNoFindings() throws {
        #expect(try Self.findings("clean.xlsx") == [])
    }

    @Test(arguments: AccessibilityRule.allCases)
    func eachBadWorkbookFailsExactlyItsRule(rule: AccessibilityRule) throws {
        let findings = try Self.findings("bad-\(rule.rawValue).xlsx")
        #expect(findings.map(\.rule) == [rule], "\(findings.map(\.line))")
    }

    @Test func findingsSayWhereAndWhat() throws {
        let expected: [String: String] = [
            "title-in-a1": "title-in-a1 'Table_1'!A1: A1 is empty: the sheet has no title there",
            "table-markup": "table-markup 'Table_1'!A3:C6: the sheet's data is not marked up as an Excel table",
            "single-header-row": "single-header-row 'Table_1'!A3:C3: row 3, right above table fees, is a second header row",
            "merged-cells": "merged-cells 'Table_1'!A1:C1: cells A1:C1 are merged",
            "blank-in-table": "blank-in-table 'Table_1'!A5:C5: blank row inside the table",
            "content-below-table": "content-below-table 'Table_1'!A8: 1 filled cell below the table",
            "default-sheet-name": "default-sheet-name 'Sheet2': the sheet has the default name 'Sheet2'",
            "hidden-sheet": "hidden-sheet 'Table_2': the sheet is hidden",
            "cover-sheet": "cover-sheet workbook: no cover sheet (a sheet named Cover)",
            "contents-sheet": "contents-sheet workbook: no contents sheet (a sheet named Contents) for 2 table sheets",
            "notes-sheet": "notes-sheet workbook: no Notes sheet, but 'Table_1' has notes (a [note N] reference or a note below its table)",
            "alt-text": "alt-text 'Table_1'!E3: the chart 'Chart 1' has no alternative text",
            "document-title": "document-title workbook: the document properties have no title",
            "colour-only": "colour-only 'Table_1'!C4:C6: 1 cell filled FFC7CE or otherwise apart from their row and column, 1 of them holding a number or nothing",
            "contrast": "contrast 'Table_1'!A4: text BBBBBB on FFFFFF has contrast 1.92:1 (1 cell)",
        ]
        for rule in AccessibilityRule.allCases {
            let finding = try #require(try Self.findings("bad-\(rule.rawValue).xlsx").first)
            #expect(finding.line == "\(try #require(expected[rule.rawValue])); fix: \(rule.fix)")
        }
    }

    /// gptables 2.0.2 never sets the document title (it has no option for it): the one finding,
    /// explained in docs/accessibility.md; with the title set on its workbook, none.
    @Test func gptablesWorkbookFailsOnlyTheDocumentTitle() throws {
        #expect(try Self.findings("gptables.xlsx").map(\.rule) == [.documentTitle])
        #expect(try Self.findings("gptables-titled.xlsx") == [])
    }

    @Test(arguments: [
        ("hostile-not-a-zip.xlsx", nil, "it is not a zip file, so not an xlsx workbook"),
        ("hostile-cut-short.xlsx", nil, "the zip directory is missing"),
        ("hostile-zip-bomb.xlsx", nil, "xl/workbook.xml inflates more than 200 times its compressed size (a zip bomb?)"),
        ("hostile-lying-size.xlsx", nil, "xl/workbook.xml inflates more than 200 times its compressed size (a zip bomb?)"),
        ("hostile-billion-laughs.xlsx", "xl/workbook.xml", SafeXML.dtdRefusal),
        ("hostile-external-entity.xlsx", "xl/worksheets/sheet1.xml", SafeXML.dtdRefusal),
        ("hostile-malformed-xml.xlsx", "xl/workbook.xml", "is not well-formed XML (line 1: the part ends inside a tag)"),
        ("hostile-utf16.xlsx", "xl/workbook.xml", "is not UTF-8 XML (it must begin with '<')"),
    ] as [(String, String?, String)])
    func hostileFilesAreRefusedWithAReason(name: String, part: String?, reason: String) {
        #expect(throws: WorkbookReadError(file: name, part: part, reason: reason)) { try Self.findings(name) }
    }

    @Test func limitsOnEntriesAndSizes() throws {
        let clean = Self.fixture("clean.xlsx")
        func refusal(_ limits: ZipLimits) -> String? {
            do {
                _ = try WorkbookCheck.check(clean, displayName: "clean.xlsx", limits: limits)
                return nil
            } catch {
                return error.message
            }
        }
        var entries = ZipLimits(), part = ZipLimits(), total = ZipLimits()
        entries.entries = 5
        part.entrySize = 1_000
        total.totalSize = 20_000
        #expect(refusal(entries) == "cannot be read: it holds 21 zip entries, more than the 5 allowed")
        #expect(refusal(part) == "cannot be read: xl/_rels/workbook.xml.rels inflates to more than 1000 bytes (the limit for one part)")
        #expect(refusal(total) == "cannot be read: the parts inflate to more than 20000 bytes (the limit for a workbook)")
    }

    /// A zip64 end record claiming 2^64 - 1 entries at an offset past the end: a clean error
    /// (the values are clamped, and compared without overflow).
    @Test func hugeZip64FieldsAreAnErrorNotACrash() throws {
        func le(_ value: UInt64, _ bytes: Int) -> [UInt8] { (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        var file: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 26)
        let record = file.count
        file += le(0x0606_4B50, 4) + le(44, 8) + le(45, 2) + le(45, 2) + le(0, 4) + le(0, 4)
            + le(.max, 8) + le(.max, 8) + le(.max, 8) + le(0x7FFF_FFFF_FFFF_FFF0, 8)
        file += le(0x0706_4B50, 4) + le(0, 4) + le(UInt64(record), 8) + le(1, 4)
        file += le(0x0605_4B50, 4) + le(0, 4) + le(0xFFFF, 2) + le(0xFFFF, 2) + le(0xFFFF_FFFF, 4) + le(0xFFFF_FFFF, 4) + le(0, 2)
        let folder = try TestFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try TestFiles.write(bytes: file, to: "zip64.xlsx", in: folder)
        #expect(throws: WorkbookReadError(file: "zip64.xlsx", part: nil, reason: "the zip directory is cut short")) {
            try WorkbookCheck.check(url, displayName: "zip64.xlsx")
        }
    }

    @Test func aFileThatIsNotThereIsAClearError() {
        #expect(throws: WorkbookReadError(file: "missing.xlsx", part: nil, reason: "it cannot be opened (No such file or directory)")) {
            try WorkbookCheck.check(URL(fileURLWithPath: "/nonexistent/missing.xlsx"), displayName: "missing.xlsx")
        }
    }
}

/// Charts and pictures found in a drawing part: in group shapes and in the first choice of
/// markup-compatibility content (Excel's newer charts), once each.
@Suite("Check: drawings")
struct CheckDrawingTests {
    @Test func groupsAndAlternateContent() throws {
        let drawing = """
            <xdr:wsDr xmlns:xdr="x" xmlns:mc="m"><xdr:twoCellAnchor><xdr:from><xdr:col>4</xdr:col><xdr:row>2</xdr:row></xdr:from>
            <mc:AlternateContent><mc:Choice Requires="cx1"><xdr:graphicFrame><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1" descr="Fees by year"/></xdr:nvGraphicFramePr></xdr:graphicFrame></mc:Choice>
            <mc:Fallback><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="2" name="Chart 1"/></xdr:nvSpPr></xdr:sp></mc:Fallback></mc:AlternateContent></xdr:twoCellAnchor>
            <xdr:twoCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:row>9</xdr:row></xdr:from><xdr:grpSp>
            <xdr:pic><xdr:nvPicPr><xdr:cNvPr id="3" name="Logo"/></xdr:nvPicPr></xdr:pic></xdr:grpSp></xdr:twoCellAnchor></xdr:wsDr>
            """
        let root = try SafeXML.tree(Array(drawing.utf8), name: "d.xml")
        let found = root.children.flatMap { anchor in PackageReader.graphics(in: anchor).map { "\($0.kind.rawValue) \($0.node.descendants("cNvPr").first?.attributes["descr"] ?? "-")" } }
        #expect(found == ["chart Fees by year", "picture -"])
    }
}
