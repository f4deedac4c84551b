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

    static func parse(_ text: String) -> Outcome {
        let parser = XMLParser(data: Data(text.utf8))
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

    @Test func theCheckRefusesThemBeforeParsing() {
        for text in [Self.laughs, Self.external] {
            #expect(throws: ZipPartError(part: "p.xml", reason: SafeXML.dtdRefusal)) { try SafeXML.tree(Array(text.utf8), name: "p.xml") }
        }
        #expect(throws: ZipPartError(part: "p.xml", reason: "is not well-formed XML (line 1, libxml2 error 5)")) {
            try SafeXML.tree(Array("<a><b></a>".utf8), name: "p.xml")
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
