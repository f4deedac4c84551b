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

        Exit status: 0 success; 1 a problem with a definition, CSV or output file (the message \
        names the file and line); 64 a command-line usage error; 70 an internal error.

        Examples:
          appendix init SampleData/wrap-training.csv --name training
          appendix build Templates/registrar-fees.yaml --data SampleData \\
            --output out/registrar-fees.xlsx
          appendix validate Templates/registrar-fees.yaml --data SampleData
          appendix batch Templates/enforcement-month.yaml --data SampleData \\
            --inputs 'enforcement-monthly-illustrative/*.csv' \\
            --output 'out/enforcement-{period}.xlsx'
        """,
        version: AppendixVersion.current,
        subcommands: [Build.self, Validate.self, Batch.self, Check.self, Fees.self, Init.self, Inspect.self, Preview.self]
    )
}

/// Options shared by the commands that read a definition and its data.
struct DefinitionOptions: ParsableArguments {
    @Argument(help: "The report definition (YAML).")
    var template: String

    @Option(name: .long, help: "The folder the definition's CSV file paths are relative to.")
    var data: String = "."

    var build: ReportBuild { Self.build(template: template, data: data) }

    static func build(template: String, data: String) -> ReportBuild {
        ReportBuild(definitionURL: URL(fileURLWithPath: template), dataDirectory: URL(fileURLWithPath: data, isDirectory: true))
    }
}

/// `--mode`, shared by the commands that lay a workbook out.
struct ModeOptions: ParsableArguments {
    @Option(help: "memory, or streaming: the CSV files read row by row in constant memory; auto: the definition's mode:, else streaming when the CSV files exceed 1 MiB. Both give the same result.")
    var mode: BuildMode = .auto
}

extension Appendix {
    struct Build: AppendixCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Build a workbook from a definition and its CSV files.",
            discussion: """
            Writes to a temporary file beside the output and renames it when complete: on any \
            error the previous workbook is left as it was.

            Example:
              appendix build Templates/registrar-fees.yaml --data SampleData \\
                --output out/registrar-fees.xlsx
            """
        )

        @OptionGroup var options: DefinitionOptions

        @Option(name: .shortAndLong, help: "The workbook to write (default: the definition's 'output', else its name with .xlsx).")
        var output: String?

        @Flag(help: "Write the workbook even if its name does not end in .xlsx.")
        var force = false

        @Flag(help: "Write the workbook even when a check of the definition fails, with a Checks sheet listing every check.")
        var warnOnly = false

        @Flag(help: "Write the accessible variant (cover, contents and notes sheets, Excel tables, no merged cells), whatever the definition's 'publish:' says.")
        var accessible = false

        @OptionGroup var modes: ModeOptions

        @Option(help: "2: lay rows out on one core while the other writes cells; 1: use one core.")
        var threads: BuildThreads = .two

        @OptionGroup var say: OutputOptions

        var request: BuildRequest {
            BuildRequest(template: options.template, data: options.data, output: output, force: force, mode: modes.mode,
                         threads: threads, quiet: say.quiet, verbose: say.verbose, warnOnly: warnOnly, accessible: accessible)
        }

        func run() throws { try request.run() }
    }

    struct Validate: AppendixCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check a definition and its CSV files without writing anything.",
            discussion: """
            Reads the definition and CSV files and lays every sheet out as a build would, so it \
            reports the same definition and data errors; streaming keeps memory bounded however \
            large the CSV files are.

            Example:
              appendix validate Templates/registrar-fees.yaml --data SampleData
            """
        )

        @OptionGroup var options: DefinitionOptions
        @OptionGroup var modes: ModeOptions
        @OptionGroup var say: OutputOptions

        func run() throws {
            let validation = try options.build.validation(mode: modes.mode)
            let definition = validation.definition
            report(validation.inputs, validation.warnings, say: say)
            for sheet in validation.sheets { say.detail("sheet '\(sheet.name)': \(sheet.rows) rows, \(sheet.cells) cells") }
            say.say("\(options.template): OK (\(definition.sheets.count) sheets, \(definition.sources.count) sources, \(validation.rows) rows)")
        }
    }
}

extension Appendix {
    struct Batch: AppendixCommand {
        static let configuration = CommandConfiguration(
            commandName: "batch",
            abstract: "Build many workbooks from one definition, in parallel.",
            discussion: """
            One workbook per input file (--inputs) or per value of a field (--split). A failing \
            input is reported by name and does not stop or spoil the others; the exit status is 1 \
            if any failed.

            Examples:
              appendix batch Templates/enforcement-month.yaml --data SampleData \\
                --inputs 'enforcement-monthly-illustrative/*.csv' \\
                --output 'out/enforcement-{period}.xlsx'
              appendix batch Templates/enforcement-month.yaml --data SampleData \\
                --split period --output 'out/by-month/enforcement-{period}.xlsx'
            """
        )

        @OptionGroup var options: DefinitionOptions

        @Option(help: "Input files, relative to --data; '*' and '?' allowed in the file name. Placeholders: {name}, {period}.")
        var inputs: String?

        @Option(help: "A field of the source: one workbook per value. Placeholders: {value}, {period}.")
        var split: String?

        @Option(name: .long, help: "The source that varies (default: the definition's first).")
        var source: String?

        @Option(name: .shortAndLong, help: "Output path pattern, e.g. 'out/enforcement-{period}.xlsx'.")
        var output: String

        @Flag(help: "Write workbooks even if the output pattern does not end in .xlsx.")
        var force = false

        @Flag(help: "Write each workbook even when a check of the definition fails, with a Checks sheet listing every check.")
        var warnOnly = false

        @Flag(help: "Write the accessible variant of each workbook, whatever the definition's 'publish:' says.")
        var accessible = false

        @OptionGroup var modes: ModeOptions

        @Option(help: "Workbooks built at once (default: one per core).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @OptionGroup var say: OutputOptions

        func validate() throws {
            guard (inputs == nil) != (split == nil) else {
                throw ValidationError("give exactly one of --inputs or --split")
            }
        }

        func run() throws {
            var build = options.build
            build.allowsAnyOutputName = force
            build.checkMode = warnOnly ? .warnOnly : .enforce
            if accessible { build.publication = .accessible }
            var batch = BatchBuild(build: build, sourceName: source)
            batch.mode = modes.mode
            var jobs: [BatchBuild.Job] = []
            if let inputs {
                jobs = try batch.jobs(inputs: inputs, output: output)
            } else if let split {  // validate() lets exactly one of --inputs and --split through
                jobs = try batch.jobs(split: split, output: output)
            }
            let terminal = isatty(STDERR_FILENO) == 1 && !say.quiet
            let results = BatchBuild.run(jobs, parallelism: self.jobs) { done, total, job in
                if terminal {
                    FileHandle.standardError.write(Data("\r\u{1B}[K[\(done)/\(total)] \(job.output.lastPathComponent)".utf8))
                }
            }
            if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            var failed = 0
            for (job, result) in zip(jobs, results) {
                switch result {
                case .success(let summary):
                    report([], summary.warnings, say: say)
                    say.say("wrote \(job.output.relativeDisplayPath): \(summary.sheets.map { "\($0.name) (\($0.rows))" }.joined(separator: ", "))")
                case .failure(let error):
                    failed += 1
                    let message = CommandFailure(error).message
                    CommandFailure.report(message.hasPrefix(job.name) ? message : "\(job.name): \(message)")
                }
            }
            say.say("batch: \(jobs.count - failed) of \(jobs.count) workbooks written\(failed > 0 ? ", \(failed) failed" : "")")
            if failed > 0 { throw ExitCode(CommandFailure.fileProblemStatus) }
        }
    }
}

// The modes by their names (`memory`, `streaming`, `auto`); ArgumentParser is the command's, not the library's.
extension BuildMode: @retroactive ExpressibleByArgument {}
// The thread counts by number (`1`, `2`).
extension BuildThreads: @retroactive ExpressibleByArgument {}
extension WorkbookPreview.Pages: @retroactive ExpressibleByArgument {}

