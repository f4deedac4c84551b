import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixExpression
@testable import AppendixFees
@testable import AppendixLayout
@testable import AppendixPipeline
@testable import AppendixRender

@Suite("Finance number parsing")
struct FinanceNumberTests {
    @Test(arguments: [
        ("1234.5", 1234.5), ("£1,234.50", 1234.5), ("£ 20.00", 20), ("(243)", -243), ("(£243.00)", -243),
        ("-£5", -5), ("£-5", -5), ("12.5%", 0.125), ("-3.5 %", -0.035), ("1,000,000", 1_000_000), ("$7", 7),
        ("€1.5", 1.5), ("+4", 4), (".5", 0.5), ("1e3", 1000), ("  42  ", 42), ("0", 0),
    ])
    func parses(_ text: String, _ expected: Double) {
        #expect(FinanceNumber.parse(text) == expected)
    }

    @Test(arguments: ["", "abc", "1,23", "12,3456", ",123", "(12", "12)", "(-12)", "£", "1.2.3", "12 34", "N/A", "=1+2", "@SUM(A1)", "1e", "--5"])
    func rejects(_ text: String) {
        #expect(FinanceNumber.parse(text) == nil)
    }

    @Test func fieldTypes() {
        let parser = FieldParser()
        #expect(parser.parse("-", as: .money) == .number(0))
        #expect(parser.parse("–", as: .money) == .number(0))
        #expect(parser.parse("-", as: .number) == nil)
        #expect(parser.parse("3.5", as: .integer) == nil)
        #expect(parser.parse("1,234", as: .integer) == .number(1234))
        #expect(parser.parse("50%", as: .integer) == nil)
        #expect(parser.parse("n/a", as: .money) == .missing("n/a"))
        #expect(parser.parse("N/A", as: .text) == .text("N/A"))
        #expect(parser.parse("See detail comments", as: .auto) == .text("See detail comments"))
        #expect(parser.parse("-12", as: .auto) == .number(-12))
        #expect(parser.parse("+44 20 8359", as: .auto) == .text("+44 20 8359"))
    }

    @Test func excelRounding() {
        #expect(ExcelNumberText.round(2.675, digits: 2) == 2.68)
        #expect(ExcelNumberText.round(-2.5, digits: 0) == -3)
        #expect(ExcelNumberText.round(46.0 / 320.0 * 100, digits: 2) == 14.38)
        #expect(ExcelNumberText.round(1234.5, digits: -2) == 1200)
        #expect(ExcelNumberText.general(0.1 + 0.2) == "0.3")
        #expect(ExcelNumberText.general(183) == "183")
        #expect(ExcelNumberText.general(-0.5) == "-0.5")
    }
}
