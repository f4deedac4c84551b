import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixLayout
@testable import AppendixPipeline

/// Issue #15 items 1 and 2: text measured with font metrics (Carlito for Calibri, Liberation Sans
/// for Arial), columns sized from every row, titles wrapped, and page fit by print scale and
/// orientation.
@Suite("Print fit")
struct PrintFitTests {
    static let calibri = TextMetrics(font: .calibri)
    static let body = calibri.style(CellStyle())

    @Test func aFontWithoutMetricsIsAnErrorNamingTheSupportedFonts() throws {
        #expect(throws: UnsupportedFont(name: "Comic Sans")) { try FontMetrics.named("Comic Sans") }
        #expect(UnsupportedFont(name: "Comic Sans").description
            == "font 'Comic Sans' has no metrics to size columns and rows with; supported fonts: Calibri, Arial")
        #expect(try FontMetrics.named("calibri").name == "Calibri")
        #expect(try FontMetrics.named("Arial").name == "Arial")
        #expect(FontMetrics.forWorkbook().name == "Calibri")
    }

    /// Advance widths as fonttools reads them from Carlito 1.103 and Liberation Sans 2.1.5.
    @Test func widthsComeFromTheFonts() {
        #expect(Self.calibri.points("0000", Self.body) == 4 * 1038 * 11 / 2048.0)
        #expect(Self.calibri.points("Wi", Self.body) == (1822 + 470) * 11 / 2048.0)
        let bold = Self.calibri.style(.header)
        #expect(Self.calibri.points("a", bold) == 1011 * 11 / 2048.0)
        let arial = TextMetrics(font: .arial)
        #expect(arial.points("0", arial.style(CellStyle())) == 1139 * 11 / 2048.0)
        // Curly quotes, en dash and bullet from the table; other characters at the widest Latin-1 width.
        #expect(Self.calibri.points("‘–•", Self.body) == (511 + 1020 + 1020) * 11 / 2048.0)
        #expect(Self.calibri.points("中", Self.body) == 1831 * 11 / 2048.0)
    }

    /// The byte-by-byte measure equals summing each character's advance after splitting.
    @Test func textRunsEqualSplittingAndSumming() {
        let alphabet: [String] = ["a", "W", " ", "\n", "\r\n", "£", "é", "e\u{301}", "👍🏽", "–", "xyz"]
        let face = FontMetrics.calibri.regular
        var generator = SystemRandomNumberGenerator()
        func width(_ part: Substring) -> Int { part.unicodeScalars.filter { $0 != "\r" }.map(face.advance).reduce(0, +) }
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let runs = TextRuns.measure(text, face)
            let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { Substring(String(String.UnicodeScalarView($0))) }
            #expect(runs.line == lines.map(width).max() ?? 0, "\(text.debugDescription)")
            let words = lines.flatMap { $0.split(separator: " ") }
            #expect(runs.word == words.map(width).max() ?? 0, "\(text.debugDescription)")
        }
    }

    @Test func wrappingBreaksAtSpacesAndInsideWordsLongerThanALine() {
        let room = Self.calibri.points("word word", Self.body)
        #expect(Self.calibri.wrappedLines("word word", Self.body, room: room) == 1)
        #expect(Self.calibri.wrappedLines("word word word", Self.body, room: room) == 2)
        #expect(Self.calibri.wrappedLines("word\nword", Self.body, room: room) == 2)
        #expect(Self.calibri.wrappedLines("", Self.body, room: room) == 1)
        #expect(Self.calibri.wrappedLines("wordwordwordword", Self.body, room: Self.calibri.points("wordword", Self.body)) == 2)
    }

    /// LibreOffice's measured pitch (11.111 points for 11-point Carlito) plus a default row's padding.
    @Test func rowHeightsFollowTheMeasuredLinePitch() {
        #expect(Self.calibri.rowHeight(lines: 1, size: 11) == nil)
        #expect(Self.calibri.rowHeight(lines: 2, size: 11) == 26.25)
        #expect(Self.calibri.rowHeight(lines: 7, size: 11) == 81.75)
    }

    @Test func pageFitScalesThenTurnsThenWarns() {
        let a4 = PrintSetup()
        #expect(PageFit(tableWidth: 490, print: a4) == PageFit(orientation: .portrait, scale: 100, excessPoints: 0))
        #expect(PageFit(tableWidth: 600, print: a4) == PageFit(orientation: .portrait, scale: 82, excessPoints: 0))
        #expect(PageFit(tableWidth: 800, print: a4) == PageFit(orientation: .landscape, scale: 92, excessPoints: 0))
        let tooWide = PageFit(tableWidth: 1_100, print: a4)
        #expect(tooWide.orientation == .landscape && tooWide.scale == 70)
        #expect(abs(tooWide.excessPoints - (770 - (841.89 - 100.8))) < 1e-9)
        let landscape = PageFit(tableWidth: 600, print: PrintSetup(orientation: .landscape))
        #expect(landscape == PageFit(orientation: .landscape, scale: 100, excessPoints: 0))
    }

    static func definition(rows: Int, wideRow: Int, printKeys: String = "", headerWidth: String = "") -> String {
        """
        sources:
          items: {file: items.csv}
        sheets:
          - name: Items
            source: items
            title: "Annual volumes of every item recorded by the service in the year (ILLUSTRATIVE)"
            columns:
              - {field: name, header: Name}
              - {field: note, header: Recommended\(headerWidth)}
        \(printKeys)
        """
    }

    static func csv(rows: Int, wideRow: Int, wide: String) -> String {
        "name,note\n" + (1...rows).map { $0 == wideRow ? "\(wide),x\n" : "item \($0),x\n" }.joined()
    }

    /// Auto widths look at every row (the widest name is row 1,500 of 1,600), in both modes;
    /// the title wraps across the narrow table and its row is tall enough; the header keeps its word.
    @Test(arguments: [BuildMode.memory, .streaming])
    func widthsComeFromEveryRowAndTitlesWrap(mode: BuildMode) throws {
        let folder = try TestFiles.scratchFolder()
        _ = try TestFiles.write(Self.csv(rows: 1_600, wideRow: 1_500, wide: String(repeating: "W", count: 20)), to: "items.csv", in: folder)
        let definition = try TestFiles.write(Self.definition(rows: 1_600, wideRow: 1_500), to: "items.yaml", in: folder)
        let output = folder.appendingPathComponent("items.xlsx")
        let summary = try ReportBuild(definitionURL: definition, dataDirectory: folder).run(output: output, mode: mode)
        #expect(summary.warnings.isEmpty)
        let sheet = try XLSXFile(url: output).sheet("Items")
        let widths = sheet.columns.compactMap { $0.attributes["width"].flatMap(Double.init) }
        // 20 W's: 20 × 1822 / 2048 × 11 points = 195.7, over 5.25 points a unit plus half a unit,
        // in quarter units: 38; libxlsxwriter stores it plus 5/7 of a unit.
        #expect(TextMetrics.columnWidth(forTextPoints: 20 * 1822 * 11 / 2048.0) == 38)
        #expect(widths[0] == TextMetrics.storedWidth(38) && widths[0] == 38.7109375)
        // "Recommended" in bold Calibri: never narrower than the word.
        let word = TextMetrics.columnWidth(forTextPoints: Self.calibri.points("Recommended", Self.calibri.style(.header)))
        #expect(word == 13.75 && widths[1] == TextMetrics.storedWidth(13.75))
        #expect(sheet["A1"]?.wrap == true)
        #expect((sheet.rowHeight(1) ?? 15) >= 21)
    }

    @Test func aNarrowTitleGetsTheLinesItNeeds() throws {
        let folder = try TestFiles.scratchFolder()
        _ = try TestFiles.write(Self.csv(rows: 3, wideRow: 0, wide: ""), to: "items.csv", in: folder)
        let definition = try TestFiles.write(Self.definition(rows: 3, wideRow: 0), to: "items.yaml", in: folder)
        let output = folder.appendingPathComponent("items.xlsx")
        try ReportBuild(definitionURL: definition, dataDirectory: folder).run(output: output)
        let sheet = try XLSXFile(url: output).sheet("Items")
        // Two narrow columns (8 and 13.75 units): the 14-point bold title takes four lines.
        // LibreOffice prints them (8 + 5/7) × 5.575 and (13.75 + 5/7 − 0.035) × 5.575 points wide.
        let room = (TextMetrics.storedWidth(8) + TextMetrics.storedWidth(13.75)) * 1038 * 11 / 2048 - 3
        let title = Self.calibri.style(.title)
        let lines = Self.calibri.wrappedLines("Annual volumes of every item recorded by the service in the year (ILLUSTRATIVE)", title, room: room)
        #expect(lines == 4)
        #expect(sheet.rowHeight(1) == Self.calibri.rowHeight(lines: lines, size: 14))
    }

    /// A header word wider than a column the definition sizes: kept, and `validate` says so.
    @Test(arguments: [BuildMode.memory, .streaming])
    func aSetWidthThatBreaksAHeaderWordIsKeptAndWarned(mode: BuildMode) throws {
        let folder = try TestFiles.scratchFolder()
        _ = try TestFiles.write(Self.csv(rows: 3, wideRow: 0, wide: ""), to: "items.csv", in: folder)
        let definition = try TestFiles.write(Self.definition(rows: 3, wideRow: 0, headerWidth: ", width: 10"), to: "items.yaml", in: folder)
        let validation = try ReportBuild(definitionURL: definition, dataDirectory: folder).validation(mode: mode)
        #expect(validation.warnings.map(\.description) == [
            "\(definition.path): sheets[0].columns[1] (line 9): column 'Recommended' has width 10, which breaks a word of its header; it needs width 13.75",
        ])
    }

    /// Too wide for landscape A4 at 70 %: landscape at 70 %, and a warning with the excess.
    @Test func aTableTooWideForTheLandscapePageIsWarned() throws {
        let folder = try TestFiles.scratchFolder()
        _ = try TestFiles.write(Self.csv(rows: 3, wideRow: 0, wide: ""), to: "items.csv", in: folder)
        let yaml = Self.definition(rows: 3, wideRow: 0, headerWidth: ", width: 100").replacingOccurrences(of: "header: Name}", with: "header: Name, width: 100}")
        let definition = try TestFiles.write(yaml, to: "items.yaml", in: folder)
        let output = folder.appendingPathComponent("items.xlsx")
        let summary = try ReportBuild(definitionURL: definition, dataDirectory: folder).run(output: output)
        let sheet = try XLSXFile(url: output).sheet("Items")
        #expect(sheet.pageSetup["orientation"] == "landscape" && sheet.pageSetup["scale"] == "70")
        #expect(summary.warnings.map(\.message) == [
            // 2 × (100 + 5/7) units × 5.575 points (Carlito's digit at 11 points) = 1,123 points; × 0.7 − 741.1.
            "sheets[0] (line 4): sheet 'Items' is 1123 points wide: at 70 % on landscape A4 it is 45 points wider than the printable width, so columns print on a second page",
        ])
    }
}

extension PrintFitTests {
    /// The page-fit example in Templates/README.md prints landscape at 73 %, as the text says.
    @Test func theReadmePageFitExampleTurnsLandscapeAtTheScaleItStates() throws {
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/README.md"), encoding: .utf8)
        let after = try #require(text.components(separatedBy: "This sheet is 8 columns of 22 characters").dropFirst().first)
        #expect(after.hasPrefix(" (about 1,013 points): too wide for portrait A4 even at\n70 %, so it prints landscape at 73 %."))
        let yaml = after.components(separatedBy: "```yaml\n")[1].components(separatedBy: "\n```")[0]
        let folder = try TestFiles.scratchFolder()
        let definition = try TestFiles.write(yaml, to: "wide.yaml", in: folder)
        let output = folder.appendingPathComponent("wide.xlsx")
        let summary = try ReportBuild(definitionURL: definition, dataDirectory: TestFiles.root.appendingPathComponent("SampleData")).run(output: output)
        #expect(summary.warnings.isEmpty)
        let sheet = try XLSXFile(url: output).sheet("Wide cases")
        #expect(sheet.pageSetup["orientation"] == "landscape" && sheet.pageSetup["scale"] == "73" && sheet.pageSetup["paperSize"] == "9")
        #expect(!sheet.fitToPage)
    }
}

/// Issue #15's proof, read from every template's workbook XML: each sheet fits its page width
/// (column widths as LibreOffice prints them, times the print scale) or is set to fit, and each
/// row merged across the table (titles, subtitles, notes) is tall enough for its wrapped text.
@Suite("Print fit: every template's XML")
struct PrintProofTests {
    static let metrics = TextMetrics(font: .calibri)

    @Test(arguments: ModeParityTests.templates)
    func everySheetFitsItsPageAndItsTitles(_ template: String) throws {
        let output = try TestFiles.scratchFolder().appendingPathComponent("\(template).xlsx")
        try ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/\(template).yaml"),
                        dataDirectory: TestFiles.root.appendingPathComponent("SampleData")).run(output: output)
        let file = try XLSXFile(url: output)
        let definition = try DefinitionLoader.load(contentsOf: TestFiles.root.appendingPathComponent("Templates/\(template).yaml"))
        for name in file.sheetNames {
            let sheet = try file.sheet(name)
            let widths = Self.visibleWidths(sheet)
            // `fit_width: 1` gets the scale that fits, however small (page breaks need a scale, not fit-to-pages).
            let fitsByScale = definition.sheets.contains { name.hasPrefix($0.name) && $0.print.fitWidth == 1 }
            Self.expectFits(sheet, storedWidths: widths, label: "\(template)/\(name)", fitsByScale: fitsByScale)
            Self.expectMergedRowsTallEnough(sheet, storedWidths: widths, label: "\(template)/\(name)")
        }
    }

    /// The stored width of each visible column, from `<col>` ranges.
    static func visibleWidths(_ sheet: XLSXSheet) -> [Double] {
        sheet.columns.flatMap { column -> [Double] in
            guard column.attributes["hidden"] != "1", let width = column.attributes["width"].flatMap(Double.init),
                  let first = column.attributes["min"].flatMap(Int.init), let last = column.attributes["max"].flatMap(Int.init) else { return [] }
            return Array(repeating: width, count: last - first + 1)
        }
    }

    static func expectFits(_ sheet: XLSXSheet, storedWidths: [Double], label: String, fitsByScale: Bool = false) {
        if sheet.fitToPage { return }
        // LibreOffice prints a stored width w as w × 5.575 points (Carlito's digit at 11 points).
        let printed = storedWidths.map { $0 * 1038 * 11 / 2048 }.reduce(0, +)
        let scale = Double(sheet.pageSetup["scale"] ?? "100") ?? 100
        let paper: PrintSetup.Paper = ["8": .a3, "1": .letter][sheet.pageSetup["paperSize"] ?? "9"] ?? .a4
        let orientation: PrintSetup.Orientation = sheet.pageSetup["orientation"] == "landscape" ? .landscape : .portrait
        let room = PageFit.printableWidth(paper, orientation)
        #expect(printed * scale / 100 <= room, "\(label): \(printed) points at \(scale) % on \(room)")
        #expect(scale >= 70 || fitsByScale, "\(label)")
    }

    static func expectMergedRowsTallEnough(_ sheet: XLSXSheet, storedWidths: [Double], label: String) {
        let columns = storedWidths.count
        for range in sheet.mergedRanges {
            let ends = range.split(separator: ":").map(String.init)
            guard ends.count == 2, ends[0].hasPrefix("A"), let row = Int(ends[0].dropFirst()), Int(ends[1].drop { $0.isLetter }) == row,
                  let text = sheet[ends[0]]?.text, columns > 1 else { continue }
            // The room LibreOffice wraps a merged cell in: its printed width less 3 points.
            let room = storedWidths.map { $0 * 1038 * 11 / 2048 }.reduce(0, +) - 3
            let bold = sheet[ends[0]]?.bold == true
            var style = CellStyle()
            if bold && row == 1 { style = .title }
            let textStyle = metrics.style(style)
            let lines = metrics.wrappedLines(text, textStyle, room: room)
            let needed = metrics.rowHeight(lines: lines, size: textStyle.size) ?? 15
            #expect((sheet.rowHeight(row) ?? 15) >= needed - 0.01, "\(label) row \(row): \(lines) lines of '\(text.prefix(40))'")
            if lines > 1 { #expect(sheet[ends[0]]?.wrap == true, "\(label) row \(row) wraps") }
        }
    }
}
