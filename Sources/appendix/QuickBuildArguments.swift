import AppendixKit
import ArgumentParser

/// `appendix build`'s command line in its common forms, read without ArgumentParser's parser.
///
/// ArgumentParser finds a command's options by reflection (a `Mirror` of every command and
/// option group, dynamic casts, type names) and, on every run, also tries the command line as a
/// completion-script request: about 17 million instructions, a third of building a 40-row
/// appendix. This reads only what `build` declares — the definition, `--data`, `-o`/`--output`,
/// `--force`, `--mode`, `-q`/`--quiet`, `-v`/`--verbose`, each at most once, values as the next
/// argument or after `=` — and gives up (`nil`) on anything else: help, `--version`, an unknown
/// or repeated option, a value that is empty or starts with `-`, a second definition, `--`.
/// ArgumentParser then reads the command line as before, so every usage error and help text
/// comes from one place. `QuickBuildArgumentsTests` checks that whatever this accepts,
/// ArgumentParser reads the same way, and that it knows every option `build` declares.
struct QuickBuildArguments {
    /// The long names of the options that take a value, by every name they answer to.
    static let valueOptions = ["--data": "--data", "--output": "--output", "-o": "--output", "--mode": "--mode"]
    /// The long names of the flags, by every name they answer to.
    static let flags = ["--force": "--force", "--quiet": "--quiet", "-q": "--quiet", "--verbose": "--verbose", "-v": "--verbose"]

    private(set) var template: String?
    private(set) var values: [String: String] = [:]
    private(set) var setFlags: Set<String> = []

    /// The arguments after the program's name; `nil` unless they are `build` and a form read here.
    init?(_ arguments: [String]) {
        guard arguments.first == "build" else { return nil }
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
                guard parts.count == 1, setFlags.insert(flag).inserted else { return nil }
            } else if let option = Self.valueOptions[name], values[option] == nil,
                      let value = parts.count == 2 ? String(parts[1]) : rest.popFirst(),
                      !value.isEmpty, !value.hasPrefix("-") {
                values[option] = value
            } else {
                return nil
            }
        }
        guard template != nil else { return nil }
    }
}

extension Appendix.Build {
    /// The `build` command for `arguments` (after the program's name) when they are one of the
    /// forms ``QuickBuildArguments`` reads; `nil` for ArgumentParser to read them.
    init?(quickArguments arguments: [String]) {
        guard let quick = QuickBuildArguments(arguments), let template = quick.template else { return nil }
        guard let mode = BuildMode(argument: quick.values["--mode"] ?? BuildMode.auto.rawValue) else { return nil }
        self.init()
        var definition = DefinitionOptions()
        definition.template = template
        definition.data = quick.values["--data"] ?? "."
        options = definition
        output = quick.values["--output"]
        force = quick.setFlags.contains("--force")
        var modes = ModeOptions()
        modes.mode = mode
        self.modes = modes
        var say = OutputOptions()
        say.quiet = quick.setFlags.contains("--quiet")
        say.verbose = quick.setFlags.contains("--verbose")
        self.say = say
    }
}
