import Foundation
import Testing
@testable import AppendixKit

/// Issue #11, Definition and Layout stages: every definition reference to a CSV column is
/// checked against the header, summaries refuse duplicate rows, one-column sheets, Excel's row
/// limit counted exactly, sheet names counted as libxlsxwriter counts them, and `init` on very
/// wide CSVs. Every test goes through the public build call (both modes where both apply) or
/// the command line.
@Suite("Definition reliability")
struct DefinitionReliabilityTests {
    /// A scratch folder holding `t.yaml` and the CSV files given.
    static func folder(_ yaml: String, files: [String: String]) throws -> URL {
        let folder = try TestFiles.scratchFolder()
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try TestFiles.write(yaml, to: "t.yaml", in: folder)
        return folder
    }

    /// Builds `t.yaml` in `folder`; the error text (folder path removed), or `nil` on success.
    static func buildError(in folder: URL, mode: BuildMode) -> String? {
        do {
            try ReportBuild(definitionURL: folder.appendingPathComponent("t.yaml"), dataDirectory: folder)
                .run(output: folder.appendingPathComponent("out.xlsx"), mode: mode)
            return nil
        } catch {
            return "\(error)".replacingOccurrences(of: folder.path + "/", with: "")
        }
    }

    static func buildError(_ yaml: String, files: [String: String], mode: BuildMode) throws -> String? {
        buildError(in: try folder(yaml, files: files), mode: mode)
    }

    /// Builds and reads the workbook back.
    static func build(_ yaml: String, files: [String: String], mode: BuildMode) throws -> XLSXFile {
        let folder = try folder(yaml, files: files)
        if let error = buildError(in: folder, mode: mode) { throw XLSXReadError(message: error) }
        return try XLSXFile(url: folder.appendingPathComponent("out.xlsx"))
    }

    // MARK: 15. One-column sheets

    @Test(arguments: [BuildMode.memory, .streaming])
    func oneColumnSheetWithTitleSubtitleAndNotesBuilds(mode: BuildMode) throws {
        let yaml = """
        sources:
          d: { file: d.csv }
        sheets:
          - name: S
            source: d
            title: Fees
            subtitle: All services
            notes: ["Source: finance ledger"]
            columns: [ { field: a } ]

        """
        let book = try Self.build(yaml, files: ["d.csv": "a\nx\ny\n"], mode: mode)
        let sheet = try book.sheet("S")
        #expect(sheet.mergedRanges.isEmpty)
        #expect(sheet["A1"]?.text == "Fees")
        #expect(sheet["A2"]?.text == "All services")
        #expect(sheet["A4"]?.text == "a")
        #expect(sheet["A8"]?.text == "Source: finance ledger")
    }

    @Test func oneColumnGroupHeadingIsACellNotAMerge() throws {
        let yaml = """
        sources:
          d: { file: d.csv }
        sheets:
          - name: S
            source: d
            group_by: [ { field: a, subtotal: false } ]
            columns: [ { field: a } ]

        """
        let sheet = try Self.build(yaml, files: ["d.csv": "a\nx\ny\n"], mode: .memory).sheet("S")
        #expect(sheet.mergedRanges.isEmpty)
        #expect(sheet["A2"]?.text == "x")
    }

    // MARK: 21. Sheet names counted as libxlsxwriter and Excel count them

    static func namedSheet(_ name: String, perPeriod: Bool = false) -> String {
        """
        sources:
          d: { file: d.csv }
        sheets:
          - name: "\(name)"
            source: d\(perPeriod ? "\n    per_period: period" : "")
            columns: [ { field: a } ]

        """
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func decomposedAccentCountsAsTwoInASheetName(mode: BuildMode) throws {
        let name = String(repeating: "e", count: 30) + "e\u{301}"  // 31 characters on screen, 32 code points
        let message = try Self.buildError(Self.namedSheet(name), files: ["d.csv": "a\n1\n"], mode: mode)
        #expect(message == "t.yaml:4:5: sheets[0].name: Excel allows at most 31 characters in a sheet name; '\(name)' has 32 (as Excel counts them: an emoji counts 2, an accent written as a separate mark 1)")
    }

    @Test func emojiCountsAsTwoInASheetName() throws {
        let name = String(repeating: "x", count: 29) + "🇬🇧"  // a flag: 1 character on screen, 2 code points, 4 UTF-16 units
        let message = try Self.buildError(Self.namedSheet(name), files: ["d.csv": "a\n1\n"], mode: .memory)
        #expect(message == "t.yaml:4:5: sheets[0].name: Excel allows at most 31 characters in a sheet name; '\(name)' has 33 (as Excel counts them: an emoji counts 2, an accent written as a separate mark 1)")
        let fits = String(repeating: "x", count: 27) + "🇬🇧"
        let book = try Self.build(Self.namedSheet(fits), files: ["d.csv": "a\n1\n"], mode: .memory)
        #expect(book.sheetNames == [fits])
    }

    @Test func periodLabelsAreCountedTheSameWay() throws {
        // 11 decomposed é + " {period}": 31 code points; filled with "Q2 2018-19", 33.
        let name = String(repeating: "e\u{301}", count: 11) + " {period}"
        let message = try Self.buildError(Self.namedSheet(name, perPeriod: true), files: ["d.csv": "period,a\nQ2 2018/19,1\n"], mode: .memory)
        let filled = name.replacingOccurrences(of: "{period}", with: "Q2 2018-19")
        #expect(message == "t.yaml:4:5: sheets[0].name: Excel allows at most 31 characters in a sheet name; '\(filled)' has 33 (as Excel counts them: an emoji counts 2, an accent written as a separate mark 1)")
    }

    // MARK: 21. init on a CSV wider than a sheet

    @Test func initRefusesACSVWiderThanASheet() throws {
        let folder = try TestFiles.scratchFolder()
        let header = (1...16_385).map { "c\($0)" }.joined(separator: ",")
        let row = (1...16_385).map { _ in "1" }.joined(separator: ",")
        try TestFiles.write(header + "\n" + row + "\n", to: "wide.csv", in: folder)
        let run = try CommandLineTests.appendix(["init", "wide.csv", "--templates", "."], in: folder)
        #expect(run.status == 1)
        #expect(run.error == "appendix: error: wide.csv:1: the CSV has 16385 columns; an Excel sheet holds at most 16,384, so init cannot write a definition that builds: split the columns over several CSV files\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("wide.yaml").path))
    }
}
