import Foundation
import Testing

/// Runs the built `appendix` executable as a user would.
@Suite("appendix command line")
struct CommandLineTests {
    typealias Run = ProcessRun

    static func appendix(_ arguments: [String], in folder: URL = TestFiles.root) throws -> Run {
        try TestProcess.run(TestProcess.product("appendix"), arguments, in: folder)
    }

    @Test func buildWritesTheWorkbookAndSaysSo() throws {
        let folder = try TestFiles.scratchFolder()
        let output = folder.appendingPathComponent("fees.xlsx").path
        let run = try Self.appendix(["build", "Templates/registrar-fees.yaml", "--data", "SampleData", "--output", output])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output == "wrote \(output): Fees 2019-20 (31 rows), Benchmarking (76 rows); 119 formulas\n")
        #expect(FileManager.default.fileExists(atPath: output))
    }

    /// Regression: the definition's `output: reports/n.xlsx` was reported as "wrote n.xlsx".
    @Test func buildNamesTheDefinitionsOutputWithItsFolder() throws {
        let folder = try TestFiles.scratchFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("reports"), withIntermediateDirectories: true)
        try TestFiles.write("name,count\na,1\n", to: "n.csv", in: folder)
        try TestFiles.write("output: reports/n.xlsx\nsources:\n  n:\n    file: n.csv\nsheets:\n  - name: N\n    source: n\n    columns:\n      - field: name\n", to: "n.yaml", in: folder)
        let run = try Self.appendix(["build", "n.yaml"], in: folder)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output == "wrote reports/n.xlsx: N (1 row); 0 formulas\n")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("reports/n.xlsx").path))
    }

    @Test func validateChecksWithoutWriting() throws {
        let run = try Self.appendix(["validate", "Templates/registrar-fees.yaml", "--data", "SampleData"])
        #expect(run.status == 0)
        #expect(run.output == "Templates/registrar-fees.yaml: OK (2 sheets, 3 sources, 107 rows)\n")
    }

    @Test func errorsAreOneLineAndExitNonZero() throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write("sources:\n  a:\n    file: a.csv\nsheets:\n  - name: A\n    source: a\n    colums: []\n", to: "bad.yaml", in: folder)
        let run = try Self.appendix(["build", "bad.yaml"], in: folder)
        #expect(run.status == 1)
        #expect(run.output.isEmpty)
        #expect(run.error == "appendix: error: bad.yaml:7:5: sheets[0].colums: unknown key 'colums' (did you mean 'columns'?); allowed here: name, source, title, subtitle, columns, notes, freeze, print, header_groups, group_by, totals, sort, filter, per_period, summary, charts, protect, autofilter, names, fee_import\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("bad.xlsx").path))
    }

    @Test func missingDataFileIsNamed() throws {
        let run = try Self.appendix(["build", "Templates/registrar-fees.yaml", "--data", "/nonexistent"])
        #expect(run.status == 1)
        #expect(run.error == "appendix: error: /nonexistent/registrar-fees-2019-20.csv: the CSV file does not exist\n")
    }

    @Test func quietAndVerbose() throws {
        let folder = try TestFiles.scratchFolder()
        let quiet = try Self.appendix(["build", "Templates/revenue-forecast.yaml", "--data", "SampleData", "-o", folder.path + "/q.xlsx", "--quiet"])
        #expect(quiet.status == 0 && quiet.output.isEmpty && quiet.error.isEmpty)
        let verbose = try Self.appendix(["build", "Templates/revenue-forecast.yaml", "--data", "SampleData", "-o", folder.path + "/v.xlsx", "--verbose"])
        #expect(verbose.output.hasPrefix("definition Templates/revenue-forecast.yaml: 1 sheet(s), 1 source(s); in memory\nread SampleData/revenue-forecast-q2-2018-19.csv: UTF-8, comma-separated\nwrote "))
        #expect(verbose.output.contains("\ntook "))
    }

    /// Every command's help, as ArgumentParser prints it to a pipe (80 columns).
    static let commands = [[], ["build"], ["validate"], ["batch"], ["fees"], ["fees", "uplift"], ["fees", "diff"], ["init"], ["inspect"], ["preview"]]

    /// Every command's help: an example (but `fees`, which only lists its two), no stray
    /// backslash (a `\\` in the source's multi-line string once printed "repeated \"
    /// mid-sentence), and example lines that fit the screen (a line ArgumentParser wraps loses
    /// its indent, and its `\` ends up mid-command, as `fees diff --help` once showed).
    @Test(arguments: commands)
    func helpHasExamplesThatFitAndNoStrayBackslash(_ command: [String]) throws {
        let help = try Self.appendix(command + ["--help"])
        #expect(help.status == 0 && help.error.isEmpty)
        #expect(help.output.contains("Example") == (command != ["fees"]))
        let lines = help.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var inExamples = false
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("Example") { inExamples = true; continue }
            if line.isEmpty { inExamples = false; continue }
            if inExamples { #expect(line.hasPrefix("  appendix ") || line.hasPrefix("    "), "\(command): wrapped example line '\(line)'") }
            guard line.contains("\\") else { continue }
            // A backslash only ends an example's line, continued on the next, indented line.
            let continues = inExamples && line.hasSuffix(" \\") && line.dropLast().firstIndex(of: "\\") == nil
                && index + 1 < lines.count && lines[index + 1].hasPrefix("    ")
            #expect(continues, "\(command): stray backslash in '\(line)'")
        }
    }

    @Test func helpShowsExamples() throws {
        let run = try Self.appendix(["build", "--help"])
        #expect(run.status == 0)
        let words = run.output.replacingOccurrences(of: " \\\n", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("appendix build Templates/registrar-fees.yaml --data SampleData --output out/registrar-fees.xlsx"))
        #expect(try Self.appendix(["frobnicate"]).status != 0)
    }
}
