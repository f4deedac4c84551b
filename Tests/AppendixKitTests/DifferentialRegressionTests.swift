import AppendixKit
import Foundation
import Testing

/// Minimal reproductions of the differences `scripts/differential.py` found between Appendix's
/// cached values and LibreOffice's recalculation (issue #11): each asserts the formula written
/// and the value cached, through the public build call, in both build modes where it matters.
@Suite("differential regressions")
struct DifferentialRegressionTests {
    typealias R = ExpressionReliabilityTests

    static func sheet(_ columns: String, _ csv: String, mode: BuildMode = .auto, extra: String = "") throws -> XLSXSheet {
        let output = try R.build(R.definition(columns, sheet: extra), files: ["d.csv": csv], mode: mode).get()
        return try XLSXFile(url: output).sheet("A")
    }

    // Kind 1: a number joined with & is written as LibreOffice writes it: decimals down to 1E-14.
    @Test func smallNumbersJoinedWithAmpersandAreDecimals() throws {
        let sheet = try Self.sheet("      - { field: a }\n      - { id: t, expression: 'a & \"\"' }\n",
                                   "a\n0.00001\n2.5e-7\n1.23456789012345e-10\n-1e-9\n1e-15\n5341215.704548115\n")
        #expect(sheet["B2"]?.formula == "IF(COUNT(A2)<1,\"N/A\",A2&\"\")" || sheet["B2"]?.formula == "A2&\"\"")
        #expect(sheet["B2"]?.text == "0.00001")
        #expect(sheet["B3"]?.text == "0.00000025")
        #expect(sheet["B4"]?.text == "0.00000000012345678901")
        #expect(sheet["B5"]?.text == "-0.000000001")
        #expect(sheet["B6"]?.text == "1E-15")
        #expect(sheet["B7"]?.text == "5341215.70454812")
    }

    // Kind 2: arithmetic on a value IFERROR/IF may give as text is #VALUE! in a spreadsheet:
    // the formula is wrapped so it shows the missing text, and that is what is cached.
    @Test(arguments: [BuildMode.memory, .streaming])
    func arithmeticOnAPossiblyTextValueShowsTheMissingText(mode: BuildMode) throws {
        let sheet = try Self.sheet("      - { field: t }\n      - { field: a }\n      - { id: n, expression: '-iferror(t, \"n/c\")' }\n"
                                   + "      - { id: b, expression: 'abs(if(isnumber(a), a, t))' }\n",
                                   "t,a\ntbc,x\n", mode: mode)
        #expect(sheet["C2"]?.formula == "IFERROR(-IFERROR(A2,\"n/c\"),\"N/A\")")
        #expect(sheet["C2"]?.text == "N/A")
        #expect(sheet["D2"]?.formula == "IFERROR(ABS(IF(ISNUMBER(B2),B2,A2)),\"N/A\")")
        #expect(sheet["D2"]?.text == "N/A")
    }

    // Kind 3: text that reads as a number (a TEXT() percentage) is a number in arithmetic.
    @Test func textThatReadsAsANumberIsANumberInArithmetic() throws {
        let sheet = try Self.sheet("      - { field: a }\n      - { id: e1, expression: 'text(a, \"+0.0%;-0.0%;0.0%\")' }\n"
                                   + "      - { id: e2, expression: 'abs(iferror(e1, \"n/c\"))' }\n", "a\n902\n")
        #expect(sheet["B2"]?.text == "+90200.0%")
        #expect(sheet["C2"]?.formula == "IFERROR(ABS(IFERROR(B2,\"n/c\")),\"N/A\")")
        #expect(sheet["C2"]?.number == 902)
    }

    // Kind 4: a formula whose result is a blank cell shows 0 in a spreadsheet; it reads as missing.
    @Test(arguments: [BuildMode.memory, .streaming])
    func aBlankCellAsTheResultReadsAsMissing(mode: BuildMode) throws {
        let sheet = try Self.sheet("      - { field: a }\n      - { id: c, expression: a }\n      - { field: b }\n", "a,b\n5,x\n,y\n", mode: mode)
        #expect(sheet["B3"]?.formula == "IF(ISBLANK(A3),\"N/A\",A3)")
        #expect(sheet["B3"]?.text == "N/A")
        #expect(sheet["B2"]?.number == 5)
    }

    // Kind 5: totals add as LibreOffice does (compensated), so large values that cancel keep the rest.
    @Test(arguments: [BuildMode.memory, .streaming])
    func totalsOfCancellingValuesKeepTheSmallOnes(mode: BuildMode) throws {
        let sheet = try Self.sheet("      - { field: a }\n      - { id: s, expression: 'sum(a, 0.1, -100000000000000, 5)' }\n", "a\n100000000000000\n0.1\n-100000000000000\n5\n",
                                   mode: mode, extra: "    totals: { label: Total, columns: [a] }\n")
        let total = (2...8).compactMap { row in sheet["A\(row)"]?.formula?.hasPrefix("SUBTOTAL") == true ? sheet["A\(row)"] : nil }.first
        // A plain loop gives 5.09375; LibreOffice's compensated sum gives 5.1.
        #expect(total?.formula == "SUBTOTAL(9,A2:A5)")
        #expect(total?.number == 5.1)
        #expect(sheet["B2"]?.number == 5.1)
    }

    // Kind 6: TEXT() rounds half away from zero at the 15th digit, as LibreOffice.
    @Test func textOfFifteenDigitsRoundsHalfUp() throws {
        let sheet = try Self.sheet("      - { field: a }\n      - { id: t, expression: 'text(a, \"0\")' }\n", "a\n349999999999996.5\n")
        #expect(sheet["B2"]?.text == "349999999999997")
    }

    // Cases 59, 654, 815 (seed 20240611): TEXT() rounds the number's shortest round-trip
    // digits, not digits first rounded to 15: 550 × 44.12817 is 24270.493499999997 → .493,
    // 0.2 − 0.25 is −0.04999999999999999 → 0.0.
    @Test func textRoundsTheShortestDigitsOfTheDouble() throws {
        let sheet = try Self.sheet("      - { field: a }\n      - { field: b }\n"
                                   + "      - { id: m, expression: 'text(a * b, \"0.000\")' }\n"
                                   + "      - { id: h, expression: 'text(a - b, \"0.0\")' }\n",
                                   "a,b\n550,44.12817\n0.2,0.25\n")
        #expect(550 * 44.12817 == 24270.493499999997 && 0.2 - 0.25 == -0.04999999999999999)
        #expect(sheet["C2"]?.text == "24270.493")
        #expect(sheet["D3"]?.text == "0.0")
    }

    // Case 596 (seed 20240611): the last addend of a sum is added with one more compensated
    // step, as LibreOffice's KahanSum::get: AVERAGE(-20, 0.009, 0.009, 0.1) is -4.9705, so
    // TEXT(…, "0.0%") is -497.1%, not -497.0% from -4.9704999999999995.
    @Test(arguments: [BuildMode.memory, .streaming])
    func theLastAddendIsAddedWithCompensation(mode: BuildMode) throws {
        let sheet = try Self.sheet("      - { field: a }\n      - { field: b }\n      - { field: c }\n"
                                   + "      - { id: m, expression: 'avg(a:c, b)' }\n      - { id: t, expression: 'text(avg(a:c, b), \"0.0%\")' }\n",
                                   "a,b,c\n-20,0.009000000000000001,0.1\n", mode: mode)
        #expect(sheet["D2"]?.number == -4.9705)
        #expect(sheet["E2"]?.text == "-497.1%")
    }

    // Kind 7: TEXT() of text gives the text; aggregates skip text that IF/IFERROR pass on from a cell.
    @Test func textOfTextAndAggregatesOfPassedOnCells() throws {
        let sheet = try Self.sheet("      - { field: t }\n      - { id: x, expression: 'text(iferror(t, \"n/c\"), \"0\")' }\n"
                                   + "      - { id: m, expression: 'min(5, iferror(t, \"n/c\"))' }\n", "t\ntbc\n")
        #expect(sheet["B2"]?.formula == "IFERROR(TEXT(IFERROR(A2,\"n/c\"),\"0\"),\"N/A\")")
        #expect(sheet["B2"]?.text == "tbc")
        #expect(sheet["C2"]?.formula == "IFERROR(MIN(5,IFERROR(A2,\"n/c\")),\"N/A\")")
        #expect(sheet["C2"]?.number == 5)
    }

    // Case 445 (seed 20240611): a data cell holds 16 significant digits (libxlsxwriter writes
    // %.16G), so 1.0000000000000002 is recalculated as 1; the cached value starts from it too.
    @Test(arguments: [BuildMode.memory, .streaming])
    func cachedValuesStartFromTheStoredDataCell(mode: BuildMode) throws {
        let sheet = try Self.sheet("      - { field: a }\n      - { field: b }\n      - { id: e, expression: 'a * b + 100 - a' }\n",
                                   "a,b\n7000000000000,1.0000000000000002\n", mode: mode)
        #expect(sheet["C2"]?.formula == "IF(COUNT(A2,B2)<2,\"N/A\",A2*B2+100-A2)")
        #expect(sheet["C2"]?.number == 100)
    }

    // Case 98 (seed 20240611): TEXT() of text that reads as a number formats the number.
    @Test func textOfNumericTextFormatsTheNumber() throws {
        let yaml = "sources:\n  d: { file: d.csv, fields: { t: text } }\nsheets:\n  - name: A\n    source: d\n    columns:\n"
            + "      - { field: t }\n      - { id: x, expression: 'text(iferror(t, 0), \"+0;-0\")' }\n"
        let output = try R.build(yaml, files: ["d.csv": "t\n\"1,234\"\nabc\n"]).get()
        let sheet = try XLSXFile(url: output).sheet("A")
        #expect(sheet["B2"]?.formula == "IFERROR(TEXT(IFERROR(A2,0),\"+0;-0\"),\"N/A\")")
        #expect(sheet["B2"]?.text == "+1234")
        #expect(sheet["B3"]?.text == "abc")
    }

    // Case 114 (seed 7): text compares in collation order, as LibreOffice's en-GB collator:
    // symbols (arrows) before digits before letters, without case.
    @Test func textComparesInCollationOrder() throws {
        let sheet = try Self.sheet("      - { field: t }\n      - { id: x, expression: 'if(t >= \"N/A\", \"after\", \"before\")' }\n",
                                   "t\n↓ W +5.0%\nn/b\n-1\nn/a\n")
        #expect(sheet["B2"]?.formula == "IF(A2>=\"N/A\",\"after\",\"before\")")
        #expect(sheet["B2"]?.text == "before")
        #expect(sheet["B3"]?.text == "after")
        #expect(sheet["B4"]?.text == "before")
        #expect(sheet["B5"]?.text == "after")
    }
}
