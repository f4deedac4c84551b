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

    /// Byte-level typing (``FieldParser/parse(utf8:as:)``): each case's expected value, the same
    /// from a String and from a CSV file's bytes.
    static let typedCases: [(text: String, type: FieldType, value: CellValue?)] = [
        (" £1,234.56\u{00A0}", .money, .number(1_234.56)), ("\t(12.50) ", .money, .number(-12.5)),
        ("\u{00A0}-\u{00A0}", .money, .number(0)), ("–", .money, .number(0)), ("-", .number, nil),
        ("50%", .integer, nil), ("1,234", .integer, .number(1234)), ("3.5", .integer, nil), ("12.5%", .percent, .number(0.125)),
        (" N/A ", .money, .missing(" N/A ")), ("#n/a", .auto, .missing("#n/a")), ("", .auto, .missing("")), ("na", .integer, .missing("na")),
        ("N/A", .text, .text("N/A")), ("nan", .auto, .text("nan")), ("n/a.", .auto, .text("n/a.")),
        ("  padded text ", .auto, .text("  padded text ")), ("+44 20 8359", .auto, .text("+44 20 8359")), ("-12", .auto, .number(-12)),
        ("\u{00A0}\u{0301}x", .auto, .text("\u{00A0}\u{0301}x")), ("cafe\u{0301}", .auto, .text("caf\u{00E9}")),
        ("cafe\u{0301}", .text, .text("caf\u{00E9}")), ("€5", .auto, .number(5)), ("1e400", .auto, nil), ("1e400", .text, .text("1e400")),
        (" 2018-10-01 ", .date, .number(43374)), ("Oct-18", .month, .number(43374)), ("2018-10-01", .month, nil),
    ]

    @Test func fieldsAreTypedFromTheirBytesAsFromText() throws {
        let parser = FieldParser()
        for (text, type, value) in Self.typedCases {
            #expect(parser.parse(text, as: type) == value, "\(text.debugDescription) as \(type)")
            var bytes = text
            let fromBytes = bytes.withUTF8 { parser.parse(utf8: UnsafeRawBufferPointer($0), as: type) }
            #expect(fromBytes == value, "\(text.debugDescription) as \(type), from bytes")
        }
    }

    @Test func markersOfTheirOwnAreFoundFromBytes() {
        let parser = FieldParser(missingMarkers: ["TBC", "néant", "-"])
        let cases: [(String, CellValue)] = [("tbc", .missing("tbc")), (" Tbc", .missing(" Tbc")), ("ne\u{0301}ant", .missing("n\u{00E9}ant")),
                                            ("-", .missing("-")), ("n/a", .text("n/a")), ("", .text(""))]
        for (text, value) in cases {
            var bytes = text
            #expect(bytes.withUTF8 { parser.parse(utf8: UnsafeRawBufferPointer($0), as: .auto) } == value, "\(text.debugDescription)")
        }
    }

    /// The same cases read from a CSV file, one column per case: the reader lends field bytes
    /// and the values are typed from them.
    @Test func aCSVFileIsTypedFromItsFieldBytes() throws {
        let cases = Self.typedCases.filter { $0.value != nil }
        let header = cases.indices.map { "c\($0)" }
        let quoted = cases.map { "\"" + $0.text + "\"" }
        let folder = try TestFiles.scratchFolder()
        let csv = try TestFiles.write(header.joined(separator: ",") + "\n" + quoted.joined(separator: ",") + "\n", to: "typed.csv", in: folder)
        let types = Dictionary(uniqueKeysWithValues: cases.indices.map { (header[$0], cases[$0].type) })
        let table = try DataTable.load(CSVReader(url: csv), types: types)
        #expect(table.rows.count == 1)
        for (index, expected) in cases.enumerated() {
            #expect(table.rows.first?.values[index] == expected.value, "\(expected.text.debugDescription) as \(expected.type)")
        }
    }

    @Test func byteSetsHoldExactlyTheirBytes() {
        let members: [UInt8] = [0, 35, 63, 64, 110, 127, 128, 191, 192, 255]
        let set = ByteSet(members)
        for byte in UInt8.min...UInt8.max { #expect(set.contains(byte) == members.contains(byte), "\(byte)") }
        #expect(!ByteSet([]).contains(0))
    }
}
