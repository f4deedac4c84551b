import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixExpression
@testable import AppendixFees
@testable import AppendixLayout
@testable import AppendixPipeline
@testable import AppendixRender

/// A row of named cells A2, B2, … holding the given values, plus related ranges.
struct RowFixture: FormulaContext {
    var columns: [(String, ExcelValue)]
    var relatedRanges: [String: (RangeReference, [ExcelValue])] = [:]

    func cell(for id: String) -> (CellReference, ExcelValue) {
        let index = columns.firstIndex { $0.0 == id }!
        return (CellReference(row: 1, column: index), columns[index].1)
    }

    func related(source: String, field: String) -> (RangeReference, [ExcelValue])? {
        relatedRanges["\(source).\(field)"]
    }

    func cells(from first: String, to last: String) -> (RangeReference, [ExcelValue]) {
        let a = columns.firstIndex { $0.0 == first }!, b = columns.firstIndex { $0.0 == last }!
        return (RangeReference(sheet: nil, firstRow: 1, lastRow: 1, firstColumn: a, lastColumn: b), columns[a...b].map(\.1))
    }
}

func compile(_ text: String, _ row: RowFixture, missing: String = "N/A") throws -> Formula {
    FormulaCompiler(missingText: missing).compile(try ColumnExpression.parse(text), in: row)
}

@Suite("Expressions: formula text and cached value agree")
struct ExpressionTests {
    let fee = RowFixture(columns: [("current", .number(150)), ("recommended", .number(165)), ("higher", .text("See detail comments")), ("blank", .blank)])

    @Test func arithmeticWithGuard() throws {
        let formula = try compile("recommended - current", fee)
        #expect(formula.text == "IF(COUNT(B2,A2)<2,\"N/A\",B2-A2)")
        #expect(formula.evaluate() == .number(15))
    }

    @Test func missingInputGivesMissingTextNotZero() throws {
        let formula = try compile("recommended - blank", fee)
        #expect(formula.text == "IF(COUNT(B2,D2)<2,\"N/A\",B2-D2)")
        #expect(formula.evaluate() == .text("N/A"))
        #expect(try compile("recommended - blank", fee, missing: "").evaluate() == .text(""))
        #expect(try compile("higher * 2", fee).evaluate() == .text("N/A"))
    }

    @Test func divisionByZeroIsMissing() throws {
        let row = RowFixture(columns: [("a", .number(5)), ("b", .number(0))])
        let formula = try compile("a / b", row)
        #expect(formula.text == "IFERROR(IF(COUNT(A2,B2)<2,\"N/A\",A2/B2),\"N/A\")")
        #expect(formula.evaluate() == .text("N/A"))
    }

    @Test func percentageChange() throws {
        let formula = try compile("(recommended - current) / current", fee)
        #expect(formula.text == "IFERROR(IF(COUNT(B2,A2)<2,\"N/A\",(B2-A2)/A2),\"N/A\")")
        #expect(formula.evaluate() == .number(0.1))
    }

    @Test func precedenceAndParentheses() throws {
        let row = RowFixture(columns: [("a", .number(10)), ("b", .number(4)), ("c", .number(1))])
        let cases: [(String, String, Double)] = [
            ("a - b - c", "A2-B2-C2", 5),
            ("a - (b - c)", "A2-(B2-C2)", 7),
            ("a / (b * c)", "A2/(B2*C2)", 2.5),
            ("a / b * c", "A2/B2*C2", 2.5),
            ("-(a + b)", "-(A2+B2)", -14),
            ("a × b ÷ c − 1", "A2*B2/C2-1", 39),
            ("a + 10%", "A2+0.1", 10.1),
        ]
        for (source, text, value) in cases {
            let formula = try compile(source, row)
            #expect(formula.text.contains(text), "\(source) → \(formula.text)")
            #expect(formula.evaluate() == .number(value), "\(source)")
        }
    }

    @Test func ifWithTextBranchKeepsTheText() throws {
        let formula = try compile("if(isnumber(higher), (higher - current) / current, higher)", fee)
        #expect(formula.text == "IFERROR(IF(ISNUMBER(C2),IF(COUNT(C2,A2)<2,NA(),(C2-A2)/A2),IF(ISBLANK(C2),\"N/A\",C2)),\"N/A\")")
        #expect(formula.evaluate() == .text("See detail comments"))
        let numeric = RowFixture(columns: [("current", .number(150)), ("recommended", .number(165)), ("higher", .number(200))])
        #expect(try compile("if(isnumber(higher), (higher - current) / current, higher)", numeric).evaluate() == .number(50.0 / 150.0))
    }

    @Test func comparisonsInConditions() throws {
        let row = RowFixture(columns: [("actual", .number(0.9)), ("target", .number(0.9)), ("area", .text("Heritage Room"))])
        #expect(try compile("if(actual >= target, \"GREEN\", \"RED\")", row).evaluate() == .text("GREEN"))
        #expect(try compile("if(actual < target, 1, 0)", row).evaluate() == .number(0))
        let byText = try compile("if(area = \"heritage room\", 1, 2)", row)
        #expect(byText.text == "IF(C2=\"heritage room\",1,2)")
        #expect(byText.evaluate() == .number(1))
    }

    @Test func aggregatesSkipTextAndBlanks() throws {
        let row = RowFixture(columns: [("a", .number(3)), ("b", .text("N/A")), ("c", .blank), ("d", .number(-1))])
        #expect(try compile("min(a, b, c, d)", row).evaluate() == .number(-1))
        #expect(try compile("max(a, b, c, d)", row).evaluate() == .number(3))
        #expect(try compile("sum(a, b, c, d)", row).evaluate() == .number(2))
        #expect(try compile("avg(a, b, c, d)", row).evaluate() == .number(1))
        #expect(try compile("avg(b, c)", row).evaluate() == .text("N/A"))
    }

    @Test func roundAbsAndText() throws {
        let row = RowFixture(columns: [("a", .number(2.675)), ("b", .number(-1234.5)), ("c", .number(0.14375))])
        #expect(try compile("round(a, 2)", row).evaluate() == .number(2.68))
        #expect(try compile("abs(b)", row).evaluate() == .number(1234.5))
        #expect(try compile("text(b, \"#,##0.00\")", row).evaluate() == .text("-1,234.50"))
        #expect(try compile("text(b, \"£#,##0\")", row).evaluate() == .text("-£1,235"))
        // LibreOffice rounds the product 14.374999999999998 (Excel shows 14.38%).
        #expect(try compile("text(c, \"0.00%\")", row).evaluate() == .text("14.37%"))
        #expect(try compile("\"Total: \" & a", row).evaluate() == .text("Total: 2.675"))
    }

    @Test func relatedRanges() throws {
        let range = RangeReference(sheet: "Bench'marks", column: 2, firstRow: 4, lastRow: 6)
        var row = RowFixture(columns: [("x", .number(1))])
        row.relatedRanges["comparators.fee"] = (range, [.number(130), .number(200), .number(219)])
        let average = try compile("avg(comparators.fee)", row)
        #expect(average.text == "IFERROR(AVERAGE('Bench''marks'!$C$5:$C$7),\"N/A\")")
        #expect(average.evaluate() == .number(183))
        let label = try compile("\"£\" & text(min(comparators.fee), \"0\") & \" - £\" & text(max(comparators.fee), \"0\")", row)
        #expect(label.evaluate() == .text("£130 - £219"))
        // No related rows: nothing to refer to, so the cell holds the missing text as a value.
        let none = try compile("avg(comparators.fee)", RowFixture(columns: [("x", .number(1))]))
        #expect(!none.hasReferences)
        #expect(none.evaluate() == .text("N/A"))
    }

    @Test func columnRangesInAggregates() throws {
        let row = RowFixture(columns: [("label", .text("x")), ("y1", .number(-243)), ("y2", .blank), ("y3", .number(100)), ("y4", .text("N/A"))])
        let total = try compile("sum(y1:y4)", row)
        #expect(total.text == "IF(COUNT(B2:E2)=0,\"N/A\",SUM(B2:E2))") // issue #11 item 13: no number → missing text
        #expect(total.evaluate() == .number(-143))
        #expect(try compile("max(y1 : y3) * 2", row).evaluate() == .number(200))
    }

    @Test func displayPatterns() throws {
        let row = RowFixture(columns: [("done", .number(248)), ("due", .number(251))])
        let pattern = try DisplayPattern.expression("{done}/{due} – {done / due:0%} {{ok}}")
        let formula = FormulaCompiler().compile(pattern, in: row)
        #expect(formula.evaluate() == .text("248/251 – 99% {ok}"))
        #expect(formula.text == "IFERROR(IF(COUNT(A2,B2)<2,\"N/A\",A2&\"/\"&B2&\" – \"&TEXT(A2/B2,\"0%\")&\" {ok}\"),\"N/A\")")
        #expect(throws: ExpressionError.self) { try DisplayPattern.expression("{done") }
    }

    @Test func signedTextFormats() throws {
        let format = try #require(TextFormat("+0.0%;-0.0%;0.0%"))
        #expect(format.format(0.0526) == "+5.3%")
        #expect(format.format(-0.246) == "-24.6%")
        #expect(format.format(0) == "0.0%")
        #expect(TextFormat("0;0;0;0") == nil)
    }

    @Test func stringsAreEscapedInFormulas() throws {
        let formula = try compile("\"say \"\"hi\"\"\" & \"!\"", RowFixture(columns: []))
        #expect(formula.text == "\"say \"\"hi\"\"\"&\"!\"")
        #expect(formula.evaluate() == .text("say \"hi\"!"))
    }

    @Test(arguments: [
        ("a +", "expected a value"),
        ("foo(1)", "unknown function 'foo'"),
        ("round(1, 2, 3)", "round() takes 1 to 2 arguments"),
        ("\"abc", "no closing"),
        ("(a + b", "expected ')'"),
        ("a b", "unexpected 'b'"),
        ("a.", "expected a field name"),
        ("1..2", "is not a number"),
        ("if(a, b)", "if() takes 3 arguments"),
    ])
    func syntaxErrors(_ text: String, _ message: String) {
        #expect {
            try ColumnExpression.parse(text)
        } throws: { error in
            (error as? ExpressionError)?.message.contains(message) == true
        }
    }

    @Test func parsesStructure() throws {
        #expect(try ColumnExpression.parse("min(comparators.fee) * 2") ==
            .binary(.multiply, .call(.min, [.related(source: "comparators", field: "fee")]), .number(2)))
        #expect(try ColumnExpression.parse("a - b").fields == ["a", "b"])
    }
}
