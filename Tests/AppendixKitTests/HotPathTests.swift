import Testing
@testable import AppendixData
@testable import AppendixExpression

/// Issue #14's trimmed hot path gives what the plain code gave.
@Suite("Hot path")
struct HotPathTests {
    /// The formula text as it was made before: the pieces joined by the row number.
    static func joined(_ pieces: [String], row: Int) -> String { pieces.joined(separator: String(row + 1)) }

    @Test(arguments: [0, 1, 8, 9, 10, 98, 99, 100, 12_344, 999_999, 1_048_575])
    func formulaTextFillsInTheRowNumber(row: Int) {
        let pieces = ["IF(COUNT(F", ",G", ")<2,\"N/A\",F", "-G", ")"]
        let template = FormulaTemplate(pieces: pieces)
        #expect(template.text(row: row) == Self.joined(pieces, row: row))
        #expect(FormulaTemplate(pieces: ["£ and é: A", ""]).text(row: row) == "£ and é: A\(row + 1)")
        #expect(FormulaTemplate(pieces: ["SUM(A1:A9)"]).text(row: row) == "SUM(A1:A9)")
    }

    @Test func formulaTemplatesFromFormulasFillEveryReference() throws {
        let formula = Formula.binary(.subtract, .cell(CellReference(row: 0, column: 5), .blank), .cell(CellReference(row: 0, column: 6), .blank))
        #expect(formula.template.text(row: 41) == "F42-G42")
        #expect(formula.template.text(row: 41) == Formula.binary(.subtract, .cell(CellReference(row: 41, column: 5), .blank), .cell(CellReference(row: 41, column: 6), .blank)).text)
    }

    @Test func onlyTextsThatTrimmingChangesAreTrimmed() {
        let padded = [" 1", "1 ", "\t1", "1\t", "\u{00A0}1", "1\u{00A0}", " ", "\u{00A0}"]
        let plain = ["£1,234.56", "(12.50)", "à", "1à", "Â", "x", "", "£", "1 2", "\u{00A0}\u{0301}x"]
        for text in padded { #expect(FieldParser.mayHaveSurroundingSpaces(text), "\(text)") }
        for text in plain where FieldParser.mayHaveSurroundingSpaces(text) == false {
            #expect(text.trimmingSpaces() == text, "\(text)")
        }
        #expect(!FieldParser.mayHaveSurroundingSpaces("£1,234.56") && !FieldParser.mayHaveSurroundingSpaces("à"))
        #expect(FieldParser().parse(" £1,234.56\u{00A0}", as: .money) == .number(1_234.56))
    }
}
