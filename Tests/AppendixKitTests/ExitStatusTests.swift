import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixPipeline
@testable import AppendixRender
@testable import appendix

/// The command's one mapping from errors to `appendix: error: …` and an exit status
/// (`CommandFailure`, applied by `Appendix.main()`): 1 for the user's files, 70 for anything
/// else, ArgumentParser's own 64 for usage; the prefix in red only on a terminal without NO_COLOR.
@Suite("exit status and error line")
struct ExitStatusTests {
    struct Unexpected: Error, CustomStringConvertible {
        var description: String { "a broken invariant" }
    }

    static let location = DefinitionLocation(file: "t.yaml", path: "sheets[0].name", line: 4, column: 5)

    /// Every library error is a problem with the user's files: status 1, its one line as the message.
    @Test(arguments: [
        DataError(file: "d.csv", line: 3, column: "amount", message: "expected an amount, found 'x'", value: "x") as any AppendixError,
        DefinitionError(location, "a sheet name cannot be empty"),
        RenderError(file: "out/fees.xlsx", message: "the output is a folder"),
        ExternalSortError.cannotWriteTemporaryFile(folder: "out", cause: "No space left on device"),
        WorkbookPreview.ToolError(tool: "soffice", message: "is not installed"),
    ])
    func libraryErrorsAreStatusOne(_ error: any AppendixError) {
        let failure = CommandFailure(error)
        #expect(failure.status == 1)
        #expect(failure.message == error.description)
        #expect(!CommandFailure.isArgumentParserError(error))
    }

    @Test func anythingElseIsAnInternalErrorWithStatus70() {
        let failure = CommandFailure(Unexpected())
        #expect(failure.status == 70)
        #expect(failure.message == "internal error (please report it): a broken invariant")
        let cocoa = CommandFailure(CocoaError(.fileWriteNoPermission))
        #expect(cocoa.status == 70 && cocoa.message.hasPrefix("internal error (please report it): "))
    }

    @Test func theLineIsRedOnlyWhenAsked() {
        #expect(CommandFailure.line("t.yaml:1:1: x", colour: false) == "appendix: error: t.yaml:1:1: x\n")
        #expect(CommandFailure.line("t.yaml:1:1: x", colour: true) == "\u{1B}[31mappendix: error:\u{1B}[0m t.yaml:1:1: x\n")
    }

    @Test func fieldsAreThereWithoutParsingTheText() {
        let definition: any AppendixError = DefinitionError(Self.location, "Excel allows at most 31 characters in a sheet name; 'x' has 32",
                                                            value: "x", limit: .sheetNameCharacters(found: 32, maximum: 31))
        #expect(definition.file == "t.yaml" && definition.line == 4 && definition.characterColumn == 5)
        #expect(definition.keyPath == "sheets[0].name" && definition.value == "x" && definition.csvColumn == nil)
        #expect(definition.limit == .sheetNameCharacters(found: 32, maximum: 31))
        let root: any AppendixError = DefinitionError(DefinitionLocation(file: "t.yaml", path: "", line: 1, column: 1), "the definition is empty")
        #expect(root.keyPath == nil)
        let data: any AppendixError = DataError(file: "d.csv", line: 3, column: "amount", message: "m", value: "x")
        #expect(data.file == "d.csv" && data.line == 3 && data.csvColumn == "amount" && data.value == "x" && data.characterColumn == nil)
        let sort: any AppendixError = ExternalSortError.cannotCreateTemporaryFile(folder: "out", cause: "Permission denied")
        #expect(sort.file == "out" && sort.message == "could not create the build's temporary file of rows (Permission denied)")
        #expect(sort.description == "out: could not create the build's temporary file of rows (Permission denied)")
        let tool: any AppendixError = WorkbookPreview.ToolError(tool: "pdftoppm", message: "is not installed (make preview installs LibreOffice and poppler-utils)")
        #expect(tool.description == "pdftoppm is not installed (make preview installs LibreOffice and poppler-utils)")
    }

    /// A CSV value that does not fit its type carries the value and the CSV column.
    @Test func typeMismatchCarriesTheValue() throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write("a,b\nx,abc\n", to: "d.csv", in: folder)
        let definition = try TestFiles.write("sources:\n  d: { file: d.csv, fields: { b: number } }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: a }, { field: b } ]\n", to: "t.yaml", in: folder)
        #expect {
            try ReportBuild(definitionURL: definition, dataDirectory: folder).validation(mode: .memory)
        } throws: { error in
            let error = error as? DataError
            return error?.value == "abc" && error?.csvColumn == "b" && error?.line == 2 && error?.limit == nil
        }
    }

    /// A YAML value refused carries its text: the misspelt key, the unknown choice.
    @Test func definitionErrorsCarryTheRefusedValue() throws {
        func refused(_ yaml: String) -> String? {
            do { _ = try DefinitionLoader.load(yaml: yaml, file: "t.yaml"); return nil } catch { return (error as? DefinitionError)?.value }
        }
        #expect(refused("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    colums: []\n") == "colums")
        #expect(refused("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: a, align: centre } ]\n") == "centre")
    }

    // MARK: Through the command

    @Test func fileProblemIsOneLineStatusOneWithoutColourWhenNotATerminal() throws {
        let run = try CommandLineTests.appendix(["validate", "nonexist.yaml"])
        #expect(run.status == 1)
        #expect(run.error == "appendix: error: nonexist.yaml:1:1: the definition file does not exist\n")
    }

    @Test func usageErrorsAndHelpStayWithTheArgumentParser() throws {
        let usage = try CommandLineTests.appendix(["validate", "--mode", "fast", "t.yaml"])
        #expect(usage.status == 64)
        #expect(usage.error.hasPrefix("Error: The value 'fast' is invalid for '--mode <mode>'. Please provide one of 'auto', 'memory' or 'streaming'."))
        let help = try CommandLineTests.appendix(["help", "validate"])
        #expect(help.status == 0 && help.output.hasPrefix("OVERVIEW: Check a definition") && help.error.isEmpty)
        let version = try CommandLineTests.appendix(["--version"])
        #expect(version.status == 0 && version.output == "0.1.0\n")
    }

    @Test func onATerminalThePrefixIsRedUnlessNoColour() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = nil
        let coloured = try Self.appendixOnTerminal(["validate", "nonexist.yaml"], environment: environment)
        #expect(coloured.status == 1)
        #expect(coloured.error == "\u{1B}[31mappendix: error:\u{1B}[0m nonexist.yaml:1:1: the definition file does not exist\n")
        environment["NO_COLOR"] = "1"
        let plain = try Self.appendixOnTerminal(["validate", "nonexist.yaml"], environment: environment)
        #expect(plain.status == 1)
        #expect(plain.error == "appendix: error: nonexist.yaml:1:1: the definition file does not exist\n")
    }

    /// Runs `appendix` with standard error on a pseudo-terminal (standard output discarded).
    static func appendixOnTerminal(_ arguments: [String], environment: [String: String]) throws -> CommandLineTests.Run {
        var primary: Int32 = -1, replica: Int32 = -1
        guard openpty(&primary, &replica, nil, nil, nil) == 0 else { throw CocoaError(.fileReadUnknown) }
        defer { close(primary) }
        let process = Process()
        process.executableURL = TestProcess.product("appendix")
        process.arguments = arguments
        process.currentDirectoryURL = TestFiles.root
        process.environment = environment
        let terminal = FileHandle(fileDescriptor: replica, closeOnDealloc: true)
        process.standardError = terminal
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        try terminal.close()
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            // Reading the primary side fails (EIO) once the command has exited and closed the terminal.
            let count = read(primary, &buffer, buffer.count)
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        process.waitUntilExit()
        // The terminal turns "\n" into "\r\n".
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        return CommandLineTests.Run(status: process.terminationStatus, output: "", error: text)
    }
}
