import Foundation
import Testing
@testable import AppendixCheck
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixLayout
@testable import AppendixPipeline

/// Issue #16 items 2-3: the accessible variant of a definition (`publish: accessible`,
/// `--accessible`): cover, contents and notes sheets, Excel tables with one header row, no
/// merged cells, totals in a table of their own, and 0 findings from `appendix check`.
@Suite("Accessible variant")
struct AccessibleVariantTests {
    static let templates = TestFiles.root.appendingPathComponent("Templates")
    static let data = TestFiles.root.appendingPathComponent("SampleData")

    /// Builds `definition` (a file) as the accessible variant into `folder`.
    static func build(_ definition: URL, in folder: URL, name: String) throws -> URL {
        var build = ReportBuild(definitionURL: definition, dataDirectory: data)
        build.publication = .accessible
        let output = folder.appendingPathComponent(name)
        try build.run(output: output)
        return output
    }

    /// Each Excel table of `url` as `SHEET!REF: header, header …`, in part order.
    static func tables(_ url: URL) throws -> [String] {
        let workbook = try XLSXPart.tree(url, "xl/workbook.xml")
        let rels = try XLSXPart.tree(url, "xl/_rels/workbook.xml.rels")
        var lines: [String] = []
        for (index, sheet) in workbook.descendants("sheet").enumerated() {
            let target = try #require(rels.children("Relationship").first { $0.attributes["Id"] == sheet.attributes["r:id"] }?.attributes["Target"])
            let sheetPath = "xl/" + target
            let sheetRels = sheetPath.replacingOccurrences(of: "worksheets/", with: "worksheets/_rels/") + ".rels"
            guard try XLSXPart.paths(url, under: sheetRels).contains(sheetRels) else { continue }
            for rel in try XLSXPart.tree(url, sheetRels).children("Relationship") where rel.attributes["Target"]?.contains("tables/") == true {
                let table = try XLSXPart.tree(url, "xl/tables/" + (rel.attributes["Target"] ?? "").components(separatedBy: "/").last!)
                let names = table.descendants("tableColumn").compactMap { $0.attributes["name"] }
                lines.append("\(sheet.attributes["name"] ?? "\(index)")!\(table.attributes["ref"] ?? ""): \(names.joined(separator: ", "))")
            }
        }
        return lines
    }

    /// Every shipped template's accessible variant has no finding, no merged cell, a cover,
    /// contents and notes sheet first, and a document title.
    @Test func everyTemplatesVariantIsClean() throws {
        let folder = try TestFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.templates.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 17)
        for name in names {
            let output = try Self.build(Self.templates.appendingPathComponent(name), in: folder, name: name + ".xlsx")
            #expect(try WorkbookCheck.check(output).map { "\($0.rule.rawValue) \($0.place)" } == [], "\(name)")
            let workbook = try XLSXFile(url: output)
            #expect(Array(workbook.sheetNames.prefix(3)) == ["Cover", "Contents", "Notes"], "\(name)")
            for sheet in workbook.sheetNames { #expect(try workbook.sheet(sheet).mergedRanges == [], "\(name) \(sheet)") }
            #expect(try !Self.tables(output).isEmpty, "\(name)")
        }
    }

    /// Templates/README.md section 19's example: header groups flattened, the group level as the
    /// first column, subtotals left out, the totals table with SUBTOTAL(109, …) and cached
    /// values, the note numbered on the Notes sheet and referred to from the title, the cover.
    @Test func theReferenceExampleIsLaidOutAsDocumented() throws {
        let text = try String(contentsOf: Self.templates.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## 19. Accessible publication").last)
        let yaml = try #require(section.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "\n```").first)
        let folder = try TestFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let definition = try TestFiles.write(yaml, to: "savings.yaml", in: folder)
        #expect(try DefinitionLoader.load(contentsOf: definition).publish == .accessible)
        let output = folder.appendingPathComponent("savings.xlsx")
        let summary = try ReportBuild(definitionURL: definition, dataDirectory: Self.data).run(output: output)
        #expect(summary.sheets.map(\.name) == ["Cover", "Contents", "Notes", "Savings"])
        #expect(try WorkbookCheck.check(output) == [])
        let headers = "Section, Line Ref, Opportunity Area, Budget 2018/19 £,000, 2019/20 – Saving £,000, 2019/20 – FTE, Saving as % of budget"
        #expect(try Self.tables(output) == ["Contents!A3:B5: Sheet, Title", "Notes!A3:C4: Note number, Sheet, Note text",
                                            "Savings!A3:G4: \(headers)",
                                            "Savings!A7:D8: Section, Budget 2018/19 £,000, 2019/20 – Saving £,000, Saving as % of budget"])
        let workbook = try XLSXFile(url: output)
        let sheet = try workbook.sheet("Savings")
        #expect(sheet["A1"]?.text == "Savings proposals by section [note 1]")
        #expect(sheet["A4"]?.text == "Service Redesign")
        #expect(sheet["F4"]?.text == "[x]")  // the FTE field is empty and no formula reads it
        #expect(sheet["A6"]?.text == SheetStream.totalsLabel)
        #expect(sheet["A8"]?.text == "Total")
        #expect(sheet["B8"]?.formula == "SUBTOTAL(109,D4)")
        #expect(sheet["B8"]?.number == 817_350)
        #expect(sheet["C8"]?.formula == "SUBTOTAL(109,E4)")
        #expect(sheet["C8"]?.number == -243)
        // The % column recomputed from the totals table's own cells.
        #expect(sheet["D8"]?.formula == "IFERROR(IF(COUNT(C8,B8)<2,\"N/A\",C8/B8),\"N/A\")")
        #expect(sheet["D8"]?.number == -243.0 / 817_350)
        let notes = try workbook.sheet("Notes")
        #expect([notes["A4"]?.text, notes["B4"]?.text, notes["C4"]?.text] == ["[note 1]", "Savings", "The figures are illustrative."])
        let cover = try workbook.sheet("Cover")
        #expect([cover["A1"], cover["A3"], cover["B3"], cover["A4"], cover["B4"], cover["A5"], cover["B5"]].map { $0?.text } ==
                ["Savings proposals 2019/20", "Source", "Savings tracker, finance team (illustrative)", "Contact", "finance@example.gov.uk",
                 "Date", "28 January 2019"])
        let contents = try workbook.sheet("Contents")
        #expect(contents["A4"]?.formula == "HYPERLINK(\"#'Savings'!A1\",\"Savings\")")
        #expect(contents["A4"]?.text == "Savings")
        #expect(try XLSXPart.tree(output, "docProps/core.xml").descendants("title").first?.text == "Savings proposals 2019/20")
    }

    /// The cover's date is the build's day when `cover:` gives none.
    @Test func coverDateDefaultsToTheBuildDate() throws {
        let definition = try DefinitionLoader.load(yaml: """
            publish: accessible
            sources: { s: { file: s.csv } }
            sheets: [ { name: Data, source: s, columns: [ { field: a }, { field: b } ] } ]
            """, file: "t.yaml")
        let table = DataTable(file: "s.csv", header: ["a", "b"], rows: [DataRow(line: 2, values: [.text("x"), .number(1)])])
        var assembly = try WorkbookAssembly(definition: definition, tables: ["s": table])
        assembly.buildDate = Date(timeIntervalSince1970: 1_764_115_200)  // 26 November 2025, 00:00 UTC
        let layout = LayoutCollector()
        _ = try assembly.run(into: layout)
        #expect(layout.sheets.map(\.name) == ["Cover", "Contents", "Notes", "Data"])
        let cover = layout.sheets[0].cells.map(\.content)
        #expect(cover == [.text("t"), .text("Date"), .text("26 November 2025"), .text("Shorthand"), .text("[x]: not available (no value in the data)")])
        #expect(layout.sheets[2].cells.map(\.content) == [.text("Notes: this workbook has no notes")])
        #expect(layout.sheets[3].settings.tables == [TableLayout(firstRow: 2, lastRow: 3, headers: ["a", "b"])])
    }

    /// `--warn-only` with a failed check: the Checks sheet is an Excel table too, so still no finding.
    @Test func checksSheetIsATable() throws {
        let folder = try TestFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: Self.templates.appendingPathComponent("registrar-fees.yaml"), encoding: .utf8)
        let failing = text.replacingOccurrences(of: "expect: count(recommended) = controls.lines", with: "expect: count(recommended) = controls.lines + 1")
        #expect(failing != text)
        var build = ReportBuild(definitionURL: try TestFiles.write(failing, to: "fees.yaml", in: folder), dataDirectory: Self.data)
        build.publication = .accessible
        build.checkMode = .warnOnly
        let output = folder.appendingPathComponent("fees.xlsx")
        let summary = try build.run(output: output)
        #expect(summary.sheets.last?.name == "Checks")
        #expect(try WorkbookCheck.check(output) == [])
        #expect(try Self.tables(output).last == "Checks!A3:F8: Check, Sheet, Result, Expected, Found, Rows")
    }

    /// A sheet's autofilter is left out (each table has its own filter, and Excel refuses a sheet
    /// autofilter overlapping a table).
    @Test func autofilterIsLeftOut() throws {
        let definition = try DefinitionLoader.load(yaml: """
            publish: accessible
            sources: { s: { file: s.csv } }
            sheets: [ { name: Data, source: s, autofilter: true, columns: [ { field: a }, { field: b } ] } ]
            """, file: "t.yaml")
        let table = DataTable(file: "s.csv", header: ["a", "b"], rows: [DataRow(line: 2, values: [.text("x"), .number(1)])])
        let layout = LayoutCollector()
        _ = try WorkbookAssembly(definition: definition, tables: ["s": table]).run(into: layout)
        #expect(layout.sheets[3].rows.allSatisfy { $0.autofilter == nil })
        #expect(layout.sheets[3].settings.tables.count == 1)
    }

    /// Header groups flatten to `Group – Column`, unique (case ignored) and at most 255 characters.
    @Test func flattenedHeadersAreUniqueAndShort() throws {
        var sheet = SheetDefinition(name: "S", source: "s", columns: [
            .field("a", header: "Total"), .field("b", header: "total"), .field("c", header: String(repeating: "x", count: 300)),
            .field("d", header: String(repeating: "x", count: 300)), .field("e", header: " "), .field("f", header: "Amount"),
        ])
        sheet.headerGroups = [HeaderGroup(title: "2019", first: "f", last: "f")]
        let headers = AccessibleVariant.flattenedHeaders(sheet)
        #expect(headers[0] == "Total")
        #expect(headers[1] == "total (2)")
        #expect(headers[2] == String(repeating: "x", count: 255))
        #expect(headers[3] == String(repeating: "x", count: 251) + " (2)")
        #expect(headers[4] == "Column 5")
        #expect(headers[5] == "2019 – Amount")
        #expect(AccessibleVariant.fieldHeader("fee_group") == "Fee group")
    }

    /// Charts get alt text when the definition gives none; the summary chart too.
    @Test func chartsHaveAltText() throws {
        let folder = try TestFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["revenue-forecast", "enforcement-monthly", "registrar-fee-benchmarks"] {
            let output = try Self.build(Self.templates.appendingPathComponent(name + ".yaml"), in: folder, name: name + ".xlsx")
            let drawings = try XLSXPart.paths(output, under: "xl/drawings/drawing")
            #expect(!drawings.isEmpty, "\(name)")
            for drawing in drawings {
                let descriptions = try XLSXPart.tree(output, drawing).descendants("cNvPr").map { $0.attributes["descr"] ?? "" }
                #expect(!descriptions.isEmpty && descriptions.allSatisfy { !$0.isEmpty }, "\(name) \(drawing)")
            }
        }
        let output = folder.appendingPathComponent("enforcement-monthly.xlsx")
        let alt = try XLSXPart.tree(output, "xl/drawings/drawing1.xml").descendants("cNvPr").first?.attributes["descr"]
        #expect(alt == "Column chart 'Enforcement activity by month': one series per Measure row of the table above, by period (Apr 2018 to Mar 2019).")
    }

    /// The variant is built in memory: streaming is refused with the reason.
    @Test func streamingIsRefused() throws {
        let folder = try TestFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var build = ReportBuild(definitionURL: Self.templates.appendingPathComponent("enforcement-month.yaml"), dataDirectory: Self.data)
        build.publication = .accessible
        #expect {
            try build.run(output: folder.appendingPathComponent("x.xlsx"), mode: .streaming)
        } throws: { error in
            "\(error)".contains("the accessible variant is built in memory (Excel tables cannot be written in constant-memory mode): leave out --mode streaming")
        }
        let definition = try TestFiles.write("""
            mode: streaming
            publish: accessible
            sources: { s: { file: s.csv } }
            sheets: [ { name: Data, source: s, columns: [ { field: a } ] } ]
            """, to: "t.yaml", in: folder)
        try TestFiles.write("a\n1\n", to: "s.csv", in: folder)
        #expect {
            try ReportBuild(definitionURL: definition, dataDirectory: folder).run(output: folder.appendingPathComponent("y.xlsx"))
        } throws: { error in
            "\(error)" == "\(definition.path):1:7: mode: the accessible variant is built in memory (Excel tables cannot be written in constant-memory mode): 'mode: streaming' cannot be used with it"
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["s.csv", "t.yaml"])
    }

    /// More than 100,000 rows is an error naming the file; nothing is written.
    @Test func rowsOverTheCapAreRefused() throws {
        let folder = try TestFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let definition = try TestFiles.write("""
            publish: accessible
            sources: { s: { file: s.csv } }
            sheets: [ { name: Data, source: s, columns: [ { field: a } ] } ]
            """, to: "t.yaml", in: folder)
        try TestFiles.write("a\n" + String(repeating: "1\n", count: AccessibleVariant.maximumRows + 1), to: "s.csv", in: folder)
        let build = ReportBuild(definitionURL: definition, dataDirectory: folder)
        #expect {
            try build.run(output: folder.appendingPathComponent("out.xlsx"))
        } throws: { error in
            (error as? DataError)?.message == "the sources have 100,001 rows; the accessible variant is built in memory (Excel tables cannot be written in constant-memory mode) and holds at most 100,000: filter the data or split it (appendix batch --split FIELD), or build the print layout"
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.xlsx").path))
    }

    /// `appendix build --accessible` writes the variant; without it the same definition prints.
    @Test func commandLineFlag() throws {
        let folder = try TestFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = Self.templates.appendingPathComponent("enforcement-month.yaml").path
        let run = try TestProcess.run(TestProcess.product("appendix"), ["build", template, "--data", Self.data.path, "--accessible", "-o", "a.xlsx", "-q"], in: folder)
        #expect(run.status == 0, "\(run.error)")
        #expect(try XLSXFile(url: folder.appendingPathComponent("a.xlsx")).sheetNames.prefix(3) == ["Cover", "Contents", "Notes"])
        let batch = try TestProcess.run(TestProcess.product("appendix"), ["batch", template, "--data", Self.data.path, "--split", "period", "--accessible",
                                                                          "-o", "b-{value}.xlsx", "-q"], in: folder)
        #expect(batch.status == 0, "\(batch.error)")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("b-") }
        #expect(!written.isEmpty)
        for name in written { #expect(try WorkbookCheck.check(folder.appendingPathComponent(name)) == [], "\(name)") }
    }
}
