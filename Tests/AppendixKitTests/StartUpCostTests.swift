import Foundation
import Testing
import Yams
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixExpression
@testable import AppendixLayout

/// Work taken off `appendix build`'s start-up, each checked against what it replaced.
@Suite("start-up cost")
struct StartUpCostTests {
    /// Definitions are composed without Yams' default resolver (whose regular expressions start
    /// ICU's engine); booleans read as they did with it.
    @Test(arguments: [
        "true", "True", "TRUE", "tRuE", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
        "false", "False", "FALSE", "y", "n", "1", "0", "null", "~", "1.5", "2019-04-01", "\"true\"", "'yes'", "\"no\"",
        "!!bool TRUE", "!!bool tRuE", "!!bool yes", "!!bool maybe", "!!str true", "!!str no", "|\n  true", "''",
    ])
    func booleansReadAsYamsDefaultResolverReadsThem(_ value: String) throws {
        let yaml = "key: \(value)\n"
        let reference = try #require(try Yams.compose(yaml: yaml)?.mapping?["key"]?.scalar)
        let node = try #require(try YAMLNode.document(yaml, file: "t.yaml", emptyMessage: "empty").mapping(allowed: ["key"])["key"])
        #expect((try? node.bool()) == Bool.construct(from: reference), "\(value)")
    }

    /// With no resolver rules a plain key and a quoted key of the same text are one key, which
    /// Yams reports as a duplicate (the default resolver gave `1` and `"1"` different tags).
    @Test func sameKeyPlainAndQuotedIsADuplicate() {
        #expect(throws: DefinitionError.self) {
            try YAMLNode.document("sources:\n  1: {file: a.csv}\n  \"1\": {file: b.csv}\n", file: "t.yaml", emptyMessage: "empty")
        }
    }

    /// Quotes in formula strings and sheet names are doubled without Foundation's `NSString`:
    /// as `replacingOccurrences` doubled them...
    @Test func quotesDoubleAsReplacingOccurrencesDid() {
        let alphabet: [String] = ["a", "\"", "'", "é", "e\u{301}", " ", "👍🏽", "\"\"", "£"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            #expect(text.doublingEvery("\"") == text.replacingOccurrences(of: "\"", with: "\"\""), "\(text.debugDescription)")
            #expect(text.doublingEvery("'") == text.replacingOccurrences(of: "'", with: "''"), "\(text.debugDescription)")
        }
    }

    /// ...except a quote followed by a combining mark, which `replacingOccurrences` (comparing
    /// characters) left single: Excel reads formulas by code unit, so that quote ended the
    /// string or sheet name early and broke the formula.
    @Test func quoteBeforeCombiningMarkIsDoubled() {
        #expect(CellReference.quotedSheet("O'\u{301}Neill") == "'O''\u{301}Neill'")
        #expect(Formula.string("say \"\u{301}hi\"").text == "\"say \"\"\u{301}hi\"\"\"")
    }

    /// `general` takes a number's shortest text as it is when rounding to 15 significant digits
    /// would not change it; every other number goes through its digits. Both give the same text.
    @Test func generalTextEqualsTheDigitsPath() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0.1 + 0.2, 2.675, 1e-4, 0.00012, 9.2e-5, 999_999_999_999_999.9, 123_456_789_012_345.6, 5_341_215.704548115,
                                -0.5, -1234.56, 0.30000000000000004, 1e15 - 0.5, 12_345.678_901_234_5, 1.000_000_000_000_002]
        for _ in 0..<20_000 {
            values.append(Double(Int.random(in: -10_000_000_000...10_000_000_000, using: &generator)) / 100)
            values.append(Double.random(in: -1...1, using: &generator) * pow(10, Double(Int.random(in: -8...16, using: &generator))))
            values.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator)))
        }
        for value in values where value.isFinite && value != value.rounded() {
            #expect(ExcelNumberText.general(value) == ExcelNumberText.generalByDigits(value), "\(value)")
        }
    }
}
