import Foundation
import Testing
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixLayout
@testable import AppendixPipeline

/// Issue #18 item 2: links from a field or a pattern (https and mailto only, written with
/// `worksheet_write_url`, never a formula) and notes from a field — read back from the XML, in
/// both build modes; hostile values are written as plain text.
@Suite("Links and notes")
struct CellLinkTests {
    static let modes: [BuildMode] = [.memory, .streaming]

    static let csv = """
        code,site,email,note
        A1,https://www.gov.uk/register-a-birth,fees@example.gov.uk,Set by statute
        B2,javascript:alert(1),"x"" onmouseover=""y",
        C3,file:///etc/passwd,a b@example.gov.uk,
        D4,"=HYPERLINK(""https://evil.example"",""click"")",=1+1,"=HYPERLINK(""https://evil.example"")"
        E5,https://\(String(repeating: "a", count: 2_080)),b@example.gov.uk,
        F6,HTTPS://EXAMPLE.GOV.UK/FEES?a=1&b=2,c@example.gov.uk,
        """

    static let yaml = """
        sources:
          d: { file: d.csv, fields: { code: text, site: text, email: text, note: text } }
        sheets:
          - name: Links
            source: d
            columns:
              - field: code
                link: "https://example.gov.uk/fees/{code}?from=appendix"
                note_from: note
              - field: site
                link: site
              - field: email
                link: "mailto:{email}"
        """

    static func workbook(mode: BuildMode, csv: String = csv, yaml: String = yaml) throws -> URL {
        let folder = try TestFiles.scratchFolder()
        _ = try TestFiles.write(csv, to: "d.csv", in: folder)
        let output = folder.appendingPathComponent("out.xlsx")
        _ = try ReportBuild(definitionURL: try TestFiles.write(yaml, to: "d.yaml", in: folder), dataDirectory: folder).run(output: output, mode: mode)
        return output
    }

    /// The sheet's links as `cell -> target` (relationships resolved).
    static func links(_ url: URL) throws -> [String: String] {
        let sheet = try XLSXPart.tree(url, "xl/worksheets/sheet1.xml")
        let rels = try XLSXPart.tree(url, "xl/worksheets/_rels/sheet1.xml.rels")
        var targets: [String: String] = [:]
        for rel in rels.children("Relationship") where rel.attributes["TargetMode"] == "External" {
            targets[rel.attributes["Id"] ?? ""] = rel.attributes["Target"]
        }
        var links: [String: String] = [:]
        for link in sheet.descendants("hyperlink") { links[link.attributes["ref"] ?? ""] = targets[link.attributes["r:id"] ?? ""] }
        return links
    }

    @Test(arguments: modes)
    func safeLinksAreWrittenAndHostileOnesAreText(mode: BuildMode) throws {
        let url = try Self.workbook(mode: mode)
        let links = try Self.links(url)
        #expect(links == ["A2": "https://example.gov.uk/fees/A1?from=appendix", "B2": "https://www.gov.uk/register-a-birth", "C2": "mailto:fees@example.gov.uk",
                          "A3": "https://example.gov.uk/fees/B2?from=appendix", "C3": "mailto:x%22%20onmouseover%3D%22y",
                          "A4": "https://example.gov.uk/fees/C3?from=appendix", "C4": "mailto:a%20b@example.gov.uk",
                          "A5": "https://example.gov.uk/fees/D4?from=appendix", "C5": "mailto:%3D1%2B1",
                          "A6": "https://example.gov.uk/fees/E5?from=appendix", "C6": "mailto:b@example.gov.uk",
                          "A7": "https://example.gov.uk/fees/F6?from=appendix", "B7": "HTTPS://EXAMPLE.GOV.UK/FEES?a=1&b=2", "C7": "mailto:c@example.gov.uk"])
        let sheet = try XLSXFile(url: url).sheet("Links")
        #expect(sheet.cells.values.allSatisfy { $0.formula == nil }, "nothing from the CSV becomes a formula")
        #expect(sheet["B3"]?.text == "javascript:alert(1)" && sheet["B4"]?.text == "file:///etc/passwd")
        #expect(sheet["B5"]?.text == "=HYPERLINK(\"https://evil.example\",\"click\")" && sheet["C5"]?.text == "=1+1")
        #expect(sheet["B6"]?.text?.count == 2_088 && links["B6"] == nil, "an address over 2,079 characters is text")
        #expect(sheet["A2"]?.text == "A1" && sheet["C3"]?.text == "x\" onmouseover=\"y")
    }

    @Test(arguments: modes)
    func notesComeFromTheirFieldAsText(mode: BuildMode) throws {
        let url = try Self.workbook(mode: mode)
        let comments = try XLSXPart.tree(url, "xl/comments1.xml").descendants("comment").map { [$0.attributes["ref"] ?? "", $0.allText] }
        #expect(comments == [["A2", "Set by statute"], ["A5", "=HYPERLINK(\"https://evil.example\")"]])
    }

    @Test(arguments: modes)
    func moreThanExcelsLinksOnASheetAreRefusedNamingTheRow(mode: BuildMode) throws {
        let rows = (1...(LinkLimits.linksPerSheet + 1)).map { "R\($0)" }.joined(separator: "\n")
        let yaml = "sources:\n  d: { file: d.csv }\nsheets:\n  - name: Many\n    source: d\n    columns:\n      - { field: code, link: \"https://example.gov.uk/{code}\" }\n"
        let error = #expect(throws: DataError.self) { try Self.workbook(mode: mode, csv: "code\n" + rows + "\n", yaml: yaml) }
        #expect(error?.description.hasSuffix("/d.csv:65532, column 'code': sheet 'Many' would hold more than 65,530 links, Excel's limit for one sheet; filter the sheet's rows or remove 'link' from column 'code'") == true)
    }

    @Test func moreNotesThanAppendixWritesOnASheetAreRefusedNamingTheRow() throws {
        let rows = (1...(LinkLimits.notesPerSheet + 1)).map { "R\($0),n" }.joined(separator: "\n")
        let yaml = "sources:\n  d: { file: d.csv }\nsheets:\n  - name: Many\n    source: d\n    columns:\n      - { field: code, note_from: note }\n"
        let error = #expect(throws: DataError.self) { try Self.workbook(mode: .streaming, csv: "code,note\n" + rows + "\n", yaml: yaml) }
        #expect(error?.description.hasSuffix("/d.csv:10002, column 'code': sheet 'Many' would hold more than 10,000 notes, the most Appendix writes on one sheet; filter the sheet's rows or remove 'note_from' from column 'code'") == true)
    }

    @Test(arguments: [
        ("      - { field: a, link: \"http://example.gov.uk/{a}\" }\n",
         "t.yaml:7:27: sheets[0].columns[0].link: a link pattern starts with 'https://' and a host, or 'mailto:', written in the definition (not from a field); found 'http://example.gov.uk/{a}'"),
        ("      - { field: a, link: \"{a}/fees\" }\n",
         "t.yaml:7:27: sheets[0].columns[0].link: a link pattern starts with 'https://' and a host, or 'mailto:', written in the definition (not from a field); found '{a}/fees'"),
        ("      - { field: a, link: \"https://{a}/fees\" }\n",
         "t.yaml:7:27: sheets[0].columns[0].link: a link pattern starts with 'https://' and a host, or 'mailto:', written in the definition (not from a field); found 'https://{a}/fees'"),
        ("      - { field: a, link: \"https://example.gov.uk/{a\" }\n",
         "t.yaml:7:27: sheets[0].columns[0].link: a '{' in the link pattern 'https://example.gov.uk/{a' has no matching '}' or names no field"),
        ("      - { id: b, expression: \"1\", link: url }\n",
         "t.yaml:7:41: sheets[0].columns[0].link: 'link' makes a CSV field's text a link, so it applies to a 'field' column; this column is computed"),
        ("      - { id: b, expression: \"1\", note_from: n }\n",
         "t.yaml:7:46: sheets[0].columns[0].note_from: 'note_from' attaches a note to a CSV field's cell, so it applies to a 'field' column; this column is computed"),
    ])
    func linkKeysAreCheckedWithTheirKeyPath(_ column: String, _ message: String) {
        let base = "sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns:\n      - field: x\n"
        let yaml = base.replacingOccurrences(of: "      - field: x\n", with: column)
        #expect(ErrorCatalogueTests.definitionError(yaml) == message)
    }
}
