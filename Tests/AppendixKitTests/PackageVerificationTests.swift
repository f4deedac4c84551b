import Foundation
import Testing
import ZIPFoundation
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixExpression
@testable import AppendixFees
@testable import AppendixLayout
@testable import AppendixPipeline
@testable import AppendixRender

/// Issue #11 item 1: libxlsxwriter stages its XML parts in temporary files and ignores failed
/// writes there, so a full temp folder gave a truncated workbook, "wrote …" and exit 0. Parts
/// are now staged beside the output and the finished package is checked before the rename.
@Suite("Package verification", .serialized)
struct PackageVerificationTests {
    /// The one-sheet definition the output-safety tests use.
    static let definition = OutputSafetyTests.definition

    /// A folder with report.yaml, a CSV of `rows` rows and a previous out.xlsx.
    static func folder(rows: Int, in folder: URL) throws -> URL {
        try TestFiles.write(definition, to: "report.yaml", in: folder)
        var csv = "label,value\n"
        for row in 0..<rows { csv += "row \(row),\(row)\n" }
        try TestFiles.write(csv, to: "rows.csv", in: folder)
        try TestFiles.write("previous workbook\n", to: "out.xlsx", in: folder)
        return folder
    }

    static func expectPreviousKept(_ folder: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try String(contentsOf: folder.appendingPathComponent("out.xlsx"), encoding: .utf8) == "previous workbook\n", sourceLocation: sourceLocation)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["out.xlsx", "report.yaml", "rows.csv"], sourceLocation: sourceLocation)
    }

    /// (b) Staging fails while the output folder is fine: a file-size limit of 1,000 KiB lets
    /// the 20,000-row workbook (about 550 KB) through but cuts its 2 MB sheet part short.
    @Test(arguments: ["memory", "streaming"])
    func stagedPartCutShortIsAnErrorAndThePreviousFileIsKept(mode: String) throws {
        let folder = try Self.folder(rows: 20_000, in: TestFiles.scratchFolder())
        let binary = TestProcess.product("appendix").path
        let run = try DiskFailureTests.shell("cd '\(folder.path)' && ulimit -f 1000 && trap '' XFSZ && '\(binary)' build report.yaml -o out.xlsx --mode \(mode)")
        #expect(run.status == 1)
        #expect(run.output == "appendix: error: out.xlsx: could not write the workbook (xl/worksheets/sheet1.xml is incomplete: it does not end with </worksheet>; was the disk full?); any previous file is unchanged\n")
        try Self.expectPreviousKept(folder)
    }

    /// (a) A full system temp folder no longer matters: a 32 KiB tmpfs over /tmp in a private
    /// mount namespace, and the 20,000-row build still succeeds and reads back whole.
    @Test(.enabled(if: FaultTests.mayRun, "needs permission to mount a tmpfs"), arguments: ["memory", "streaming"])
    func fullSystemTempFolderDoesNotSpoilTheWorkbook(mode: String) throws {
        guard FaultTests.canMountOrFail() else { return }
        let folder = try Self.folder(rows: 20_000, in: FaultTests.scratchOutsideTemp())
        let run = try DiskFailureTests.shell(FaultTests.withFullSystemTemp(in: folder, run: "/mnt/.build/debug/appendix build report.yaml -o out.xlsx --mode \(mode)"))
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output == "wrote out.xlsx: Data (20000 rows); 20000 formulas\n")
        let sheet = try XLSXFile(url: folder.appendingPathComponent("out.xlsx")).sheet("Data")
        #expect(sheet["A20001"]?.text == "row 19999" && sheet["C20001"]?.number == 39_998)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["out.xlsx", "report.yaml", "rows.csv"])
    }

    /// The check itself, on packages damaged after the fact: a part cut short, a sheet with
    /// fewer rows than written, and bytes changed inside the zip.
    /// The follower opens the workbook while libxlsxwriter writes it. If the writer created and
    /// finished the file between a failed open and the follower's "finished?" check, the follower
    /// once gave up with "cannot be read back (No such file or directory)": a loaded machine
    /// failed a build of the reference examples that way.
    @Test func fileFinishedJustAfterAFailedOpenIsRead() throws {
        let path = try TestFiles.scratchFolder().appendingPathComponent("late.bin").path
        let file = try GrowingFile(path: path, wait: {}) {
            // The writer finishes now, after the first open has failed.
            if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: Data([1, 2, 3])) }
            return true
        }
        #expect(try file.bytes(at: 0, count: 3) == [1, 2, 3])
        #expect(throws: PackageCheckFailure.self) { try GrowingFile(path: path + ".never", wait: {}) { true } }
    }

    @Test func checkFindsCutPartsMissingRowsAndBadCRCs() throws {
        let folder = try Self.folder(rows: 50, in: TestFiles.scratchFolder())
        let output = folder.appendingPathComponent("good.xlsx")
        try ReportBuild(definitionURL: folder.appendingPathComponent("report.yaml"), dataDirectory: folder).run(output: output)
        try PackageCheck(path: output.path, sheetRows: [51]).run()
        #expect(throws: PackageCheckFailure(reason: "xl/worksheets/sheet1.xml has 51 rows, expected 52")) {
            try PackageCheck(path: output.path, sheetRows: [52]).run()
        }
        let cut = try Self.rewrite(output, to: folder.appendingPathComponent("cut.xlsx")) { name, data in
            name == "xl/worksheets/sheet1.xml" ? data.prefix(data.count / 2) : data
        }
        #expect(throws: PackageCheckFailure(reason: "xl/worksheets/sheet1.xml is incomplete: it does not end with </worksheet>")) {
            try PackageCheck(path: cut.path, sheetRows: [51]).run()
        }
        var bytes = try [UInt8](Data(contentsOf: output))
        let sheetData = try #require(Self.offset(of: "xl/worksheets/sheet1.xml", in: bytes))
        bytes[sheetData + 40] ^= 0xFF
        let damaged = folder.appendingPathComponent("damaged.xlsx")
        try Data(bytes).write(to: damaged)
        #expect(throws: PackageCheckFailure.self) { try PackageCheck(path: damaged.path, sheetRows: [51]).run() }
    }

    /// A copy of `source` with each part passed through `change`.
    static func rewrite(_ source: URL, to target: URL, _ change: (String, Data) -> Data) throws -> URL {
        let input = try Archive(url: source, accessMode: .read)
        let output = try Archive(url: target, accessMode: .create)
        for entry in input {
            var data = Data()
            _ = try input.extract(entry) { data.append($0) }
            let changed = change(entry.path, data)
            try output.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(changed.count), compressionMethod: .deflate) { position, size in
                changed.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return target
    }

    /// Where the local header of the part `name` ends (its stored bytes begin) in a zip.
    static func offset(of name: String, in bytes: [UInt8]) -> Int? {
        let needle = Array(name.utf8)
        guard let start = (0..<(bytes.count - needle.count)).first(where: { bytes[$0] == 0x50 && bytes[$0 + 1] == 0x4B && bytes[$0 + 2] == 3 && Array(bytes[($0 + 30)..<($0 + 30 + needle.count)]) == needle }) else { return nil }
        return start + 30 + needle.count + Int(bytes[start + 28]) + Int(bytes[start + 29]) << 8
    }
}


/// Issue #11 item 11: `_xHHHH_` in data is decoded by spreadsheet readers (`A_x000D_B` showed a
/// line break); it is written with Excel's escape for the underscore, `_x005F_`.
@Suite("Escaped _xHHHH_ text")
struct EscapedTextTests {
    @Test(arguments: ["memory", "streaming"])
    func textThatLooksLikeAnEscapeReadsBackUnchanged(mode: String) throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write(PackageVerificationTests.definition, to: "report.yaml", in: folder)
        let texts = ["A_x000D_B", "_x005F_", "_X0041_", "plain_x00", "a_x12345_b", "_x000D__x000A_"]
        try TestFiles.write("label,value\n" + texts.map { "\($0),1\n" }.joined(), to: "rows.csv", in: folder)
        let run = try CommandLineTests.appendix(["build", "report.yaml", "-o", "out.xlsx", "--mode", mode], in: folder)
        #expect(run.status == 0, "\(run.error)")
        let sheet = try XLSXFile(url: folder.appendingPathComponent("out.xlsx")).sheet("Data")
        for (index, text) in texts.enumerated() {
            #expect(sheet["A\(index + 2)"]?.text == text)
        }
    }

    @Test func escapeIsExcels() {
        #expect(SpreadsheetText.escaped("A_x000D_B") == "A_x005F_x000D_B")
        #expect(SpreadsheetText.escaped("_x005F_") == "_x005F_x005F_")
        #expect(SpreadsheetText.escaped("no escapes_x12_") == "no escapes_x12_")
    }
}
