import AppendixWeb
import ArgumentParser
import Foundation
import Logging

/// `appendix-web`: the web app over AppendixKit (templates gallery, build, fees, history).
@main
struct AppendixWebCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appendix-web",
        abstract: "Serve Appendix in a browser: build, check and download appendices.",
        subcommands: [Serve.self, HashPassword.self],
        defaultSubcommand: Serve.self
    )
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web server (the default).",
        discussion: """
        Example:
          appendix-web --templates Templates --data SampleData --state .appendix-web --previews docs/previews
        """
    )

    @Option(help: "Address to listen on; a non-loopback address requires --users.") var host = "127.0.0.1"
    @Option(help: "TCP port.") var port = 8080
    @Option(help: "Folder of report definitions (uplift policies in its policies/).") var templates = "Templates"
    @Option(help: "Folder of CSV files builds may pick.") var data = "SampleData"
    @Option(help: "Folder for builds and the history database.") var state = ".appendix-web"
    @Option(help: "Folder of preview pictures (TEMPLATE-SHEET-p1.png).") var previews: String?
    @Option(help: "Users file (NAME:BCRYPT-HASH lines from hash-password): login required.") var users: String?
    @Option(help: "Largest upload in MB.") var maxUploadMb = 50
    @Option(help: "Builds waiting beyond the running ones before 503.") var queue = 20
    @Option(help: "Builds at once (default: one per core).") var workers: Int?
    @Option(help: "Seconds a request waits for its build.") var timeout: Double = 120
    @Option(help: "Days inputs and outputs are kept (hashes are kept longer).") var retentionDays = 30
    @Flag(help: "Let a build upload its own definition (it may name only data-folder files).") var allowDefinitionUpload = false
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var settings = WebConfiguration(templates: URL(fileURLWithPath: templates, isDirectory: true), data: URL(fileURLWithPath: data, isDirectory: true),
                                        state: URL(fileURLWithPath: state, isDirectory: true))
        settings.host = host
        settings.port = port
        settings.previews = previews.map { URL(fileURLWithPath: $0, isDirectory: true) }
        settings.usersFile = users.map { URL(fileURLWithPath: $0) }
        settings.maxUploadBytes = maxUploadMb * 1024 * 1024
        settings.queueLimit = queue
        if let workers { settings.workers = workers }
        settings.requestTimeout = timeout
        settings.retentionDays = retentionDays
        settings.allowsDefinitionUpload = allowDefinitionUpload
        let logger = Logger(label: "appendix-web")
        do {
            let server = try WebServer(configuration: settings, logger: logger)
            try await server.application().runService()
        } catch let error as WebConfigurationError {
            FileHandle.standardError.write(Data("appendix-web: error: \(error.description)\n".utf8))
            throw ExitCode(64)
        }
    }
}

struct HashPassword: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash-password",
        abstract: "Print a users-file line (NAME:BCRYPT-HASH) for a password read from standard input."
    )

    @Argument(help: "The user name.") var user: String

    func run() throws {
        guard let password = readLine(strippingNewline: true), !password.isEmpty else {
            throw ValidationError("give the password on standard input")
        }
        guard !user.contains(":") else { throw ValidationError("the user name may not contain ':'") }
        print(UserFile.line(name: user, password: password))
    }
}
