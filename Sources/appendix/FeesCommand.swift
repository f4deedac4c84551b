import AppendixKit
import ArgumentParser
import Foundation

extension Appendix {
    struct Fees: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fees",
            abstract: "Registrars' fee workflow: propose next year's fees, compare two fee tables, read back edited fees.",
            subcommands: [Uplift.self, Diff.self, Import.self]
        )
    }
}

extension Appendix.Fees {
    struct Uplift: AppendixCommand {
        static let configuration = CommandConfiguration(
            commandName: "uplift",
            abstract: "Propose next year's fees from this year's table and an uplift policy.",
            discussion: """
            Applies the policy's default, area and line rules (percentages, fixed amounts, rounding \
            to 5p, 25p, £1 … up, down or nearest), leaves statutory and frozen lines unchanged, \
            writes next year's fee CSV and lists every line with the reason for its new amount. \
            With --comparators, flags proposals outside the comparator range or too far from its \
            average. Nothing is written if any line or rule is in error.

            Example:
              appendix fees uplift SampleData/registrar-fees-2018-19.csv \\
                --policy Templates/policies/registrar-uplift-2019-20.yaml \\
                --comparators SampleData/registrar-fee-comparators-illustrative.csv \\
                --output out/registrar-fees-2019-20-proposed.csv
            """
        )

        @Argument(help: "This year's fee table (CSV).")
        var fees: String

        @Option(help: "The uplift policy (YAML).")
        var policy: String

        @Option(help: "Comparator fees (CSV with fee_id and fee columns) for the benchmark check.")
        var comparators: String?

        @Option(name: .shortAndLong, help: "Next year's fee table to write (CSV).")
        var output: String

        @OptionGroup var say: OutputOptions

        func run() throws {
            let target = try OutputTarget(argument: output, requiredExtension: nil, example: "report.csv")
            try target.check(against: [.init(URL(fileURLWithPath: fees), role: "the fee table"), .init(URL(fileURLWithPath: self.policy), role: "the policy")]
                             + (comparators.map { [.init(URL(fileURLWithPath: $0), role: "the comparators")] } ?? []))
            let policy = try UpliftPolicy.load(contentsOf: URL(fileURLWithPath: self.policy), displayName: self.policy)
            let comparators = try self.comparators.map { try FeeUplift.comparators(from: CSVReader(url: URL(fileURLWithPath: $0), displayName: $0)) } ?? [:]
            let proposal = try FeeUplift(policy: policy, comparators: comparators).apply(to: CSVReader(url: URL(fileURLWithPath: fees), displayName: fees))
            try proposal.check(policy, fees: URL(fileURLWithPath: fees))
            try proposal.writeCSV(to: URL(fileURLWithPath: output))
            let lines = proposal.lines
            if !say.quiet {
                for line in lines {
                    let change = line.changed ? "\(sign(line.change))\(Money.format(abs(line.change))) (\(sign(line.changePercent))\(percent(abs(line.changePercent))))" : "unchanged"
                    print("\(line.key.padding(toLength: 6, withPad: " ", startingAt: 0)) \(Money.format(line.current)) → \(Money.format(line.proposed))  \(change)  \(line.reason)")
                }
            }
            let changed = lines.filter(\.changed).count
            say.say("uplift: \(lines.count) lines, \(changed) changed, \(lines.count - changed) unchanged; wrote \(output)")
            let flagged = lines.filter { ($0.benchmark ?? "").hasPrefix("below") || ($0.benchmark ?? "").hasPrefix("above") || ($0.benchmark ?? "").hasPrefix("more") }
            if !comparators.isEmpty {
                say.say("benchmark: \(flagged.count) of \(lines.filter { $0.benchmark != "no comparators" }.count) benchmarked lines flagged")
                for line in flagged { say.say("  \(line.key) \(Money.format(line.proposed)): \(line.benchmark ?? "")") }
            }
        }
    }

    struct Diff: AppendixCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Compare two fee tables by fee key: added, removed, changed and renamed lines.",
            discussion: """
            Example:
              appendix fees diff SampleData/registrar-fees-2018-19.csv \\
                out/registrar-fees-2019-20-proposed.csv \\
                --old-amount charge_2018_19 --new-amount recommended_2019_20 \\
                --output out/fee-changes.xlsx
            """
        )

        @Argument(help: "The earlier fee table (CSV).") var old: String
        @Argument(help: "The later fee table (CSV).") var new: String
        @Option(help: "The fee key column.") var key = "fee_id"
        @Option(help: "The description column.") var description = "description"
        @Option(help: "The amount column of the earlier table.") var oldAmount: String
        @Option(help: "The amount column of the later table (default: as --old-amount).") var newAmount: String?
        @Option(name: .shortAndLong, help: "Also write the changes as a workbook.") var output: String?
        @Flag(help: "Write the workbook even if its name does not end in .xlsx.") var force = false
        @OptionGroup var say: OutputOptions

        func run() throws {
            let target = try output.map { try OutputTarget(argument: $0, requiredExtension: force ? nil : "xlsx") }
            try target?.check(against: [.init(URL(fileURLWithPath: old), role: "the earlier fee table"), .init(URL(fileURLWithPath: new), role: "the later fee table")])
            let diff = FeeDiff(key: key, description: description, oldAmount: oldAmount, newAmount: newAmount ?? oldAmount)
            let entries = try diff.compare(old: CSVReader(url: URL(fileURLWithPath: old), displayName: old),
                                           new: CSVReader(url: URL(fileURLWithPath: new), displayName: new))
            for entry in entries where entry.status != .unchanged || say.verbose {
                let amounts = "\(entry.old.map(Money.format) ?? "–") → \(entry.new.map(Money.format) ?? "–")"
                let change = entry.change.map { "\(sign($0))\(Money.format(abs($0)))" } ?? ""
                let pct = entry.changePercent.map { " (\(sign($0))\(percent(abs($0))))" } ?? ""
                let rename = entry.previousDescription.map { " (was: \($0))" } ?? ""
                say.say("\(entry.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(entry.key.padding(toLength: 6, withPad: " ", startingAt: 0)) \(amounts)  \(change)\(pct)  \(entry.description)\(rename)")
            }
            let counts = [FeeDiff.Status.added, .removed, .changed, .renamed, .unchanged].map { status in "\(entries.filter { $0.status == status }.count) \(status.rawValue)" }
            say.say("diff: \(counts.joined(separator: ", "))")
            if let output {
                try FeeDiff.writeWorkbook(entries, title: "Fee changes: \(old) → \(new)", to: URL(fileURLWithPath: output), displayName: output)
                say.say("wrote \(output)")
            }
        }
    }
}

extension Appendix.Fees {
    struct Import: AppendixCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Read back the fees officers typed into a fee workbook: next year's fee CSV and a change log.",
            discussion: """
            The workbook must be built from a definition whose fee sheet has fee_import: (its \
            hidden 'Fee keys' sheet holds each fee key and amount as built). Rows may be \
            reordered; a renamed header, a missing or repeated fee key, a changed formula or a \
            typed value that is not an amount is refused naming the cell, and nothing is written.

            Example:
              appendix fees import out/registrar-fees-review.xlsx \\
                --fees SampleData/registrar-fees-2019-20.csv \\
                --output out/registrar-fees-2019-20-agreed.csv --changes out/fee-edits.csv
            """
        )

        @Argument(help: "The edited fee workbook (.xlsx).") var workbook: String
        @Option(name: .shortAndLong, help: "Next year's fee table to write (CSV).") var output: String
        @Option(help: "The change log to write (CSV): key, description, built, typed, change.") var changes: String
        @Option(help: "The fee table the workbook was built from (CSV): the output is this table with the typed amounts.") var fees: String?
        @OptionGroup var say: OutputOptions

        func run() throws {
            let inputs = [OutputTarget.Input(URL(fileURLWithPath: workbook), role: "the fee workbook")]
                + (self.fees.map { [OutputTarget.Input(URL(fileURLWithPath: $0), role: "the fee table")] } ?? [])
            try OutputTarget(argument: output, requiredExtension: nil, example: "fees.csv").check(against: inputs)
            try OutputTarget(argument: changes, option: "--changes", requiredExtension: nil, example: "changes.csv").check(against: inputs)
            guard URL(fileURLWithPath: output).standardizedFileURL != URL(fileURLWithPath: changes).standardizedFileURL else {
                throw ValidationError("--output and --changes name the same file")
            }
            let fees = try FeeImport.read(URL(fileURLWithPath: workbook), displayName: workbook)
            try fees.write(table: URL(fileURLWithPath: output), changes: URL(fileURLWithPath: changes),
                           mergedInto: self.fees.map { CSVReader(url: URL(fileURLWithPath: $0), displayName: $0) })
            for line in fees.lines where line.changed {
                let change = line.change.map { " (\(sign($0))\(Money.format(abs($0))))" } ?? ""
                say.say("\(line.key.padding(toLength: 6, withPad: " ", startingAt: 0)) \(line.built.map(Money.format) ?? "N/A") → \(line.typed.map(Money.format) ?? "N/A")\(change)  \(line.description)")
            }
            say.say("import: \(fees.lines.count) fees from sheet '\(fees.sheet)', \(fees.lines.filter(\.changed).count) changed; wrote \(output) and \(changes)")
        }
    }
}

private func sign(_ value: Decimal) -> String { value < 0 ? "-" : "+" }

private func percent(_ value: Decimal) -> String {
    var value = value
    var rounded = Decimal()
    NSDecimalRound(&rounded, &value, 2, .plain)
    return "\(NSDecimalNumber(decimal: rounded))%"
}
