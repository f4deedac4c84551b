import AppendixKit
import ArgumentParser
import Foundation

extension Appendix {
    struct Init: AppendixCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write a starter definition for a CSV file.",
            discussion: """
            Looks at every column (money, percentages, counts, numbers, dates, text; repeated \
            labels that group rows) and writes Templates/NAME.yaml with formats, headers, \
            wrapping and totals, ready to build.

            Example:
              appendix init SampleData/savings-illustrative-multi-year.csv --name savings
              appendix build Templates/savings.yaml --data SampleData
            """
        )

        @Argument(help: "The CSV file.") var data: String
        @Option(help: "The definition's name (default: the CSV file's name).") var name: String?
        @Option(help: "The folder to write the definition in.") var templates = "Templates"
        @Flag(help: "Replace an existing definition.") var force = false
        @OptionGroup var output: OutputOptions

        func run() throws {
            let url = URL(fileURLWithPath: data)
            let columns = try ColumnProfile.profile(CSVReader(url: url, displayName: data))
            let name = self.name ?? url.deletingPathExtension().lastPathComponent
            let target = URL(fileURLWithPath: templates).appendingPathComponent("\(name).yaml")
            if FileManager.default.fileExists(atPath: target.path), !force {
                throw RenderError(file: target.relativeDisplayPath, message: "already exists; use --force to replace it")
            }
            try OutputTarget(url: target, displayName: target.relativeDisplayPath, requiredExtension: "yaml")
                .check(against: [OutputTarget.Input(url, role: "the CSV file")])
            let yaml = try DefinitionScaffold.yaml(name: name, file: url.lastPathComponent, columns: columns)
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(yaml.utf8).write(to: target, options: .atomic)
            } catch {
                throw RenderError(file: target.relativeDisplayPath, message: "cannot write the definition: \(error.localizedDescription)")
            }
            output.say("wrote \(target.relativeDisplayPath) (\(columns.count) columns: \(columns.map { "\($0.name) \($0.kind.rawValue)" }.joined(separator: ", ")))")
            output.say("build it with: appendix build \(target.relativeDisplayPath) --data \(url.deletingLastPathComponent().relativeDisplayPath)")
        }
    }

    struct Inspect: AppendixCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect",
            abstract: "Summarise a CSV file: columns, inferred types, blanks, N/A and values that do not fit.",
            discussion: """
            Example:
              appendix inspect SampleData/registrar-fees-2019-20.csv
            """
        )

        @Argument(help: "The CSV file.") var data: String

        func run() throws {
            let columns = try ColumnProfile.profile(CSVReader(url: URL(fileURLWithPath: data), displayName: data))
            let rows = columns.first?.rows ?? 0
            print("\(data): \(rows) rows, \(columns.count) columns")
            let width = max(8, columns.map(\.name.count).max() ?? 8)
            print("column".padding(toLength: width, withPad: " ", startingAt: 0) + "  type        blanks   N/A  distinct")
            for column in columns {
                let cells = [column.kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0),
                             String(column.blanks).leftPadded(6), String(column.notApplicable).leftPadded(5), column.distinctText.leftPadded(9)]
                print(column.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + cells.joined(separator: " "))
                if column.misfitCount > 0 {
                    let examples = column.misfits.map { "line \($0.line) '\($0.text)'" }.joined(separator: ", ")
                    print(String(repeating: " ", count: width + 2) + "\(column.misfitCount) value\(column.misfitCount == 1 ? "" : "s") not \(column.kind.rawValue): \(examples)")
                }
                if let markup = column.commonMarkup {
                    let rows = column.htmlValues == 1 ? "1 row contains" : "\(column.htmlValues) rows contain"
                    print(String(repeating: " ", count: width + 2) + "looks like HTML: \(rows) markup such as \(markup); set markup: html")
                }
            }
        }
    }

    struct Preview: AppendixCommand {
        static let configuration = CommandConfiguration(
            commandName: "preview",
            abstract: "Build a definition and render each sheet's printed pages as PNG (LibreOffice).",
            discussion: """
            Writes NAME-SHEET-pN.png for page N of each sheet. Needs LibreOffice (soffice), \
            pdftoppm and pdfinfo: `make preview` installs them.

            Example:
              appendix preview Templates/registrar-fees.yaml --data SampleData \\
                --folder docs/previews --pdf
            """
        )

        @OptionGroup var options: DefinitionOptions
        @Option(help: "Folder for the pictures.") var folder = "out/previews"
        @Option(help: "all: every printed page of each sheet; first: only its first page.") var pages: WorkbookPreview.Pages = .all
        @Option(help: "Pixels per inch of the pictures, 20 to 600.") var dpi = 80
        @Flag(help: "Also write the whole workbook as a PDF, e.g. for a committee pack.") var pdf = false
        @OptionGroup var modes: ModeOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard (20...600).contains(dpi) else { throw ValidationError("--dpi must be from 20 to 600, found \(dpi)") }
        }

        func run() throws {
            let name = URL(fileURLWithPath: options.template).deletingPathExtension().lastPathComponent
            var preview = WorkbookPreview(folder: URL(fileURLWithPath: folder))
            preview.pages = pages
            preview.resolution = dpi
            let files = try preview.render(options.build, mode: modes.mode, name: name, pdf: pdf)
            for file in files { output.say("wrote \(file.relativeDisplayPath)") }
        }
    }
}

/// `--quiet` and `--verbose`, shared by the commands.
struct OutputOptions: ParsableArguments, Saying {
    @Flag(name: .shortAndLong, help: "Print nothing but errors.") var quiet = false
    @Flag(name: .shortAndLong, help: "Print more detail.") var verbose = false
}

/// What a command prints on standard output: its lines unless quiet, detail lines when verbose.
protocol Saying {
    var quiet: Bool { get }
    var verbose: Bool { get }
}

extension Saying {
    func say(_ line: String) { if !quiet { print(line) } }
    /// `line` is only made when it is printed.
    func detail(_ line: @autoclosure () -> String) { if verbose && !quiet { print(line()) } }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
