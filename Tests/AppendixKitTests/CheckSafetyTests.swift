@testable import AppendixCheck
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What FoundationXML's XMLParser (libxml2 underneath) does with hostile XML, measured, and
/// that the check's own reader refuses it before the parser sees it.
@Suite("Check: hostile XML")
struct CheckSafetyTests {
    /// What the parser reported: parse()'s result, the libxml2 error code, the characters seen.
    struct Outcome: Equatable {
        var parsed: Bool
        var error: Int?
        var characters: Int
    }

    final class Counter: NSObject, XMLParserDelegate {
        var characters = 0
        func parser(_ parser: XMLParser, foundCharacters string: String) { characters += string.count }
    }

    static func parse(_ text: String, stream: Bool = false) -> Outcome {
        let parser = stream ? XMLParser(stream: InputStream(data: Data(text.utf8))) : XMLParser(data: Data(text.utf8))
        let counter = Counter()
        parser.delegate = counter
        let parsed = parser.parse()
        return Outcome(parsed: parsed, error: parser.parserError.map { ($0 as NSError).code }, characters: counter.characters)
    }

    static let laughs = """
        <?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\
        <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><r>&d;</r>
        """
    static let external = #"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY s SYSTEM "file:///etc/hostname">]><r>&s;</r>"#

    /// FoundationXML on Linux: entity expansion is refused (libxml2 error 89), an external entity
    /// is not fetched (no characters), and a document cut short or with mismatched tags still
    /// returns true from parse() with only parserError set — why SafeXML checks both.
    @Test func whatFoundationXMLDoes() {
        #expect(Self.parse(Self.laughs) == Outcome(parsed: false, error: 89, characters: 0))
        #expect(Self.parse(Self.external) == Outcome(parsed: true, error: nil, characters: 0))
        #expect(Self.parse(#"<workbook><sheets><sheet name="a""#) == Outcome(parsed: true, error: 5, characters: 0))
        #expect(Self.parse("<a><b></a>") == Outcome(parsed: true, error: 5, characters: 0))
    }

    /// XMLParser(data:) fails at the end of any document over about 10 MB (libxml2 error 1), a
    /// large sheet's size; from a stream the same document parses. From a stream, `<a>` alone
    /// parses without an error, so SafeXML also checks that the root element was closed.
    @Test func largePartsNeedAStream() {
        let rows = String(repeating: "<row><c><v>1</v></c></row>", count: 420_000)  // 11.3 MB
        let document = "<sheetData>\(rows)</sheetData>"
        #expect(Self.parse(document) == Outcome(parsed: false, error: 1, characters: 420_000))
        #expect(Self.parse(document, stream: true) == Outcome(parsed: true, error: nil, characters: 420_000))
        #expect(Self.parse("<a>", stream: true) == Outcome(parsed: true, error: nil, characters: 0))
    }

    @Test func theCheckRefusesThemBeforeParsing() {
        for text in [Self.laughs, Self.external] {
            #expect(throws: ZipPartError(part: "p.xml", reason: SafeXML.dtdRefusal)) { try SafeXML.tree(Array(text.utf8), name: "p.xml") }
        }
        #expect(throws: ZipPartError(part: "p.xml", reason: "is not well-formed XML (line 1, libxml2 error 76)")) {
            try SafeXML.tree(Array("<a><b></a>".utf8), name: "p.xml")
        }
        #expect(throws: ZipPartError(part: "p.xml", reason: "is cut short (its root element is not closed)")) {
            try SafeXML.tree(Array("<a>".utf8), name: "p.xml")
        }
        #expect(throws: ZipPartError(part: "p.xml", reason: "declares the encoding 'utf-7'; only UTF-8 is read")) {
            try SafeXML.tree(Array(#"<?xml version="1.0" encoding="UTF-7"?><a/>"#.utf8), name: "p.xml")
        }
    }

    /// FoundationXML parses 100,000 nested elements without complaint (a tree that deep once
    /// crashed the check when freed), so the check stops at 256 levels itself.
    @Test func deepNestingIsAnError() throws {
        let deep = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        #expect(Self.parse(deep) == Outcome(parsed: true, error: nil, characters: 0))
        #expect(throws: ZipPartError(part: "p.xml", reason: "nests elements more than 256 deep")) {
            try SafeXML.tree(Array(deep.utf8), name: "p.xml")
        }
        let fine = String(repeating: "<a>", count: 256) + String(repeating: "</a>", count: 256)
        #expect(try SafeXML.tree(Array(fine.utf8), name: "p.xml").name == "a")
    }
}

/// Colours as Excel resolves them and WCAG's contrast.
@Suite("Check: colours")
struct CheckColourTests {
    @Test func contrastRatios() throws {
        #expect(RGB.black.contrast(with: .white) == 21)
        let grey = try #require(RGB(hex: "767676"))
        #expect((grey.contrast(with: .white) * 100).rounded() / 100 == 4.54)
        #expect(try #require(RGB(hex: "FF777777")) == RGB(red: 0x77, green: 0x77, blue: 0x77))
    }

    /// Theme 1 is dk1 (the text colour) and 0 lt1, though the theme lists dk1 first; tints move
    /// the HSL lightness (Excel's rule); indexed 64 is the system text colour.
    @Test func themeIndexedAndTint() throws {
        let reader = StyleReader(theme: nil, styles: nil)
        func colour(_ attributes: [String: String]) -> String? {
            let node = XMLNode(name: "color", attributes: attributes)
            return reader.colour(node)?.hex
        }
        #expect(colour(["theme": "1"]) == "000000")
        #expect(colour(["theme": "0"]) == "FFFFFF")
        #expect(colour(["theme": "4"]) == "4F81BD")
        #expect(colour(["theme": "0", "tint": "-0.499984740745262"]) == "808080")
        #expect(colour(["theme": "1", "tint": "0.499984740745262"]) == "7F7F7F")
        #expect(colour(["indexed": "10"]) == "FF0000")
        #expect(colour(["indexed": "64"]) == "000000")
        #expect(colour(["auto": "1"]) == nil)
    }
}

/// The colour-only rule's definition, on sheets built in code: style 0 no fill, 1 red, 2 grey.
@Suite("Check: colour-only")
struct ColourOnlyRuleTests {
    static let styles = CellStyles(styles: [
        CellColours(text: .black, fill: nil), CellColours(text: .black, fill: RGB(hex: "FFC7CE")),
        CellColours(text: .black, fill: RGB(hex: "EEEEEE")),
    ])

    /// A table A1:B(n+1) with `rows` (text, style) in column B below a header, and "x" in column A
    /// with `rowStyle(row)` (to band whole rows).
    static func findings(_ rows: [(String, Int)], rowStyle: (Int) -> Int = { _ in 0 }) -> [String] {
        var cells: [CellAddress: SheetCell] = [CellAddress(row: 0, column: 0): SheetCell(kind: .text, text: "Name", style: 0),
                                                CellAddress(row: 0, column: 1): SheetCell(kind: .text, text: "Status", style: 0)]
        for (index, (text, style)) in rows.enumerated() {
            let kind: SheetCell.Kind = Double(text) == nil ? .text : .number
            cells[CellAddress(row: index + 1, column: 0)] = SheetCell(kind: .text, text: "x", style: rowStyle(index))
            cells[CellAddress(row: index + 1, column: 1)] = SheetCell(kind: kind, text: text, style: style)
        }
        let range = CellRange(rows: 0...rows.count, columns: 0...1)
        let sheet = SheetContent(name: "T", state: .visible, cells: cells, merges: [],
                                 tables: [TablePart(name: "t", range: range, headerRows: 1, totalsRows: 0)], drawings: [])
        return ColourRules(sheet: sheet, regions: TableRegion.regions(of: sheet), styles: styles).colourOnly().map(\.message)
    }

    @Test func aFilledNumberIsColourOnly() {
        #expect(Self.findings([("10", 0), ("20", 1), ("30", 0)]) == ["1 cell filled FFC7CE or otherwise apart from their row and column, 1 of them holding a number or nothing"])
    }

    @Test func theSameWordFilledDifferentlyIsColourOnly() {
        #expect(Self.findings([("Yes", 0), ("Yes", 1), ("No", 0)]) == ["1 cell filled FFC7CE or otherwise apart from their row and column, and the same text has different fills"])
    }

    @Test func wordsThatCarryTheirColourAreFine() {
        #expect(Self.findings([("Red", 1), ("Green", 0), ("Green", 0), ("Red", 1)]) == [])
    }

    /// Banded rows: every other row grey across the table, numbers in the column.
    @Test func wholeRowFillsAreStyling() {
        #expect(Self.findings([("10", 0), ("20", 2), ("30", 0), ("40", 2)], rowStyle: { $0 % 2 == 1 ? 2 : 0 }) == [])
    }
}
