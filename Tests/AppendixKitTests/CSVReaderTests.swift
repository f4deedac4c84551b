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

@Suite("CSV reader (libcsv)")
struct CSVReaderTests {
    private func records(_ text: String, chunkSize: Int = 1 << 16) throws -> [CSVRecord] {
        let folder = try TestFiles.scratchFolder()
        let url = try TestFiles.write(text, to: "in.csv", in: folder)
        return try CSVReader(url: url, displayName: "in.csv", chunkSize: chunkSize).readAll()
    }

    @Test func readsHeaderAndRowsWithLineNumbers() throws {
        let result = try records("a,b\n1,2\n3,4\n")
        #expect(result == [CSVRecord(line: 1, fields: ["a", "b"]), CSVRecord(line: 2, fields: ["1", "2"]), CSVRecord(line: 3, fields: ["3", "4"])])
    }

    @Test func quotedFieldsKeepCommasQuotesAndNewlines() throws {
        let result = try records("name,note\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\nnext,row\n")
        #expect(result[1].fields == ["Smith, J", "said \"hi\"\nthen left"])
        #expect(result[1].line == 2)
        // The record after a two-line field starts on line 4.
        #expect(result[2] == CSVRecord(line: 4, fields: ["next", "row"]))
    }

    @Test func crlfLineEndsAndByteOrderMark() throws {
        let result = try records("\u{FEFF}a,b\r\n1,2\r\n\r\n3,4")
        #expect(result.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(result.map(\.line) == [1, 2, 4])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let result = try records("a\n\n\nb\n")
        #expect(result == [CSVRecord(line: 1, fields: ["a"]), CSVRecord(line: 4, fields: ["b"])])
    }

    @Test func recordsSpanningChunkBoundaries() throws {
        var text = "id,text\n"
        for i in 1...200 { text += "\(i),\"line \(i), with comma\"\n" }
        let result = try records(text, chunkSize: 7)
        #expect(result.count == 201)
        #expect(result[150] == CSVRecord(line: 151, fields: ["150", "line 150, with comma"]))
    }

    @Test func malformedQuotingNamesTheLine() throws {
        #expect {
            try records("a,b\n1,2\n3,\"x\"y\n")
        } throws: { error in
            let error = error as? DataError
            return error?.line == 3 && error?.message.contains("quot") == true
        }
    }

    @Test func unclosedQuoteAtEndOfFile() throws {
        #expect {
            try records("a,b\n1,\"open\n")
        } throws: { error in
            (error as? DataError)?.message.contains("not closed") == true
        }
    }

    @Test func invalidUTF8NamesTheLine() throws {
        let folder = try TestFiles.scratchFolder()
        // UTF-8 (the é on line 2), then a Windows-1252 £ on line 3: an error there, never mojibake.
        let url = try TestFiles.write(bytes: Array("a,b\n1,é\n3,".utf8) + [0xA3, 0x35] + [0x0A], to: "latin1.csv", in: folder)
        #expect(throws: DataError(file: "latin1.csv", line: 3, column: "b", message: "byte 0xA3 is not valid UTF-8, and the file is read as UTF-8 (save the export as UTF-8, or set 'encoding:' on the source to the one it was saved in)")) {
            try CSVReader(url: url, displayName: "latin1.csv").readAll()
        }
    }

    // Regressions found by the generated-input tests (PropertyTests):

    @Test func spacesAndTabsAroundUnquotedFieldsAreKept() throws {
        #expect(try records("a,b\n x ,\t\n").map(\.fields) == [["a", "b"], [" x ", "\t"]])
    }

    @Test func byteOrderMarkSplitAcrossChunks() throws {
        #expect(try records("\u{FEFF}id,name\n1,x\n", chunkSize: 1).first?.fields == ["id", "name"])
    }

    @Test func writerQuotesFieldsWithCRLF() throws {
        var writer = CSVWriter(header: ["a", "b"])
        writer.rows = [["x\r\ny", ""], [""]] // CRLF is one Character in Swift
        #expect(writer.text == "a,b\n\"x\r\ny\",\n\"\"\n")
        // The all-empty record `""` is skipped, like Excel's leftover `,,,` rows.
        #expect(try records(writer.text).map(\.fields) == [["a", "b"], ["x\r\ny", ""]])
    }

    @Test func missingFileIsAClearError() throws {
        let reader = CSVReader(url: URL(fileURLWithPath: "/nonexistent/x.csv"), displayName: "x.csv")
        #expect(throws: DataError(file: "x.csv", message: "the CSV file does not exist")) { try reader.readAll() }
    }
}

@Suite("Typed tables")
struct DataTableTests {
    private func load(_ text: String, types: [String: FieldType] = [:]) throws -> DataTable {
        let folder = try TestFiles.scratchFolder()
        let url = try TestFiles.write(text, to: "t.csv", in: folder)
        return try DataTable.load(CSVReader(url: url, displayName: "t.csv"), types: types)
    }

    @Test func typesValuesPerColumn() throws {
        let table = try load("code,amount,rate,note\n0123,\"£1,234.50\",12.5%,=SUM(A1)\n0456,(243),N/A,\n",
                             types: ["code": .text, "amount": .money, "rate": .percent])
        #expect(table.header == ["code", "amount", "rate", "note"])
        #expect(table.rows[0].values == [.text("0123"), .number(1234.5), .number(0.125), .text("=SUM(A1)")])
        #expect(table.rows[1].values == [.text("0456"), .number(-243), .missing("N/A"), .missing("")])
        #expect(table.rows[1].line == 3)
    }

    @Test func raggedRowNamesLineAndCounts() throws {
        #expect(throws: DataError(file: "t.csv", line: 3, message: "expected 3 fields as in the header, found 2")) {
            try load("a,b,c\n1,2,3\n4,5\n")
        }
    }

    @Test func strictTypeErrorNamesLineColumnAndValue() throws {
        #expect {
            try load("item,amount\nx,£12\ny,twelve\n", types: ["amount": .money])
        } throws: { error in
            (error as? DataError)?.description == "t.csv:3, column 'amount': expected an amount such as £1,234.50, 1234.5 or (243), found 'twelve'"
        }
    }

    @Test func headerProblems() throws {
        #expect(throws: DataError(file: "t.csv", line: 1, column: "a", message: "the header names this column twice")) { try load("a,b,a\n") }
        #expect(throws: DataError(file: "t.csv", line: 1, message: "header field 2 is blank: every column needs a name")) { try load("a,,c\n") }
        #expect(throws: DataError(file: "t.csv", message: "the file is empty: expected a header row")) { try load("") }
    }
}
