import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixLayout
@testable import AppendixPipeline
@testable import AppendixRender

/// Issue #15 item 5: `markup: html` reads case-management HTML into lines, bullets, bold and
/// italic runs and characters; nothing else changes text.
@Suite("HTML markup")
struct MarkupTests {
    static func plain(_ html: String) -> String { HTMLText.plainText(from: html) }

    @Test func blocksBecomeLinesAndBullets() {
        #expect(Self.plain("<p>Agreed with the ward member.</p><p>Closed.</p>") == "Agreed with the ward member.\nClosed.")
        #expect(Self.plain("Line one<br>Line two<br/>Line three") == "Line one\nLine two\nLine three")
        #expect(Self.plain("<p>Actions:</p><ul><li>Letter sent</li><li>Visit booked</li></ul>") == "Actions:\n• Letter sent\n• Visit booked")
        #expect(Self.plain("<ol><li>First</li><li>Second</li></ol>After") == "1. First\n2. Second\nAfter")
        #expect(Self.plain("<ul><li>Outer<ul><li>Inner</li></ul></li></ul>") == "• Outer\n  • Inner")
        #expect(Self.plain("<p>  Spaces\n   and\r\n breaks </p>") == "Spaces and breaks")
        #expect(Self.plain("<div>a</div><div>b</div>") == "a\nb")
    }

    @Test func entitiesBecomeCharacters() {
        #expect(Self.plain("Fish &amp; chips &lt;3 &gt; &quot;q&quot; &apos;a&apos;") == "Fish & chips <3 > \"q\" 'a'")
        #expect(Self.plain("&pound;5&nbsp;&euro;6 &ndash; &mdash; &lsquo;x&rsquo; &ldquo;y&rdquo;&hellip; &bull; &copy;")
            == "£5\u{A0}€6 – — ‘x’ “y”… • ©")
        #expect(Self.plain("it&#39;s &#x2019; &#X2019;") == "it's ’ ’")
        // Unknown names, non-characters, controls and references without ';' stay as written.
        #expect(Self.plain("&bogus; &#0; &#x110000; &#1; &amp AT&T") == "&bogus; &#0; &#x110000; &#1; &amp AT&T")
    }

    @Test func otherTagsAreRemovedAndTheirTextKept() {
        #expect(Self.plain("<span class=\"x\">kept</span> <a href=\"https://example.org\">link text</a>") == "kept link text")
        #expect(Self.plain("a<script>alert('<b>')</script>b<style>p { color: red }</style>c") == "abc")
        #expect(Self.plain("x<!-- a <b> comment -->y<!DOCTYPE html>z") == "xyz")
        #expect(Self.plain("<p title='a > b'>quoted</p>") == "quoted")
        // A '<' that starts no complete tag is text.
        #expect(Self.plain("a < b and <3 and <unfinished") == "a < b and <3 and <unfinished")
    }

    /// A tag ends within 1,024 characters or its `<` is text, so text with many `<` and no `>`
    /// is read in linear time (it was quadratic: each `<` read to the end of the text).
    @Test func unclosedTagsAreTextAndQuickToRead() {
        let unclosed = String(repeating: "<a href=\"x ", count: 10_000)
        let started = Date()
        #expect(Self.plain(unclosed) == unclosed)
        #expect(Self.plain("<p>" + String(repeating: "<b title=\"", count: 5_000) + "</p>").hasPrefix("<b title=\"<b title="))
        #expect(Self.plain("<script>" + String(repeating: "<!-- ", count: 10_000)) == "")
        #expect(Date().timeIntervalSince(started) < 5, "took \(Date().timeIntervalSince(started)) s")
        let longTag = "<span title=\"" + String(repeating: "t", count: 1_100) + "\">x</span>"
        #expect(Self.plain(longTag) == String(longTag.dropLast(7)))
    }

    @Test func textWithoutTagsKeepsItsSpacesAndBreaks() {
        let text = "  Two  spaces\nand a break = SUM(A1) "
        #expect(Self.plain(text) == text)
        #expect(Self.plain("A &amp; B\n  C") == "A & B\n  C")
    }

    @Test func boldAndItalicBecomeRuns() {
        let rich = HTMLText.richText(from: "<p>Status: <b>closed</b>, <em>no <strong>further</strong> action</em></p>")
        #expect(rich.runs == [
            RichTextRun(text: "Status: ", font: .regular), RichTextRun(text: "closed", font: RunFont(bold: true)),
            RichTextRun(text: ", ", font: .regular), RichTextRun(text: "no ", font: RunFont(italic: true)),
            RichTextRun(text: "further", font: RunFont(bold: true, italic: true)), RichTextRun(text: " action", font: RunFont(italic: true)),
        ])
        #expect(rich.plainText == "Status: closed, no further action")
        #expect(HTMLText.richText(from: "</b>unbalanced</i>").runs == [RichTextRun(text: "unbalanced", font: .regular)])
    }

    // MARK: Properties (PropertyTests' seed and iteration count)

    static let textAlphabet = ["a", "Z", "0", " ", "\n", "£", "–", "é", "=", "+", "-", "@", ">", "\"", "'", "(", ")", ";", "#", "x"]
    static let tags = ["<p>", "</p>", "<br>", "<br/>", "<ul>", "</ul>", "<ol>", "</ol>", "<li>", "</li>", "<b>", "</b>", "<strong>",
                       "</strong>", "<i>", "</i>", "<em>", "</em>", "<span class=\"c\">", "</span>", "<a href='=HYPERLINK(1)'>", "</a>",
                       "<div>", "</div>", "<!-- c -->", "<h2>", "</h2>", "<td>", "<font color=red>"]

    @Test func outputNeverHoldsALessThanFromATag() {
        var random = SeededGenerator(seed: PropertyTests.seed)
        for iteration in 0..<PropertyTests.iterations {
            let pieces = (0..<Int.random(in: 0...12, using: &random)).map { _ in
                Bool.random(using: &random) ? Self.tags.randomElement(using: &random)!
                    : PropertyTests.text(&random, alphabet: Self.textAlphabet, length: 0...6)
            }
            let html = pieces.joined()
            let rich = HTMLText.richText(from: html)
            #expect(!rich.plainText.contains("<"), "iteration \(iteration): \(html.debugDescription)")
            #expect(!rich.runs.contains { $0.text.isEmpty }, "iteration \(iteration): an empty run")
            #expect(zip(rich.runs, rich.runs.dropFirst()).allSatisfy { $0.font != $1.font }, "iteration \(iteration): runs not merged")
        }
    }

    @Test func textWithoutMarkupComesBackUnchanged() {
        var random = SeededGenerator(seed: PropertyTests.seed &+ 1)
        for _ in 0..<PropertyTests.iterations {
            let text = PropertyTests.text(&random, alphabet: Self.textAlphabet + ["\r\n", "\t", "_x0041_", "  "], length: 0...30)
            #expect(HTMLText.richText(from: text).runs == (text.isEmpty ? [] : [RichTextRun(text: text, font: .regular)]), "\(text.debugDescription)")
        }
    }

    @Test func entityFreeTextInTagsKeepsItsWords() {
        var random = SeededGenerator(seed: PropertyTests.seed &+ 2)
        for _ in 0..<PropertyTests.iterations {
            let words = (0..<Int.random(in: 1...6, using: &random)).map { _ in PropertyTests.text(&random, alphabet: ["a", "b", "Z", "9", "£", "="], length: 1...5) }
            let tag = ["b", "i", "span", "em", "strong"].randomElement(using: &random)!
            let html = "<p>" + words.map { "<\(tag)>\($0)</\(tag)>" }.joined(separator: " ") + "</p>"
            #expect(HTMLText.plainText(from: html) == words.joined(separator: " "), "\(html)")
        }
    }

    // MARK: Workbooks

    static let data = "id,notes,status\n1,\"<p>Visit <b>booked</b> &amp; letter sent</p><ul><li>Call back</li><li><i>Check</i> bins</li></ul>\",open\n"
        + "2,=SUM(1;2) plain,closed\n3,\"<b>=HYPERLINK(\"\"http://x\"\")</b>\",open\n4,<p>No fonts &ndash; just text</p>,open\n5,,open\n"

    static func build(_ columns: String, data: String = MarkupTests.data, mode: BuildMode) throws -> (url: URL, summary: ReportBuild.Summary) {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write(data, to: "cases.csv", in: folder)
        let yaml = "sources:\n  cases:\n    file: cases.csv\nsheets:\n  - name: Cases\n    source: cases\n    columns:\n" + columns
        let definition = try TestFiles.write(yaml, to: "cases.yaml", in: folder)
        let output = folder.appendingPathComponent("cases.xlsx")
        let summary = try ReportBuild(definitionURL: definition, dataDirectory: folder).run(output: output, mode: mode)
        return (output, summary)
    }

    /// The runs of the string in `cell` (shared or inline): each run's text and whether it is bold / italic.
    static func runs(_ url: URL, cell: String) throws -> [String] {
        let sheet = try XLSXPart.tree(url, "xl/worksheets/sheet1.xml")
        guard let c = sheet.descendants("c").first(where: { $0.attributes["r"] == cell }) else { return [] }
        var string: XMLTree?
        if c.attributes["t"] == "inlineStr" {
            string = c.child("is")
        } else if c.attributes["t"] == "s", let index = c.child("v").flatMap({ Int($0.text) }) {
            string = try XLSXPart.tree(url, "xl/sharedStrings.xml").children("si")[index]
        }
        guard let string else { return [] }
        let runs = string.children("r")
        if runs.isEmpty { return [XLSXFile.unescape(string.allText)] }
        return runs.map { run in
            let font = run.child("rPr")
            let marks = (font?.child("b") != nil ? "*" : "") + (font?.child("i") != nil ? "/" : "")
            return marks + XLSXFile.unescape(run.child("t")?.allText ?? "")
        }
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func htmlColumnsAreRichTextAndNeverFormulas(mode: BuildMode) throws {
        let built = try Self.build("      - field: id\n      - field: notes\n        markup: html\n        wrap: true\n      - field: status\n", mode: mode)
        #expect(try Self.runs(built.url, cell: "B2") == ["Visit ", "*booked", " & letter sent\n• Call back\n• ", "/Check", " bins"])
        #expect(try Self.runs(built.url, cell: "B3") == ["=SUM(1;2) plain"])
        #expect(try Self.runs(built.url, cell: "B4") == ["*=", "*HYPERLINK(\"http://x\")"])
        #expect(try Self.runs(built.url, cell: "B5") == ["No fonts – just text"])
        let sheet = try XLSXFile(url: built.url).sheet("Cases")
        #expect(sheet.cells.values.allSatisfy { $0.formula == nil })
        #expect(sheet["B6"]?.text == nil)
        #expect(try XLSXPart.tree(built.url, "xl/worksheets/sheet1.xml").descendants("hyperlink").isEmpty)
        // The row is as tall as the cleaned text needs: as the same text written plainly.
        let plainNotes = "Visit booked & letter sent\n• Call back\n• Check bins"
        let literal = try Self.build("      - field: id\n      - field: notes\n        wrap: true\n      - field: status\n",
                                     data: Self.data.replacingOccurrences(of: "\"<p>Visit <b>booked</b> &amp; letter sent</p><ul><li>Call back</li><li><i>Check</i> bins</li></ul>\"", with: "\"\(plainNotes)\""), mode: mode)
        #expect(try XLSXFile(url: literal.url).sheet("Cases")["B2"]?.text == plainNotes)
        let literalHeight = try XLSXFile(url: literal.url).sheet("Cases").rowHeight(2)
        #expect(sheet.rowHeight(2) != nil && sheet.rowHeight(2) == literalHeight)
        #expect(built.summary.formulas == 0)
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func withoutMarkupTheTextStaysLiteral(mode: BuildMode) throws {
        let built = try Self.build("      - field: id\n      - field: notes\n", mode: mode)
        #expect(try XLSXFile(url: built.url).sheet("Cases")["B5"]?.text == "<p>No fonts &ndash; just text</p>")
    }

    /// libxlsxwriter takes at most 254 fragments (256 never returns): a cell with more runs is
    /// written as plain text, as is a one-character bold cell.
    @Test(arguments: [BuildMode.memory, .streaming])
    func tooManyRunsAreWrittenAsPlainText(mode: BuildMode) throws {
        let many = (0..<300).map { _ in "<b>b</b>r" }.joined()
        let data = "id,notes\n1,\(many)\n2,<b>x</b>\n3,<b>xy</b>\n"
        let built = try Self.build("      - field: id\n      - field: notes\n        markup: html\n", data: data, mode: mode)
        #expect(try Self.runs(built.url, cell: "B2") == [String(repeating: "br", count: 300)])
        #expect(try Self.runs(built.url, cell: "B3") == ["x"])
        #expect(try Self.runs(built.url, cell: "B4") == ["*x", "*y"])
    }

    @Test(arguments: [true, false])
    func richStringsOf254RunsAreWrittenAndLongerOnesArePlain(constantMemory: Bool) throws {
        let url = try TestFiles.scratchFolder().appendingPathComponent("runs.xlsx")
        func alternating(_ count: Int) -> RichText {
            RichText(runs: (0..<count).map { RichTextRun(text: "r", font: RunFont(bold: $0 % 2 == 1)) })
        }
        let writer = try WorkbookWriter(url: url, constantMemory: constantMemory)
        let sheet = try writer.addSheet(name: "R")
        try writer.write([LayoutRow(index: 0, cells: [LayoutCell(row: 0, column: 0, content: .rich(alternating(254)), style: CellStyle()),
                                                      LayoutCell(row: 0, column: 1, content: .rich(alternating(255)), style: CellStyle())])], to: sheet)
        try writer.finish(sheet, settings: SheetSettings())
        try writer.close()
        #expect(try Self.runs(url, cell: "A1").count == 254)
        #expect(try Self.runs(url, cell: "B1") == [String(repeating: "r", count: 255)])
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func tooLongRichTextIsWrittenPlainAndTooLongTextIsRefused(mode: BuildMode) throws {
        let long = "<b>" + String(repeating: "a", count: 16_400) + "</b>" + String(repeating: "c", count: 16_300)
        let built = try Self.build("      - field: id\n      - field: notes\n        markup: html\n", data: "id,notes\n1,\(long)\n", mode: mode)
        #expect(try Self.runs(built.url, cell: "B2") == [String(repeating: "a", count: 16_400) + String(repeating: "c", count: 16_300)])
        let tooLong = "<p>" + String(repeating: "a", count: 32_768) + "</p>"
        #expect {
            try Self.build("      - field: id\n      - field: notes\n        markup: html\n", data: "id,notes\n1,\(tooLong)\n", mode: mode)
        } throws: { error in
            "\(error)".hasSuffix("cases.csv:2, column 'notes': the text has 32768 characters; Excel allows at most 32767 in a cell (sheet 'Cases', column 'notes' after reading its HTML)")
        }
    }

    @Test func inspectFlagsHTMLAndInitSetsMarkup() throws {
        let run = try CommandLineTests.appendix(["inspect", "SampleData/case-log-illustrative.csv"])
        #expect(run.status == 0)
        #expect(run.output.contains("\nissue     text            0     0        14\n          looks like HTML: 14 rows contain markup such as <p>; set markup: html\n"))
        #expect(!run.output.contains("location  text            0     0         9\n          looks like"))
        let folder = try TestFiles.scratchFolder()
        let csv = try TestFiles.write("a,b\nx,Fish &amp; chips\ny,plain\n", to: "h.csv", in: folder)
        let profile = try ColumnProfile.profile(CSVReader(url: csv, displayName: "h.csv"))
        #expect(profile[1].htmlValues == 1 && profile[1].commonMarkup == "&amp;" && profile[0].commonMarkup == nil)
        let yaml = try DefinitionScaffold.yaml(name: "h", file: "h.csv", columns: profile)
        #expect(yaml.contains("      - field: \"b\"\n        header: \"B\"\n        markup: html\n        width: 40\n        wrap: true\n"))
        #expect(HTMLText.markupExample(in: "a < b, 3 > 2, AT&T") == nil && HTMLText.markupExample(in: "x<br/>y") == "<br>")
    }

    @Test func markupOnAComputedColumnIsRefused() throws {
        #expect {
            try DefinitionLoader.load(yaml: "sources:\n  s:\n    file: s.csv\nsheets:\n  - name: S\n    source: s\n    columns:\n      - field: a\n      - id: b\n        expression: a\n        markup: html\n", file: "d.yaml")
        } throws: { error in
            "\(error)" == "d.yaml:11:17: sheets[0].columns[1].markup: 'markup' reads text from the CSV, so it applies to a 'field' column; this column is computed ('expression')"
        }
        #expect {
            try DefinitionLoader.load(yaml: "sources:\n  s:\n    file: s.csv\nsheets:\n  - name: S\n    source: s\n    columns:\n      - field: a\n      - id: b\n        display: \"{a}\"\n        suppress_repeats: true\n", file: "d.yaml")
        } throws: { error in
            "\(error)" == "d.yaml:11:27: sheets[0].columns[1].suppress_repeats: 'suppress_repeats' blanks repeated CSV values, so it applies to a 'field' column; this column is computed ('display')"
        }
    }
}
