import AppendixKit
import Foundation

/// What `appendix build` was asked to do, however its command line was read: by ArgumentParser
/// (``Appendix/Build``) or, for the common forms, by ``init(quickArguments:)``. Plain values,
/// so the quick path makes none of ArgumentParser's property wrappers (their generic metadata
/// took about 2 million instructions at start-up).
struct BuildRequest: Equatable, Saying {
    var template: String
    var data = "."
    var output: String?
    var force = false
    var mode: BuildMode = .auto
    var threads = BuildThreads.two
    var quiet = false
    var verbose = false
    /// `--warn-only`: a failed check still writes the workbook, with a Checks sheet.
    var warnOnly = false
    /// `--accessible`: the accessible variant, whatever the definition's `publish:` says.
    var accessible = false

    func run() throws {
        let started = Date()
        var build = DefinitionOptions.build(template: template, data: data)
        build.allowsAnyOutputName = force
        build.checkMode = warnOnly ? .warnOnly : .enforce
        build.threads = threads
        if accessible { build.publication = .accessible }
        let target = try output.map { try OutputTarget(argument: $0) }
        if verbose {
            let definition = try build.loadDefinition()
            let streams = try build.streams(definition, mode: mode)
            detail("definition \(template): \(definition.sheets.count) sheet(s), \(definition.sources.count) source(s); \(streams ? "streaming in constant memory" : "in memory")")
        }
        let summary = try build.run(output: target?.url, mode: mode)
        report(summary.inputs, summary.warnings, say: self)
        let sheets = summary.sheets.map { "\($0.name) (\($0.rows) row\($0.rows == 1 ? "" : "s"))" }.joined(separator: ", ")
        // The path as given (`-o`), else as the definition's `output:` names it, folder included.
        say("wrote \(output ?? summary.output.relativeDisplayPath): \(sheets); \(summary.formulas) formulas")
        detail(String(format: "took %.3f s", Date().timeIntervalSince(started)))
    }
}

extension BuildRequest {
    /// The long names of the options that take a value, by every name they answer to.
    static let valueOptions = ["--data": "--data", "--output": "--output", "-o": "--output", "--mode": "--mode", "--threads": "--threads"]
    /// The long names of the flags, by every name they answer to.
    static let flags = ["--force": "--force", "--warn-only": "--warn-only", "--accessible": "--accessible", "--quiet": "--quiet", "-q": "--quiet", "--verbose": "--verbose", "-v": "--verbose"]

    /// `build`'s command line in its common forms, read without ArgumentParser.
    ///
    /// ArgumentParser finds a command's options by reflection (a `Mirror` of every command and
    /// option group, dynamic casts, type names) and, on every run, also tries the command line
    /// as a completion-script request: about 17 million instructions, a third of building a
    /// 40-row appendix. This reads only what `build` declares — the definition, `--data`,
    /// `-o`/`--output`, `--force`, `--warn-only`, `--accessible`, `--mode`, `--threads`, `-q`/`--quiet`, `-v`/`--verbose`, each at most
    /// once, values as the next argument or after `=` — and gives up (`nil`) on anything else:
    /// help, `--version`, an unknown or repeated option, a value that is empty or starts with
    /// `-`, a second definition, `--`. ArgumentParser then reads the command line as before, so
    /// every usage error and help text comes from one place. `QuickBuildArgumentsTests` checks
    /// that whatever this accepts, ArgumentParser reads the same way, and that it knows every
    /// option `build` declares. `arguments` are those after the program's name.
    init?(quickArguments arguments: [String]) {
        guard arguments.first == "build" else { return nil }
        var template: String?, values: [String: String] = [:], flags: Set<String> = []
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            guard !argument.isEmpty else { return nil }
            guard argument.hasPrefix("-") else {
                guard template == nil else { return nil }
                template = argument
                continue
            }
            let parts = argument.hasPrefix("--") ? argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false) : [Substring(argument)]
            let name = String(parts[0])
            if let flag = Self.flags[name] {
                guard parts.count == 1, flags.insert(flag).inserted else { return nil }
            } else if let option = Self.valueOptions[name], values[option] == nil,
                      let value = parts.count == 2 ? String(parts[1]) : rest.popFirst(), !value.isEmpty, !value.hasPrefix("-") {
                values[option] = value
            } else {
                return nil
            }
        }
        guard let template, let mode = BuildMode(rawValue: values["--mode"] ?? BuildMode.auto.rawValue),
              let threads = values["--threads"].map({ Int($0).flatMap(BuildThreads.init(rawValue:)) }) ?? .two else { return nil }
        self.init(template: template, data: values["--data"] ?? ".", output: values["--output"], force: flags.contains("--force"),
                  mode: mode, threads: threads, quiet: flags.contains("--quiet"), verbose: flags.contains("--verbose"), warnOnly: flags.contains("--warn-only"),
                  accessible: flags.contains("--accessible"))
    }
}
