import AppendixKit
import Foundation
import Testing

/// The README's library example, `Examples/BuildFeeAppendix`: shown verbatim in the README,
/// built with the tests (the test target depends on it) and run as a user would.
@Suite("Example program")
struct ExampleProgramTests {
    static let source = TestFiles.root.appendingPathComponent("Examples/BuildFeeAppendix/main.swift")
    static let section = "## Using Appendix as a Swift library"

    /// The ```swift block after `heading` in the README (the first after the library section's
    /// heading by default), with its last line's newline.
    static func readmeBlock(after heading: String = section) throws -> String {
        let readme = try String(contentsOf: TestFiles.root.appendingPathComponent("README.md"), encoding: .utf8)
        let heading = try #require(readme.range(of: "\n\(heading)\n"))
        let open = try #require(readme.range(of: "\n```swift\n", range: heading.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "\n```\n", range: open.upperBound..<readme.endIndex))
        return String(readme[open.upperBound..<close.lowerBound]) + "\n"
    }

    /// Runs the built example in `folder`.
    static func example(_ arguments: [String], in folder: URL) throws -> ProcessRun {
        try TestProcess.run(TestProcess.product("BuildFeeAppendix"), arguments, in: folder)
    }

    @Test func readmeShowsTheProgramByteForByte() throws {
        let shown = try Self.readmeBlock()
        let file = try Data(contentsOf: Self.source)
        #expect(shown == String(decoding: file, as: UTF8.self))  // shows the difference
        #expect(Data(shown.utf8) == file)  // and is strict: String's == equates é and e + ◌́
        #expect(shown.split(separator: "\n", omittingEmptySubsequences: false).count - 1 <= 40)
    }

    /// The README's definition written in Swift is the example's FeeTableInCode.swift (which
    /// DefinitionInCodeTests builds).
    @Test func readmeShowsTheDefinitionInCodeByteForByte() throws {
        let shown = try Self.readmeBlock(after: "### A definition written in Swift")
        let file = try Data(contentsOf: TestFiles.root.appendingPathComponent("Examples/BuildFeeAppendix/FeeTableInCode.swift"))
        #expect(shown == String(decoding: file, as: UTF8.self))
        #expect(Data(shown.utf8) == file)
        #expect(shown.split(separator: "\n", omittingEmptySubsequences: false).count - 1 <= 30)
    }

    @Test func proposesTheFeesBuildsTheAppendixAndPrintsTheSummary() throws {
        let folder = try TestFiles.scratchFolder()
        let run = try Self.example([TestFiles.root.path, folder.path], in: folder)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.error == "")
        let workbook = folder.appendingPathComponent("registrar-fees-2019-20.xlsx")
        #expect(run.output == """
            proposed 2019/20 fees: 31 of 31 changed
            wrote \(workbook.path) (93 formulas)
              Fees 2019-20: 31 rows

            """)
        // The policy reproduces the committee's 2019/20 table, so the appendix is the published one.
        let data = TestFiles.root.appendingPathComponent("SampleData")
        let proposed = try Data(contentsOf: folder.appendingPathComponent("registrar-fees-2019-20.csv"))
        #expect(proposed == (try Data(contentsOf: data.appendingPathComponent("registrar-fees-2019-20.csv"))))
        let file = try XLSXFile(url: workbook)
        #expect(file.sheetNames == ["Fees 2019-20"])
        let sheet = try file.sheet("Fees 2019-20")
        #expect(sheet["C5"]?.text == "Administration fee for change of date or time")
        #expect(sheet["D5"]?.number == 20)
        #expect(sheet["E5"]?.number == 20.85)  // RF01: 4.25% uplift, to the nearest 5p
        #expect(sheet["E6"]?.number == 165)  // RF02: fixed at £165.00
        #expect(sheet["F6"]?.formula == "IF(COUNT(E6,D6)<2,\"N/A\",E6-D6)")
        #expect(sheet["F6"]?.number == 15)
        let published = folder.appendingPathComponent("published.xlsx")
        try ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/registrar-fees-published.yaml"), dataDirectory: data)
            .run(output: published, mode: .memory)
        #expect(sheet.cells == (try XLSXFile(url: published).sheet("Fees 2019-20").cells))
    }

    @Test func withoutArgumentsItReadsTheCurrentFolderAndWritesOutExample() throws {
        let folder = try TestFiles.scratchFolder()
        for name in ["Templates", "SampleData"] {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name), withDestinationURL: TestFiles.root.appendingPathComponent(name))
        }
        let run = try Self.example([], in: folder)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.split(separator: "\n")[1] == "wrote out/example/registrar-fees-2019-20.xlsx (93 formulas)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/example/registrar-fees-2019-20.xlsx").path))
    }

    @Test func anErrorIsPrintedFromItsFields() throws {
        let folder = try TestFiles.scratchFolder()
        let policies = folder.appendingPathComponent("Templates/policies")
        try FileManager.default.createDirectory(at: policies, withIntermediateDirectories: true)
        let policy = try TestFiles.write("""
            key: fee_id
            amount: charge_2018_19
            proposed: recommended_2019_20
            default: { percent: 4 }
            lines:
              RF01: { percnt: 4.25 }

            """, to: "registrar-uplift-2019-20.yaml", in: policies)
        let run = try Self.example([folder.path, folder.appendingPathComponent("out").path], in: folder)
        #expect(run.status == 1)
        #expect(run.output == "")
        #expect(run.error == """
            error: \(policy.path), line 6, lines.RF01.percnt: unknown key 'percnt' (did you mean 'percent'?); \
            allowed here: percent, amount, round, reason

            """)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }
}
