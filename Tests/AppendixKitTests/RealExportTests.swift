import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixExpression
@testable import AppendixFees
@testable import AppendixLayout
@testable import AppendixPipeline
@testable import AppendixRender

/// Issue 11, the Data stage: CSV files as real exports write them (other encodings and
/// delimiters, Excel's leftover rows, NUL bytes, overflowing numbers, numbers in other
/// notations), each driven through the command line or the public build call, in both build
/// modes where the data path differs.
@Suite("Real exports")
struct RealExportTests {
    static let modes = ["memory", "streaming"]

    struct Built {
        var run: CommandLineTests.Run
        var folder: URL
        /// The sheet, when the build wrote one.
        var sheet: XLSXSheet?
    }

    /// Writes `bytes` as data.csv beside a one-sheet definition (label, amount) whose source
    /// has `sourceKeys` (YAML lines at source level), and builds it.
    static func build(_ bytes: [UInt8], sourceKeys: [String] = [], mode: String, amount: String = "auto",
                      arguments: [String] = []) throws -> Built {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write(bytes: bytes, to: "data.csv", in: folder)
        let keys = sourceKeys.map { "    \($0)\n" }.joined()
        try TestFiles.write("sources:\n  d:\n    file: data.csv\n    fields: { amount: \(amount) }\n\(keys)sheets:\n  - name: D\n    source: d\n    columns:\n      - field: label\n      - field: amount\n",
                            to: "d.yaml", in: folder)
        let run = try CommandLineTests.appendix(["build", "d.yaml", "-o", "out.xlsx", "--mode", mode] + arguments, in: folder)
        let output = folder.appendingPathComponent("out.xlsx")
        let sheet = run.status == 0 ? try XLSXFile(url: output).sheet("D") : nil
        return Built(run: run, folder: folder, sheet: sheet)
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    // MARK: 4. NUL bytes

    @Test(arguments: modes) func nulByteIsRefusedWithLineAndColumn(mode: String) throws {
        let built = try Self.build(Self.bytes("label,amount\na,1\nA\u{0}B,2\n"), mode: mode)
        #expect(built.run.status == 1)
        #expect(built.run.error == "appendix: error: data.csv:3, column 'label': a NUL byte (U+0000) is not allowed in a cell: found 'A\\0B'\n")
    }

    @Test func otherControlCharactersAreWrittenEscaped() throws {
        for mode in Self.modes {
            let built = try Self.build(Self.bytes("label,amount\n\"a\u{1}b\tc\",1\n"), mode: mode)
            #expect(built.run.status == 0, "\(built.run.error)")
            #expect(built.sheet?["A2"]?.text == "a\u{1}b\tc", "\(mode)")
            let xml = try XLSXFile.rawPart(built.folder.appendingPathComponent("out.xlsx"), mode == "memory" ? "xl/sharedStrings.xml" : "xl/worksheets/sheet1.xml")
            #expect(xml.contains("a_x0001_b\tc"), "\(mode)")
        }
    }

    // MARK: 5. Numbers too large for a spreadsheet

    @Test(arguments: modes) func overflowingNumberIsRefused(mode: String) throws {
        let auto = try Self.build(Self.bytes("label,amount\na,1\nb,1e400\n"), mode: mode)
        #expect(auto.run.status == 1)
        #expect(auto.run.error == "appendix: error: data.csv:3, column 'amount': expected a finite number, found '1e400', which is beyond the largest number a spreadsheet can hold\n")
        let money = try Self.build(Self.bytes("label,amount\na,-1e999\n"), mode: mode, amount: "money")
        #expect(money.run.error == "appendix: error: data.csv:2, column 'amount': expected a finite number, found '-1e999', which is beyond the largest number a spreadsheet can hold\n")
    }

    // MARK: 7. Numbers an auto column cannot read

    @Test(arguments: modes) func numberLookalikesInAutoColumnsWarn(mode: String) throws {
        let built = try Self.build(Self.bytes("label,amount\na,1\nb,1 234\nc,N/A\nd,1\u{A0}234\ne,See note\n"), mode: mode)
        #expect(built.run.status == 0)
        #expect(built.run.error == "appendix: warning: data.csv, column 'amount': 2 values look like numbers but are not ones Appendix reads, so they are left out of totals and formulas (lines 3, 5; first '1 234')\n")
        #expect(built.sheet?["B3"]?.text == "1 234")
    }

    @Test(arguments: modes) func buildResultCarriesWarnings(mode: String) throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write("label,amount\na,1\nb,\"1 234\"\n", to: "data.csv", in: folder)
        let definition = try TestFiles.write("sources:\n  d:\n    file: data.csv\nsheets:\n  - name: D\n    source: d\n    columns:\n      - field: label\n      - field: amount\n", to: "d.yaml", in: folder)
        let summary = try ReportBuild(definitionURL: definition, dataDirectory: folder).run(output: folder.appendingPathComponent("o.xlsx"), mode: BuildMode(rawValue: mode)!)
        let file = folder.appendingPathComponent("data.csv").relativeDisplayPath
        #expect(summary.warnings == [BuildWarning(file: file, column: "amount", lines: [3], count: 1,
                                                  message: "1 value looks like a number but is not one Appendix reads, so it is left out of totals and formulas (line 3; first '1 234')")])
        #expect(summary.inputs == [CSVReadReport(file: file, encoding: .utf8, delimiter: UInt8(ascii: ","), skippedEmptyRows: 0)])
        let check = try ReportBuild(definitionURL: definition, dataDirectory: folder).check()
        #expect(check.warnings == summary.warnings)
    }

    @Test func splitBatchReportsTheFileWarningsOnce() throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write("group,amount\na,1\nb,1 234\na,2\nb,3\n", to: "data.csv", in: folder)
        try TestFiles.write("sources:\n  d:\n    file: data.csv\nsheets:\n  - name: D\n    source: d\n    columns:\n      - field: group\n      - field: amount\n", to: "d.yaml", in: folder)
        let run = try CommandLineTests.appendix(["batch", "d.yaml", "--split", "group", "--output", "out-{value}.xlsx", "--quiet"], in: folder)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.error == "appendix: warning: data.csv, column 'amount': 1 value looks like a number but is not one Appendix reads, so it is left out of totals and formulas (line 3; first '1 234')\n")
    }

    @Test(arguments: modes) func strictSourceMakesLookalikesAnError(mode: String) throws {
        let built = try Self.build(Self.bytes("label,amount\na,1\nb,1 234\nc,2\n"), sourceKeys: ["strict: true"], mode: mode)
        #expect(built.run.status == 1)
        #expect(built.run.error == "appendix: error: data.csv:3, column 'amount': expected a number such as 1234.5, £1,234.50 or (243), found '1 234' (1 value looks like a number but is not one Appendix reads: line 3; the source is strict)\n")
    }

    @Test func validateReportsWarnings() throws {
        let built = try Self.build(Self.bytes("label,amount\na,1\nb,1 234\n"), mode: "memory")
        let run = try CommandLineTests.appendix(["validate", "d.yaml"], in: built.folder)
        #expect(run.status == 0)
        #expect(run.output == "d.yaml: OK (1 sheets, 1 sources, 2 rows)\n")
        #expect(run.error.hasPrefix("appendix: warning: data.csv, column 'amount': 1 value looks like a number"))
    }

    // MARK: 10. Excel's leftover rows

    @Test(arguments: modes) func emptyRecordsAreSkippedAndCounted(mode: String) throws {
        let built = try Self.build(Self.bytes("label,amount\na,1\n,\nb,2\n,\n\"\",\n"), mode: mode, arguments: ["-v"])
        #expect(built.run.status == 0, "\(built.run.error)")
        #expect(built.run.output.contains("\nread data.csv: UTF-8, comma-separated; skipped 3 empty rows\n"))
        #expect(built.run.output.contains("wrote out.xlsx: D (2 rows)"))
        #expect(built.sheet?["A3"]?.text == "b")
        #expect(built.sheet?["A4"] == nil)
    }

    // MARK: 12. NFC

    @Test(arguments: modes) func decomposedTextIsWrittenComposed(mode: String) throws {
        let built = try Self.build(Self.bytes("label,amount\nCafe\u{301},1\nCaf\u{E9},2\n"), mode: mode)
        #expect(built.sheet?["A2"]?.text?.unicodeScalars.map(\.value) == "Caf\u{E9}".unicodeScalars.map(\.value))
        #expect(built.sheet?["A3"]?.text?.unicodeScalars.map(\.value) == "Caf\u{E9}".unicodeScalars.map(\.value))
    }

    @Test func composedAndDecomposedFormsAreOneValue() throws {
        let folder = try TestFiles.scratchFolder()
        let url = try TestFiles.write("label,n\nCafe\u{301},1\nCaf\u{E9},2\n\u{212B},3\n", to: "d.csv", in: folder)
        let table = try DataTable.load(CSVReader(url: url))
        #expect(Set(table.rows.prefix(2).map(\.values[0])).count == 1)
        #expect(table.rows[2].values[0] == .text("\u{C5}")) // Å (angstrom sign) → Å
    }

    // MARK: 17. Encodings

    @Test(arguments: modes) func windows1252ExportIsDetected(mode: String) throws {
        let bytes = Self.bytes("label,amount\n\"Caf") + [0xE9, 0x20, 0xA3, 0x22, 0x2C, 0x22, 0xA3] + Self.bytes("1,234.50\"\n")
        let built = try Self.build(bytes, mode: mode, arguments: ["-v"])
        #expect(built.run.status == 0, "\(built.run.error)")
        #expect(built.run.output.contains("\nread data.csv: Windows-1252, comma-separated\n"))
        #expect(built.sheet?["A2"]?.text == "Café £")
        #expect(built.sheet?["B2"]?.number == 1234.5)
    }

    @Test func windows1252DetectedAfterALongASCIIStart() throws {
        // The first byte above 0x7F comes after several 64 KiB chunks: still Windows-1252.
        let rows = String(repeating: "plain,1\n", count: 30_000)
        let built = try Self.build(Self.bytes("label,amount\n" + rows + "x,") + [0xA3] + Self.bytes("5\n"), mode: "streaming")
        #expect(built.run.status == 0, "\(built.run.error)")
        #expect(built.sheet?["B30002"]?.number == 5)
    }

    @Test(arguments: modes) func utf16WithByteOrderMarkIsRead(mode: String) throws {
        let text = "label\tamount\nCafé £\t£1,234.50\n"
        let little: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let cases: [([UInt8], String)] = [(little, "UTF-16LE"), (big, "UTF-16BE")]
        for (bytes, name) in cases {
            let built = try Self.build(bytes, mode: mode, arguments: ["-v"])
            #expect(built.run.output.contains("read data.csv: \(name), tab-separated"), "\(built.run.error)")
            #expect(built.sheet?["A2"]?.text == "Café £")
            #expect(built.sheet?["B2"]?.number == 1234.5)
        }
    }

    @Test(arguments: modes) func utf8FileWithABadByteIsAnErrorAtItsLine(mode: String) throws {
        let rows = String(repeating: "café,1\n", count: 20_000) // past the first 64 KiB chunk
        let built = try Self.build(Self.bytes("label,amount\n" + rows + "x,") + [0xA3] + Self.bytes("5\n"), mode: mode)
        #expect(built.run.status == 1)
        #expect(built.run.error == "appendix: error: data.csv:20002, column 'amount': byte 0xA3 is not valid UTF-8, and the file is read as UTF-8 (save the export as UTF-8, or set 'encoding:' on the source to the one it was saved in)\n")
    }

    @Test func mixedEncodingsAreAnError() throws {
        let bytes = Self.bytes("label,amount\nx,") + [0xA3] + Self.bytes("5\ny,") + [0xC2, 0xA3] + Self.bytes("6\n")
        let built = try Self.build(bytes, mode: "memory")
        #expect(built.run.error == "appendix: error: data.csv:3, column 'amount': this looks like UTF-8 text, but an earlier byte was not UTF-8, so the file was being read as Windows-1252: the file mixes encodings (set 'encoding:' on the source to the one it was saved in)\n")
        let chosen = try Self.build(bytes, sourceKeys: ["encoding: windows-1252"], mode: "memory")
        #expect(chosen.run.status == 0)
        #expect(chosen.sheet?["B3"]?.text == "Â£6")
    }

    @Test(arguments: modes) func chosenEncodingWinsOverDetection(mode: String) throws {
        let bytes = Self.bytes("label,amount\nCafé,1\n") // valid UTF-8, read as Latin-1 because the source says so
        let built = try Self.build(bytes, sourceKeys: ["encoding: latin-1"], mode: mode, arguments: ["-v"])
        #expect(built.run.output.contains("read data.csv: Windows-1252, comma-separated"))
        #expect(built.sheet?["A2"]?.text == "CafÃ©")
        let utf8 = try Self.build(Self.bytes("label,amount\nx,") + [0xA3] + Self.bytes("5\n"), sourceKeys: ["encoding: utf-8"], mode: mode)
        #expect(utf8.run.error == "appendix: error: data.csv:2, column 'amount': byte 0xA3 is not valid UTF-8, and the file is read as UTF-8 (save the export as UTF-8, or set 'encoding:' on the source to the one it was saved in)\n")
    }

    @Test func undefinedWindows1252ByteIsAnError() throws {
        let built = try Self.build(Self.bytes("label,amount\nx,1\ny") + [0x81] + Self.bytes(",2\n"), mode: "memory")
        #expect(built.run.error == "appendix: error: data.csv:3, column 'label': byte 0x81 is not a character in Windows-1252 (set 'encoding:' on the source to the one the file was saved in)\n")
    }

    // MARK: 18. Byte-order mark before a quoted header

    @Test(arguments: modes) func byteOrderMarkBeforeQuotedHeader(mode: String) throws {
        let built = try Self.build([0xEF, 0xBB, 0xBF] + Self.bytes("\"label\",\"amount\"\n\"a\",\"1\"\n"), mode: mode)
        #expect(built.run.status == 0, "\(built.run.error)")
        #expect(built.sheet?["A1"]?.text == "label")
        #expect(built.sheet?["B2"]?.number == 1)
    }

    // MARK: 19. Delimiters and decimal commas

    @Test(arguments: modes) func semicolonTabAndSepLineAreDetected(mode: String) throws {
        for (text, name) in [("label;amount\na;£1,234.50\n", "semicolon"), ("label\tamount\na\t£1,234.50\n", "tab"),
                             ("sep=;\nlabel;amount\na;£1,234.50\n", "semicolon"), ("sep=|\r\nlabel|amount\r\na|£1,234.50\r\n", "'|'")] {
            let built = try Self.build(Self.bytes(text), mode: mode, arguments: ["-v"])
            #expect(built.run.output.contains("read data.csv: UTF-8, \(name)-separated"), "\(text) \(built.run.error)")
            #expect(built.sheet?["B2"]?.number == 1234.5, "\(text)")
        }
        let chosen = try Self.build(Self.bytes("label\tamount\na\t£1,234.50\n"), sourceKeys: ["delimiter: tab"], mode: mode, arguments: ["-v"])
        #expect(chosen.run.output.contains("read data.csv: UTF-8, tab-separated"))
        #expect(chosen.sheet?["B2"]?.number == 1234.5)
    }

    @Test(arguments: modes) func sepLineKeepsLineNumbers(mode: String) throws {
        let built = try Self.build(Self.bytes("sep=;\nlabel;amount\na;1\nb;x\n"), mode: mode, amount: "money")
        #expect(built.run.error == "appendix: error: data.csv:4, column 'amount': expected an amount such as £1,234.50, 1234.5 or (243), found 'x'\n")
    }

    @Test(arguments: modes) func decimalCommasNeedTheSourceKey(mode: String) throws {
        let text = Self.bytes("label;amount\na;1.234,50\nb;-2,5\n")
        let money = try Self.build(text, mode: mode, amount: "money")
        #expect(money.run.error == "appendix: error: data.csv:2, column 'amount': expected an amount such as £1,234.50, 1234.5 or (243), found '1.234,50' (for decimal commas such as 1.234,50 add 'decimal: comma' to the source)\n")
        let auto = try Self.build(text, mode: mode)
        #expect(auto.run.error == "appendix: warning: data.csv, column 'amount': 2 values look like numbers but are not ones Appendix reads, so they are left out of totals and formulas (lines 2, 3; first '1.234,50'); for decimal commas such as 1.234,50 add 'decimal: comma' to the source\n")
        let comma = try Self.build(text, sourceKeys: ["decimal: comma"], mode: mode, amount: "money")
        #expect(comma.run.error.isEmpty)
        #expect(comma.sheet?["B2"]?.number == 1234.5)
        #expect(comma.sheet?["B3"]?.number == -2.5)
    }

    @Test func unknownDelimiterAndEncodingAreDefinitionErrors() throws {
        let delimiter = try Self.build(Self.bytes("label,amount\n"), sourceKeys: ["delimiter: ab"], mode: "memory")
        #expect(delimiter.run.error == "appendix: error: d.yaml:5:16: sources.d.delimiter: expected one character (such as ',' or ';') or comma, semicolon, tab or pipe, found 'ab'\n")
        let encoding = try Self.build(Self.bytes("label,amount\n"), sourceKeys: ["encoding: ebcdic"], mode: "memory")
        #expect(encoding.run.error == "appendix: error: d.yaml:5:15: sources.d.encoding: expected one of utf-8, windows-1252, latin-1, utf-16, found 'ebcdic'\n")
    }

    @Test func chosenDelimiterWinsOverDetection() throws {
        let folder = try TestFiles.scratchFolder()
        let url = try TestFiles.write("a,b;c,d\n1,2;3,4\n", to: "d.csv", in: folder)
        #expect(try CSVReader(url: url).readAll().map(\.fields) == [["a", "b;c", "d"], ["1", "2;3", "4"]])
        #expect(try CSVReader(url: url, delimiter: UInt8(ascii: ";")).readAll().map(\.fields) == [["a,b", "c,d"], ["1,2", "3,4"]])
    }

    // MARK: 20. Where quoting problems start

    @Test(arguments: modes) func badQuoteInCROnlyFileNamesItsLine(mode: String) throws {
        let built = try Self.build(Self.bytes("label,amount\ra,1\rb,\"x\"y\r"), mode: mode)
        #expect(built.run.error == "appendix: error: data.csv:3, column 'amount': malformed quoting: a quote must open and close a whole field (error parsing data while strict checking enabled)\n")
    }

    @Test(arguments: modes) func quoteProblemsAreReportedWhereTheQuoteOpens(mode: String) throws {
        let closesLater = try Self.build(Self.bytes("label,amount\na,1\nb,\"open\nc,2\nd,\"3\"x\n"), mode: mode)
        #expect(closesLater.run.error == "appendix: error: data.csv:3, column 'amount': malformed quoting: the quoted field that opens here closes on line 5 and is followed by more text; a quote must open and close a whole field\n")
        let neverCloses = try Self.build(Self.bytes("label,amount\r\na,1\r\n\"b,2\r\nc,3\r\n"), mode: mode)
        #expect(neverCloses.run.error == "appendix: error: data.csv:3, column 'label': a quoted field opens here and is not closed before the end of the file\n")
    }

    // MARK: 21. inspect's distinct count

    @Test func inspectShowsACappedDistinctCount() throws {
        let folder = try TestFiles.scratchFolder()
        let rows = (0...ColumnProfile.distinctCap).map { "ID\($0),\($0 % 7)" }.joined(separator: "\n")
        try TestFiles.write("id,v\n" + rows + "\n", to: "many.csv", in: folder)
        let run = try CommandLineTests.appendix(["inspect", "many.csv"], in: folder)
        #expect(run.output.contains("\nid        text            0     0    10000+\n"))
        #expect(run.output.contains("\nv         count           0     0         7\n"))
    }
}

extension XLSXFile {
    /// The raw XML text of one part of the package.
    static func rawPart(_ url: URL, _ path: String) throws -> String {
        let work = try TestFiles.scratchFolder()
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        unzip.arguments = ["-q", "-o", url.path, path, "-d", work.path]
        try unzip.run()
        unzip.waitUntilExit()
        return try String(contentsOf: work.appendingPathComponent(path), encoding: .utf8)
    }
}
