import ArgumentParser
import Foundation
import Testing
@testable import AppendixPipeline
@testable import appendix

/// `appendix build`'s common command lines are read without ArgumentParser
/// (`BuildRequest(quickArguments:)`): whatever that reader accepts must mean what ArgumentParser
/// makes of it, and it must know every option `build` declares.
@Suite("build's command line without ArgumentParser")
struct QuickBuildArgumentsTests {
    /// Pieces of command lines: definitions, options with values in both spellings, flags...
    static let pieces: [[String]] = [
        ["t.yaml"], ["Templates/registrar-fees.yaml"], ["build"], ["x=y"],
        ["--data", "SampleData"], ["--data=SampleData"], ["--output", "out.xlsx"], ["-o", "out.xlsx"], ["--output=a=b.xlsx"],
        ["--mode", "memory"], ["--mode=streaming"], ["--mode", "auto"], ["--threads", "1"], ["--threads=2"],
        ["--force"], ["--quiet"], ["-q"], ["--verbose"], ["-v"],
    ]
    /// ...and pieces the quick reader refuses (empty values, values starting with `-`, not a
    /// mode, short options with `=`, combined flags) or that only ArgumentParser reads.
    static let otherPieces: [[String]] = [
        [""], ["--data", "-x"], ["--data="], ["--data"], ["-o=out.xlsx"], ["-o", "--force"], ["--mode", "bogus"],
        ["--mode", "MEMORY"], ["--threads", "3"], ["--threads", "two"], ["-qv"], ["--force=yes"], ["--help"], ["-h"], ["--version"], ["--"], ["--unknown"], ["-x"],
    ]

    @Test func whatItAcceptsArgumentParserReadsTheSameWay() throws {
        var generator = SystemRandomNumberGenerator()
        var accepted = 0
        for _ in 0..<1_500 {
            let arguments = ["build"] + (0..<Int.random(in: 0...6, using: &generator)).flatMap { _ in
                (Int.random(in: 0..<10, using: &generator) == 0 ? Self.otherPieces : Self.pieces).randomElement(using: &generator)!
            }
            guard let quick = BuildRequest(quickArguments: arguments) else { continue }
            accepted += 1
            let parsed = try #require(try Appendix.parseAsRoot(arguments) as? Appendix.Build, "\(arguments)")
            #expect(quick == parsed.request, "\(arguments)")
        }
        #expect(accepted > 150)
    }

    @Test func commonFormsAreReadAndTheRestLeftToArgumentParser() {
        let arguments = ["build", "t.yaml", "--data=SampleData", "-o", "out/x.xlsx", "--mode", "streaming", "-q", "--force"]
        #expect(BuildRequest(quickArguments: arguments)
            == BuildRequest(template: "t.yaml", data: "SampleData", output: "out/x.xlsx", force: true, mode: .streaming, quiet: true))
        #expect(BuildRequest(quickArguments: ["build", "t.yaml"]) == BuildRequest(template: "t.yaml"))
        #expect(BuildRequest(quickArguments: ["build", "t.yaml", "--threads", "1"]) == BuildRequest(template: "t.yaml", threads: .one))
        for arguments in [["build"], ["build", "a.yaml", "b.yaml"], ["build", "t.yaml", "--help"], ["build", "t.yaml", "-qv"],
                          ["build", "t.yaml", "--data", "a", "--data", "b"], ["build", "t.yaml", "--mode", "fast"],
                          ["build", "t.yaml", "--threads", "0"], ["build", "t.yaml", "--threads", "3"],
                          ["validate", "t.yaml"], ["build", "t.yaml", "--", "x"], []] {
            #expect(BuildRequest(quickArguments: arguments) == nil, "\(arguments)")
        }
    }

    /// The names the quick reader knows are exactly `build`'s options and flags, as
    /// ArgumentParser describes them (`--experimental-dump-help`), less its own help and version.
    @Test func itKnowsEveryOptionBuildDeclares() throws {
        let run = try CommandLineTests.appendix(["build", "--experimental-dump-help"])
        let help = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let command = try #require(help["command"] as? [String: Any])
        let arguments = try #require(command["arguments"] as? [[String: Any]])
        var options: Set<String> = [], flags: Set<String> = [], positionals = 0
        for argument in arguments {
            let names = ((argument["names"] as? [[String: String]]) ?? []).map { ($0["kind"] == "short" ? "-" : "--") + ($0["name"] ?? "") }
            switch argument["kind"] as? String {
            case "positional": positionals += 1
            case "option": options.formUnion(names)
            default: flags.formUnion(names)
            }
        }
        #expect(positionals == 1)
        #expect(options == Set(BuildRequest.valueOptions.keys))
        #expect(flags.subtracting(["--help", "-h", "--version"]) == Set(BuildRequest.flags.keys))
    }

    /// Every command names itself, so ArgumentParser never derives a name from the type's
    /// (`String(describing:)` of a type: 12 million instructions at start-up for 11 commands, before `fees import`).
    @Test func everyCommandNamesItself() {
        func all(_ command: ParsableCommand.Type) -> [ParsableCommand.Type] {
            [command] + command.configuration.subcommands.flatMap(all)
        }
        let names = all(Appendix.self).map { $0.configuration.commandName }
        #expect(names == ["appendix", "build", "validate", "batch", "check", "fees", "uplift", "diff", "import", "init", "inspect", "preview"])
    }
}
