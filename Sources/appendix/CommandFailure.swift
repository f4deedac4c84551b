import AppendixKit
import ArgumentParser
import CAppendixCommand
import Foundation

/// How `appendix` ends when a command throws: the one line it prints on standard error and
/// its exit status. Every command's errors are mapped here, once, by ``Appendix/main()``.
struct CommandFailure: Equatable {
    /// A problem with the user's files — definition, CSV, policy, output — (an ``/AppendixData/AppendixError``).
    static let fileProblemStatus: Int32 = 1
    /// A failure inside Appendix itself (`EX_SOFTWARE`).
    static let internalStatus: Int32 = 70

    /// The text after `appendix: error:`.
    let message: String
    let status: Int32

    init(_ error: Error) {
        if let error = error as? AppendixError {
            message = error.description
            status = Self.fileProblemStatus
        } else {
            message = "internal error (please report it): \(error)"
            status = Self.internalStatus
        }
    }

    /// Whether ArgumentParser reports `error` itself: usage mistakes (status 64), help, and an
    /// explicit exit status such as a batch's 1.
    static func isArgumentParserError(_ error: Error) -> Bool {
        error is ExitCode || error is CleanExit || error is ValidationError
    }

    /// `appendix: error: message`, the prefix in red when `colour`.
    static func line(_ message: String, colour: Bool) -> String {
        let prefix = colour ? "\u{1B}[31mappendix: error:\u{1B}[0m" : "appendix: error:"
        return "\(prefix) \(message)\n"
    }

    /// Whether standard error takes colour: a terminal, and `NO_COLOR` not set.
    static var standardErrorTakesColour: Bool {
        isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// Prints `appendix: error: message` on standard error.
    static func report(_ message: String) {
        FileHandle.standardError.write(Data(line(message, colour: standardErrorTakesColour).utf8))
    }
}

/// A command of `appendix` (not ArgumentParser's own `help`): its errors are mapped by
/// ``CommandFailure``.
protocol AppendixCommand: ParsableCommand {}

extension Appendix {
    /// Parses the command line and runs the command. ArgumentParser reports its own errors
    /// (usage: status 64) and help; a library error is one line and status 1, anything else
    /// an internal error, status 70. The only place `appendix` exits.
    static func main() {
        appendix_keep_freed_heap()  // glibc keeps freed heap pages for reuse (CAppendixCommand)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let request = BuildRequest(quickArguments: arguments) {  // the common command, without ArgumentParser's reflection
            finish(appendixCommand: true) { try request.run() }
        }
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(withError: error)
        }
        finish(appendixCommand: command is AppendixCommand) { try command.run() }
    }

    /// Runs a command and exits: status 0, or its error mapped by ``CommandFailure`` (an
    /// ``AppendixCommand``'s, unless ArgumentParser reports it itself).
    private static func finish(appendixCommand: Bool, _ run: () throws -> Void) -> Never {
        do {
            try run()
        } catch {
            guard appendixCommand, !CommandFailure.isArgumentParserError(error) else { exit(withError: error) }
            let failure = CommandFailure(error)
            CommandFailure.report(failure.message)
            Foundation.exit(failure.status)
        }
        Foundation.exit(0)
    }
}
