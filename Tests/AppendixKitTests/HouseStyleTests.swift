import Foundation
import Testing
import ZIPFoundation
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixLayout
@testable import AppendixPipeline

/// Issue #17: house styles — style files, roles, fonts with shipped metrics, page set-up, page
/// header and footer with fields, a logo, document properties and contrast warnings.
@Suite("House style", .serialized)
struct HouseStyleTests {
    static let data = TestFiles.sampleData
    static let example = TestFiles.root.appendingPathComponent("Templates/house-style.yaml")
    static let reportName = "Savings and performance, illustrative house-style appendix"

    /// The raw bytes of a part of an .xlsx.
    static func part(_ url: URL, _ path: String) throws -> Data {
        let archive = try Archive(url: url, accessMode: .read)
        guard let entry = archive[path] else { throw XLSXReadError(message: "the workbook has no part \(path)") }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func exampleReadsBackFontsFillsHeaderFooterLogoAndProperties(mode: BuildMode) throws {
        let url = try TestFiles.built(Self.example, mode: mode)
        let workbook = try XLSXFile(url: url)
        let savings = try workbook.sheet("Savings"), rag = try workbook.sheet("RAG")
        let title = try #require(savings["A1"]).look, header = try #require(savings["A4"]).look
        #expect(title.contains("<font ><b ></><sz val=16></><color rgb=FF1F3864></><name val=Arial></>"))
        #expect(header.contains("<b ></><sz val=12></><color rgb=FFFFFFFF></><name val=Arial></>") && header.contains("<fgColor rgb=FF1F3864></>"))
        #expect(try #require(savings["B6"]).look.contains("<font ><sz val=12></><color theme=1></><name val=Arial></>"))
        #expect(try #require(savings["C6"]).numberFormat == "#,##0;(#,##0);\"–\"")  // the style's `count`
        let grandTotal = try #require(savings.cells.values.first { $0.text == "Overall savings" })
        #expect(grandTotal.look.contains("<fgColor rgb=FF006666></>") && grandTotal.look.contains("<left style=medium>"))
        let fonts = "&\"Arial,Regular\""
        #expect(savings.footer == "&L\(fonts)\(Self.reportName)&R\(fonts)Page &P of &N")
        #expect(savings.tree.descendants("oddHeader").first?.text == "&L\(fonts)&G&R\(fonts)\(Self.reportName)")
        #expect(savings.tree.descendants("pageMargins").first?.attributes["left"] == "0.5")
        #expect(savings.pageSetup["orientation"] == "portrait" && rag.pageSetup["orientation"] == "landscape")
        #expect(savings.tree.descendants("legacyDrawingHF").count == 1)
        #expect(try Self.part(url, "xl/media/image1.png") == Data(contentsOf: Self.data.appendingPathComponent("house-logo.png")))
        #expect(workbook.differentialLooks.contains { $0.contains("FF00573F") && $0.contains("FFC6EFCE") })
        let core = String(decoding: try Self.part(url, "docProps/core.xml"), as: UTF8.self)
        for property in ["<dc:title>\(Self.reportName)</dc:title>", "<dc:subject>Savings proposals and performance against target (illustrative)</dc:subject>",
                         "<dc:creator>Finance team</dc:creator>", "<cp:category>Committee report</cp:category>", "<cp:contentStatus>Draft</cp:contentStatus>",
                         "<cp:keywords>appendix, savings, house style</cp:keywords>", "<dc:description>Built by Appendix with the corporate house style.</dc:description>"] {
            #expect(core.contains(property), "\(property)")
        }
        let app = String(decoding: try Self.part(url, "docProps/app.xml"), as: UTF8.self)
        #expect(app.contains("<Manager>Chief Finance Officer</Manager>") && app.contains("<Company>Example Council</Company>"))
    }

    /// Templates/README.md section 17's example, which sets every key, builds with each applied.
    @Test func referenceExampleAppliesEveryKey() throws {
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/README.md"), encoding: .utf8)
        let yaml = try #require(text.components(separatedBy: "This example sets every key inline").last?
            .components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "\n```").first)
        let url = try TestFiles.built(try TestFiles.write(yaml, to: "example.yaml", in: try TestFiles.scratchFolder()), mode: .memory)
        let sheet = try XLSXFile(url: url).sheet("RAG")
        #expect(sheet.footer == "&L&\"Arial,Regular\"Performance against target (ILLUSTRATIVE) – &A&C&\"Arial,Regular\"&D&R&\"Arial,Regular\"Page &P of &N")
        #expect(sheet.pageSetup["orientation"] == "landscape" && sheet.tree.descendants("pageMargins").first?.attributes["top"] == "1")
        #expect(try #require(sheet["A1"]).look.contains("<sz val=16></><color rgb=FF1F3864></><name val=Arial></>"))
        #expect(try #require(sheet["C6"]).numberFormat == "#,##0")
        let total = try #require(sheet.cells.values.first { $0.text == "All cases" })
        #expect(total.look.contains("<color rgb=FFFFFFFF></><name val=Arial></>") && total.look.contains("<fgColor rgb=FF006666></>"))
        #expect(try #require(sheet.cells.values.first { $0.text == "RAG rules as in the committee report." }).look.contains("<i ></><sz val=10></><color rgb=FF262626></>"))
        let core = String(decoding: try Self.part(url, "docProps/core.xml"), as: UTF8.self)
        #expect(core.contains("<cp:contentStatus>Draft</cp:contentStatus>") && core.contains("<dc:title>Performance against target (ILLUSTRATIVE)</dc:title>"))
        #expect(try Self.part(url, "xl/media/image1.png") == Data(contentsOf: Self.data.appendingPathComponent("house-logo.png")))
    }

    /// Precedence: the definition's keys beat the style's (inline `style:` keys beat the style
    /// file's), and the style's beat the built-in defaults.
    @Test func definitionBeatsStyleBeatsBuiltIn() throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write("""
            roles:
              header: { fill: "#1F3864", font: { colour: "#FFFFFF" } }
              body: { align: center }
            page: { paper: a3, orientation: landscape }
            footer: { center: "{sheet}: page {page} of {pages}" }
            properties: { title: Style title, author: Style author }
            """, to: "house.yaml", in: folder)
        let definition = try TestFiles.write("""
            title: Definition title
            style:
              file: house.yaml
              roles:
                header: { fill: "#003300" }
            sources:
              s: { file: s.csv }
            sheets:
              - name: Own
                source: s
                columns:
                  - { field: name }
                  - { field: amount, align: right }
                print: { paper: a4, footer: "&COwn footer" }
              - name: Styled
                source: s
                columns: [{ field: name }]
            """, to: "d.yaml", in: folder)
        try TestFiles.write("name,amount\nA,1\n", to: "s.csv", in: folder)
        let url = try TestFiles.built(definition, mode: .memory, data: folder)
        let workbook = try XLSXFile(url: url)
        let own = try workbook.sheet("Own"), styled = try workbook.sheet("Styled")
        #expect(own.pageSetup["paperSize"] == "9" && styled.pageSetup["paperSize"] == "8")  // A4 (definition), A3 (style)
        #expect(own.pageSetup["orientation"] == "landscape")  // the style's, as the sheet sets none
        #expect(own.footer == "&COwn footer" && styled.footer == "&C&A: page &P of &N")
        let header = try #require(own["A1"]).look
        #expect(header.contains("<fgColor rgb=FF003300></>") && header.contains("<color rgb=FFFFFFFF></>"))  // inline fill, file's colour
        #expect(try #require(own["A2"]).look.contains("horizontal=center") && own["B2"]?.look.contains("horizontal=right") == true)
        let core = String(decoding: try Self.part(url, "docProps/core.xml"), as: UTF8.self)
        #expect(core.contains("<dc:title>Definition title</dc:title>") && core.contains("<dc:creator>Style author</dc:creator>"))
    }

    /// Without a style (or with an empty one) every role is Appendix's built-in look, so every
    /// existing template builds as before (scripts/same-cells.sh compares whole workbooks).
    @Test func anEmptyStyleIsTheBuiltInLook() throws {
        let roles = CellRoles.builtIn
        #expect(roles.title == .title && roles.subtitle == .subtitle && roles.header == .header && roles.note == .note)
        #expect(roles.groupHeading == .groupHeading && roles.plainBody == CellStyle())
        let column = ColumnDefinition.field("amount", format: .money)
        #expect(roles.body(column) == CellStyle.body(column) && roles.total(column, grand: true) == CellStyle.total(column, grand: true))
        #expect(roles.total(column, grand: false) == CellStyle.total(column, grand: false))
        #expect(roles.status(.amber) == StatusLook(fill: 0xFFEB9C, fontColour: 0x9C5700))
        let folder = try TestFiles.scratchFolder()
        let plain = try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/savings-multi-year.yaml"), encoding: .utf8)
        let styled = plain.replacingOccurrences(of: "\nsources:", with: "\nstyle: {}\nsources:")
        let a = try TestFiles.built(try TestFiles.write(plain, to: "a.yaml", in: folder), mode: .memory)
        let b = try TestFiles.built(try TestFiles.write(styled, to: "b.yaml", in: folder), mode: .memory)
        #expect(try Self.part(a, "xl/styles.xml") == Self.part(b, "xl/styles.xml"))
        #expect(try Self.part(a, "xl/worksheets/sheet1.xml") == Self.part(b, "xl/worksheets/sheet1.xml"))
    }

    /// Widths and wrapped heights follow the style's font and size: Arial 12 measures wider and
    /// taller than Calibri 11.
    @Test func widthsAndHeightsFollowTheFont() throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write("name,note\nA long name of a service,\"\(String(repeating: "word ", count: 40))\"\n", to: "s.csv", in: folder)
        func sheet(_ style: String) throws -> XLSXSheet {
            let definition = try TestFiles.write("""
                \(style)
                sources:
                  s: { file: s.csv }
                sheets:
                  - name: S
                    source: s
                    columns:
                      - { field: name }
                      - { field: note, width: 30, wrap: true }
                """, to: "d.yaml", in: folder)
            return try XLSXFile(url: try TestFiles.built(definition, mode: .memory, data: folder)).sheet("S")
        }
        let calibri = try sheet(""), arial = try sheet("style: { font: { name: Arial, size: 12 } }")
        let calibriWidth = try #require(Double(calibri.columns[0].attributes["width"] ?? ""))
        let arialWidth = try #require(Double(arial.columns[0].attributes["width"] ?? ""))
        #expect(arialWidth > calibriWidth)
        let metrics = TextMetrics.workbook
        var arialBody = CellStyle()
        arialBody.fontName = .arial
        arialBody.fontSize = 12
        let text = String(repeating: "word ", count: 40)
        let style = metrics.style(arialBody)
        let lines = metrics.wrappedLines(text, style, room: metrics.wrapPoints(widths: [30]))
        #expect(arial.rowHeight(2) == metrics.rowHeight(lines: lines, size: 12, linePitch: FontMetrics.arial.linePitch))
        #expect(try #require(arial.rowHeight(2)) > #require(calibri.rowHeight(2)))
    }

    @Test func fontMetricsAreChosenInOnePlace() throws {
        #expect(FontMetrics.forWorkbook().name == "Calibri" && FontMetrics.forWorkbook(.arial).name == "Arial")
        #expect(try FontMetrics.named("arial").name == "Arial")
        #expect(throws: UnsupportedFont(name: "Comic Sans")) { try FontMetrics.named("Comic Sans") }
        #expect(UnsupportedFont(name: "Comic Sans").description
            == "font 'Comic Sans' has no metrics to size columns and rows with; supported fonts: Calibri, Arial")
    }

    @Test func contrastBelowFourAndAHalfIsReported() throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write("name\nA\n", to: "s.csv", in: folder)
        let definition = try TestFiles.write("""
            style:
              roles:
                header: { font: { colour: "#FFFFFF" }, fill: "#DDEBF7" }
            sources:
              s: { file: s.csv }
            sheets:
              - { name: S, source: s, columns: [{ field: name }] }
            """, to: "d.yaml", in: folder)
        let validation = try ReportBuild(definitionURL: definition, dataDirectory: folder).validation()
        #expect(validation.warnings.map(\.description) == [
            "\(definition.relativeDisplayPath):3:13: style.roles.header: text #FFFFFF on fill #DDEBF7 has contrast 1.21:1, below the 4.5:1 that WCAG 2 AA asks of text"
        ])
        let example = try ReportBuild(definitionURL: Self.example, dataDirectory: Self.data).validation()
        #expect(example.warnings.isEmpty)
    }
}

/// The house-style errors of docs/errors.md, each produced for real with its file and key path.
@Suite("House style errors", .serialized)
struct HouseStyleErrorTests {
    static let base = "sources:\n  cases: { file: c.csv }\nsheets:\n  - { name: S, source: cases, columns: [{ field: case }] }\n"

    /// The error validating `style` (a `style:` line) in a folder holding `c.csv`, a good and a
    /// bad logo and a bad style file; `nil` when it validates.
    static func error(_ style: String) throws -> String? {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write("case\nA\n", to: "c.csv", in: folder)
        try TestFiles.write("not a png", to: "bad.png", in: folder)
        try FileManager.default.copyItem(at: HouseStyleTests.data.appendingPathComponent("house-logo.png"), to: folder.appendingPathComponent("logo.png"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("styles"), withIntermediateDirectories: true)
        try TestFiles.write("roles:\n  header: { font: { colour: \"#12345\" } }\n", to: "styles/bad.yaml", in: folder)
        let definition = try TestFiles.write(style + "\n" + base, to: "e.yaml", in: folder)
        do {
            _ = try ReportBuild(definitionURL: definition, dataDirectory: folder).validation()
            return nil
        } catch {
            return "\(error)".replacingOccurrences(of: definition.relativeDisplayPath, with: "e.yaml").replacingOccurrences(of: folder.path, with: "FOLDER")
        }
    }

    @Test(arguments: [
        ("style: styles/missing.yaml", "e.yaml:1:8: style: the style file 'styles/missing.yaml' does not exist (looked for FOLDER/styles/missing.yaml)"),
        ("style: { roles: { heading: { fill: \"#FFFFFF\" } } }",
         "e.yaml:1:19: style.roles.heading: unknown key 'heading'; allowed here: title, subtitle, header, body, group_heading, subtotal, total, notes"),
        ("style: { roles: { header: { fill: navy } } }", "e.yaml:1:35: style.roles.header.fill: expected a colour as #RRGGBB (such as #1F3864), found 'navy'"),
        ("style: { font: { name: Helvetica } }",
         "e.yaml:1:24: style.font.name: font 'Helvetica' has no metrics to size columns and rows with; supported fonts: Calibri, Arial"),
        ("style: { header: { left: \"{logo}\" }, logo: nothere.png }",
         "e.yaml:1:44: style.logo: the logo file 'nothere.png' does not exist in the data folder (looked for FOLDER/nothere.png)"),
        ("style: { header: { left: \"{logo}\" }, logo: bad.png }",
         "e.yaml:1:44: style.logo: the logo file 'bad.png' is not a whole PNG image (a PNG is needed for the page header)"),
        ("style: { logo: logo.png }", "e.yaml:1:16: style.logo: a logo is shown in the page header: put {logo} in one of header.left, header.center or header.right"),
        ("style: { header: { left: \"{logo}\", right: \"{logo}\" }, logo: logo.png }", "e.yaml:1:18: style.header: {logo} may appear once in the header, found 2 times"),
        ("style: { header: { left: \"{logo}\" } }", "e.yaml:1:18: style.header: the header shows {logo} but the style has no 'logo' (a PNG file in the data folder)"),
        ("style: { footer: { right: \"Page {page} of {pagez}\" } }",
         "e.yaml:1:27: style.footer.right: unknown field '{pagez}'; use {page}, {pages}, {sheet}, {date}, {file}, {title}"),
        ("style: { formats: { money: pounds } }", "e.yaml:1:28: style.formats.money: expected an Excel format code such as '£#,##0' or a format name, found 'pounds'"),
        ("style: { roles: { title: { border: dotted } } }", "e.yaml:1:36: style.roles.title.border: expected one of none, thin, medium, thick, found 'dotted'"),
        ("style: styles/bad.yaml", "FOLDER/styles/bad.yaml:2:29: roles.header.font.colour: expected a colour as #RRGGBB (such as #1F3864), found '#12345'"),
        ("style: { header: { left: \"{logo}\" }, logo: logo.png }", nil),
    ] as [(String, String?)])
    func styleErrorsNameTheFileAndKeyPath(style: String, expected: String?) throws {
        let found = try Self.error(style)
        #expect(found == expected, "\(found ?? "nil")")
    }
}
