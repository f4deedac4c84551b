@testable import AppendixCheck
@testable import AppendixZip
import Foundation
import Testing

/// The check's own XML reader (XMLByteReader behind SafeXML) on hostile and malformed XML, and
/// on what well-formed parts may hold.
@Suite("Check: hostile XML")
struct CheckSafetyTests {
    static let laughs = """
        <?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\
        <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><r>&d;</r>
        """
    static let external = #"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY s SYSTEM "file:///etc/hostname">]><r>&s;</r>"#

    static func tree(_ text: String) throws(ZipPartError) -> XMLNode { try SafeXML.tree(Array(text.utf8), name: "p.xml") }

    @Test func theCheckRefusesThemBeforeParsing() {
        for text in [Self.laughs, Self.external] {
            #expect(throws: ZipPartError(part: "p.xml", reason: SafeXML.dtdRefusal)) { try Self.tree(text) }
        }
        #expect(throws: ZipPartError(part: "p.xml", reason: "is cut short (its root element is not closed)")) { try Self.tree("<a>") }
        #expect(throws: ZipPartError(part: "p.xml", reason: "declares the encoding 'utf-7'; only UTF-8 is read")) {
            try Self.tree(#"<?xml version="1.0" encoding="UTF-7"?><a/>"#)
        }
    }

    @Test(arguments: [
        ("<a><b></a>", "line 1: end tag </a> does not match <b>"),
        ("<a>\n</b>", "line 2: end tag </b> does not match <a>"),
        ("<a></a></a>", "line 1: end tag </a> has no start tag"),
        (#"<workbook><sheets><sheet name="a""#, "line 1: the part ends inside a tag"),
        ("<a", "line 1: the part ends inside a tag"),
        (#"<a b="1"c="2"/>"#, "line 1: expected white space, '>' or '/>' in a start tag"),
        ("<a b/>", "line 1: expected '=' after the attribute name 'b'"),
        ("<a b=1/>", "line 1: expected a quoted value for the attribute 'b'"),
        (#"<a b="<"/>"#, "line 1: '<' in an attribute value"),
        (#"<a b="1" b="2"/>"#, "line 1: the attribute 'b' is given twice"),
        (#"<a x:b="1" y:b="2"/>"#, "line 1: the attribute 'y:b' is given twice"),
        ("<a>&nbsp;</a>", "line 1: unknown reference &nbsp;"),
        ("<a>&#0;</a>", "line 1: unknown reference &#0;"),
        ("<a>&#xD800;</a>", "line 1: unknown reference &#xD800;"),
        ("<a>AT&T</a>", "line 1: '&' does not start an entity or character reference"),
        ("<a/><b/>", "line 1: a second root element"),
        ("<a/>text", "line 1: text outside the root element"),
        ("<a><!-- open</a>", "line 1: a comment is not closed"),
        ("<a><![CDATA[open</a>", "line 1: CDATA is not closed"),
        ("<a><!ELEMENT a></a>", "line 1: '<!' starts neither a comment nor CDATA"),
        ("<a></ >", "line 1: expected a name"),
    ])
    func malformedXMLIsAnError(xml: String, reason: String) {
        #expect(throws: ZipPartError(part: "p.xml", reason: "is not well-formed XML (\(reason))")) { try Self.tree(xml) }
    }

    @Test func invalidUTF8IsAnError() {
        #expect(throws: ZipPartError(part: "p.xml", reason: "is not UTF-8 (an invalid byte on line 2)")) {
            try SafeXML.tree(Array("<a>\n".utf8) + [0xC3, 0x28] + Array("</a>".utf8), name: "p.xml")
        }
    }

    /// Entities, character references, CDATA, comments, processing instructions, namespace
    /// prefixes, `xmlns` attributes and line ends, as XML defines them.
    @Test func whatAPartMayHold() throws {
        let root = try Self.tree("""
            \u{FEFF}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <x:sheet xmlns:x="urn:x" xmlns="urn:y" x:id='r&apos;1' tab="a\tb\r\nc">
            <!-- a comment --><?pi data?><x:t>&lt;&gt;&amp;&quot;&#65;&#x20AC;\r\n<![CDATA[<b>&amp;</b>]]>é</x:t><empty />
            </x:sheet>
            """)
        #expect(root.name == "sheet")
        #expect(root.attributes == ["id": "r'1", "tab": "a b c"])
        #expect(root.children.map(\.name) == ["t", "empty"])
        #expect(root.child("t")?.text == "<>&\"A€\n<b>&amp;</b>é")
    }

    /// Every prefix of a part cut short, at every byte, is refused with a reason, never read
    /// as a whole part and never a crash.
    @Test func everyCutIsRefused() throws {
        let part = Array("""
            <?xml version="1.0"?><x:a xmlns:x="u" b='1'><!-- c --><d e="&amp;&#x41;">t&lt;<![CDATA[]]>é</d><?p q?><f/></x:a>
            """.utf8)
        #expect(try SafeXML.tree(part, name: "p.xml").children.map(\.name) == ["d", "f"])
        for length in 0..<part.count {
            #expect(throws: ZipPartError.self) { try SafeXML.tree(Array(part[..<length]), name: "p.xml") }
        }
    }

    /// A part over 10 MB (which Foundation's XMLParser(data:) could not read) is read whole.
    @Test func largePartsAreRead() throws {
        let rows = String(repeating: "<row><c><v>1</v></c></row>", count: 420_000)  // 11.3 MB
        let root = try Self.tree("<sheetData>\(rows)</sheetData>")
        #expect(root.children.count == 420_000)
        #expect(root.children.last?.child("c")?.child("v")?.text == "1")
    }

    /// A tree 100,000 deep once crashed the check when freed, so the reader stops at 256 levels.
    @Test func deepNestingIsAnError() throws {
        let deep = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        #expect(throws: ZipPartError(part: "p.xml", reason: "nests elements more than 256 deep")) { try Self.tree(deep) }
        let fine = String(repeating: "<a>", count: 256) + String(repeating: "</a>", count: 256)
        #expect(try Self.tree(fine).name == "a")
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
