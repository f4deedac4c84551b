import AppendixKit
import ArgumentParser
import Foundation

extension Appendix {
    struct Check: AppendixCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check workbooks against the Analysis Function's accessibility guidance for spreadsheets.",
            discussion: """
            Any xlsx, Appendix's or anyone's. One line per finding: file, rule, sheet and cells, \
            what is wrong and how to fix it; then a summary. The rules are listed in \
            docs/accessibility.md. Files are read within limits (part sizes, compression ratio); \
            XML with a DTD is refused.

            Exit status: 0 when every workbook is clean; 1 when there are findings or a \
            workbook cannot be read (the line says which and why).

            Examples:
              appendix check out/registrar-fees.xlsx
              appendix check out/*.xlsx --format json
            """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Argument(help: "The workbooks to check.") var workbooks: [String]
        @Option(help: "text (one line per finding), or json (for CI; fields in docs/accessibility.md).") var format: Format = .text

        func run() throws {
            let report = CheckReport(checking: workbooks.map { URL(fileURLWithPath: $0) }, names: workbooks)
            for file in report.files { if let error = file.error { CommandFailure.report("\(file.file): \(error)") } }
            FileHandle.standardOutput.write(Data((format == .json ? report.json() : report.text).utf8))
            if !report.isClean { throw ExitCode(CommandFailure.fileProblemStatus) }
        }
    }
}
