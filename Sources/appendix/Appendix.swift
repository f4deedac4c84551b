import AppendixKit
import ArgumentParser
import Foundation

@main
struct Appendix: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appendix",
        abstract: "Turn CSV exports into formatted Excel appendices for committee reports.",
        discussion: """
        A report definition (YAML, see Templates/) names the CSV files, the columns, computed \
        columns, formats, titles, notes and print set-up. Computed cells are live Excel formulas \
        written with their results.

        Examples:
          appendix build Templates/registrar-fees.yaml --data SampleData --output out/registrar-fees.xlsx
          appendix validate Templates/registrar-fees.yaml --data SampleData
        """,
        version: "0.1.0",
        subcommands: [Build.self, Validate.self]
    )
}

/// Options shared by the commands that read a definition and its data.
struct DefinitionOptions: ParsableArguments {
    @Argument(help: "The report definition (YAML).")
    var template: String

    @Option(name: .long, help: "The folder the definition's CSV file paths are relative to.")
    var data: String = "."

    var build: ReportBuild {
        ReportBuild(definitionURL: URL(fileURLWithPath: template), dataDirectory: URL(fileURLWithPath: data, isDirectory: true))
    }
}

extension Appendix {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a workbook from a definition and its CSV files.",
            discussion: """
            Writes to a temporary file beside the output and renames it when complete: on any \
            error the previous workbook is left as it was.

            Example:
              appendix build Templates/registrar-fees.yaml --data SampleData --output out/registrar-fees.xlsx
            """
        )

        @OptionGroup var options: DefinitionOptions

        @Option(name: .shortAndLong, help: "The workbook to write (default: the definition's 'output', else its name with .xlsx).")
        var output: String?

        func run() throws {
            try reportingErrors {
                let summary = try options.build.run(output: output.map { URL(fileURLWithPath: $0) })
                let sheets = summary.sheets.map { "\($0.name) (\($0.rows) row\($0.rows == 1 ? "" : "s"))" }.joined(separator: ", ")
                print("wrote \(output ?? summary.output.lastPathComponent): \(sheets); \(summary.formulas) formulas")
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a definition and its CSV files without writing anything.",
            discussion: """
            Example:
              appendix validate Templates/registrar-fees.yaml --data SampleData
            """
        )

        @OptionGroup var options: DefinitionOptions

        func run() throws {
            try reportingErrors {
                let (definition, layout) = try options.build.validate()
                let rows = layout.sheets.map(\.dataRowCount).reduce(0, +)
                print("\(options.template): OK (\(definition.sheets.count) sheets, \(definition.sources.count) sources, \(rows) rows)")
            }
        }
    }
}

/// Runs `body`, turning the library's errors into one line on standard error and exit code 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as DefinitionError {
        fail("\(error)")
    } catch let error as DataError {
        fail("\(error)")
    } catch let error as RenderError {
        fail("\(error)")
    } catch {
        fail("internal error: \(error)")
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("appendix: error: \(message)\n".utf8))
    Foundation.exit(1)
}
