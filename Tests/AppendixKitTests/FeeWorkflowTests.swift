import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixExpression
@testable import AppendixFees
@testable import AppendixLayout
@testable import AppendixPipeline
@testable import AppendixRender

@Suite("Fee workflow: uplift, rounding, benchmarks, diff", .serialized)
struct FeeWorkflowTests {
    static let data = TestFiles.root.appendingPathComponent("SampleData")
    static let policyURL = TestFiles.root.appendingPathComponent("Templates/policies/registrar-uplift-2019-20.yaml")

    static func uplift(_ policy: UpliftPolicy, csv: String, comparators: [String: [Decimal]] = [:]) throws -> FeeUplift.Proposal {
        let folder = try TestFiles.scratchFolder()
        let url = try TestFiles.write(csv, to: "fees.csv", in: folder)
        return try FeeUplift(policy: policy, comparators: comparators).apply(to: CSVReader(url: url, displayName: "fees.csv"))
    }

    static func policy(_ yaml: String) throws -> UpliftPolicy {
        try UpliftPolicy.load(yaml: yaml, file: "policy.yaml")
    }

    @Test func roundTripReproducesTheSeedsRecommendedFeesExactly() throws {
        let policy = try UpliftPolicy.load(contentsOf: Self.policyURL)
        let proposal = try FeeUplift(policy: policy).apply(to: CSVReader(url: Self.data.appendingPathComponent("registrar-fees-2018-19.csv")))
        let lines = proposal.lines
        #expect(lines.count == 31)
        // Byte for byte the seed's 2019/20 table, and therefore the same appendix.
        let seed = try String(contentsOf: Self.data.appendingPathComponent("registrar-fees-2019-20.csv"), encoding: .utf8)
        #expect(proposal.csv.text == seed)
        let folder = try TestFiles.scratchFolder()
        for name in ["registrar-fee-comparators-illustrative.csv", "registrar-fees-control-totals-illustrative.csv"] {
            try FileManager.default.copyItem(at: Self.data.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try proposal.csv.write(to: folder.appendingPathComponent("registrar-fees-2019-20.csv"))
        let definition = TestFiles.root.appendingPathComponent("Templates/registrar-fees.yaml")
        let generated = folder.appendingPathComponent("generated.xlsx"), shipped = folder.appendingPathComponent("shipped.xlsx")
        try ReportBuild(definitionURL: definition, dataDirectory: folder).run(output: generated)
        try ReportBuild(definitionURL: definition, dataDirectory: Self.data).run(output: shipped)
        #expect(try XLSXFile(url: generated).sheet("Fees 2019-20").cells == XLSXFile(url: shipped).sheet("Fees 2019-20").cells)
        // Every line says why it changed.
        #expect(lines.first { $0.key == "RF01" }?.reason == "4.25% uplift (line RF01), rounded to the nearest 5p")
        #expect(lines.first { $0.key == "RF24" }?.reason.contains("area 'Naming Ceremonies – all venues'") == true)
        #expect(lines.first { $0.key == "RF02" }?.reason == "fixed at £165.00 (line RF02); Increased in line with cost recovery")
    }

    @Test(arguments: [
        ("20.825", "0.05", Rounding.Mode.nearest, "20.85"), ("20.875", "0.05", .nearest, "20.9"), ("20.824", "0.05", .nearest, "20.8"),
        ("1.125", "0.25", .nearest, "1.25"), ("1.124", "0.25", .nearest, "1"), ("1.375", "0.25", .nearest, "1.5"),
        ("1.25", "0.25", .up, "1.25"), ("1.2501", "0.25", .up, "1.5"), ("1.4999", "0.25", .down, "1.25"), ("1.5", "0.25", .down, "1.5"),
        ("41.6", "1", .nearest, "42"), ("41.5", "1", .nearest, "42"), ("41.49", "1", .nearest, "41"), ("41.01", "1", .up, "42"),
        ("41.99", "1", .down, "41"), ("20.8", "0.05", .nearest, "20.8"),
    ])
    func roundingAtItsEdges(_ value: String, _ step: String, _ mode: Rounding.Mode, _ expected: String) {
        let rounding = Rounding(step: Decimal(string: step)!, mode: mode)
        #expect(rounding.apply(Decimal(string: value)!) == Decimal(string: expected)!)
    }

    @Test func statutoryAndFrozenLinesAreNotUplifted() throws {
        let policy = try Self.policy("""
            amount: fee
            proposed: proposed
            default: { percent: 10, round: { to: 1 } }
            statutory: statutory
            frozen: [F3]
            """)
        let proposal = try Self.uplift(policy, csv: "fee_id,description,fee,statutory\nF1,Marriage at register office,£46.00,yes\nF2,Ceremony,£100.00,no\nF3,Copy,£25.00,no\n")
        let lines = proposal.lines
        #expect(lines.map(\.proposed) == [46, 110, 25])
        #expect(lines[0].reason == "statutory fee, set nationally: unchanged")
        #expect(lines[2].reason == "frozen by the policy: unchanged")
        #expect(proposal.csv.text == "fee_id,description,fee,proposed,statutory\nF1,Marriage at register office,£46.00,£46.00,yes\nF2,Ceremony,£100.00,£110.00,no\nF3,Copy,£25.00,£25.00,no\n")
    }

    @Test func benchmarkFlags() throws {
        let policy = try Self.policy("amount: fee\nproposed: proposed\ndefault: { percent: 0 }\nbenchmark: { tolerance: 10 }\n")
        let comparators: [String: [Decimal]] = ["A": [100, 200], "B": [100, 200], "C": [100, 200], "D": [100, 102, 200]]
        let proposal = try Self.uplift(policy, csv: "fee_id,fee\nA,£99.99\nB,£200.01\nC,£150.00\nD,£150.00\nE,£10\n", comparators: comparators)
        let lines = proposal.lines
        #expect(lines.map { $0.benchmark ?? "" } == [
            "below the comparator range £100.00 - £200.00", "above the comparator range £100.00 - £200.00",
            "within the comparator range", "more than 10% from the comparator average £134.00", "no comparators",
        ])
        #expect(proposal.csv.header.last == "benchmark_flag")
    }

    @Test func badPolicyInputIsAClearErrorAndWritesNothing() throws {
        let csv = "fee_id,fee\nA,£10.00\n"
        // An unknown line key names the policy file and line.
        #expect {
            try Self.uplift(Self.policy("amount: fee\nproposed: p\ndefault: { percent: 4 }\nlines:\n  Z9: { percent: 5 }\n"), csv: csv)
        } throws: { error in
            (error as? DefinitionError)?.description == "policy.yaml:5:7: lines.Z9: no fee with fee_id 'Z9' in fees.csv"
        }
        // A negative percentage needs an explicit allow.
        #expect {
            try Self.policy("amount: fee\nproposed: p\ndefault: { percent: -2 }\n")
        } throws: { error in
            let error = error as? DefinitionError
            return error?.location.line == 3 && error?.message.contains("set 'allow_decrease: true'") == true
        }
        let allowed = try Self.uplift(Self.policy("amount: fee\nproposed: p\nallow_decrease: true\ndefault: { percent: -2 }\n"), csv: csv)
        #expect(allowed.lines[0].proposed == Decimal(string: "9.8")!)
        // A fixed amount below the current fee is refused too.
        #expect {
            try Self.uplift(Self.policy("amount: fee\nproposed: p\ndefault: { percent: 4 }\nlines:\n  A: { amount: 9 }\n"), csv: csv)
        } throws: { error in
            (error as? DefinitionError)?.message.contains("A: the proposed £9.00 is below the current £10.00") == true
        }
        // Unknown keys and bad amounts in the fee table.
        #expect(throws: DefinitionError.self) { try Self.policy("amount: fee\nproposed: p\ndefault: { percent: 4, rounding: 1 }\n") }
        #expect {
            try Self.uplift(Self.policy("amount: fee\nproposed: p\ndefault: { percent: 4 }\n"), csv: "fee_id,fee\nA,ten pounds\n")
        } throws: { error in
            (error as? DataError)?.description == "fees.csv:2, column 'fee': expected an amount such as £20.00, found 'ten pounds'"
        }
        // Through the command line: nothing is written.
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write(csv, to: "fees.csv", in: folder)
        try TestFiles.write("amount: fee\nproposed: p\ndefault: { percent: 4 }\nlines:\n  Z9: { percent: 5 }\n", to: "policy.yaml", in: folder)
        let run = try CommandLineTests.appendix(["fees", "uplift", "fees.csv", "--policy", "policy.yaml", "--output", "next.csv"], in: folder)
        #expect(run.status == 1 && run.error == "appendix: error: policy.yaml:5:7: lines.Z9: no fee with fee_id 'Z9' in fees.csv\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("next.csv").path))
    }

    @Test func diffMatchesByKeyNotPosition() throws {
        let folder = try TestFiles.scratchFolder()
        let old = try TestFiles.write("fee_id,description,fee\nA,Ceremony,£100.00\nB,Copy certificate,£11.00\nC,Late arrival,£25.00\nD,Old service,£5.00\n", to: "old.csv", in: folder)
        let new = try TestFiles.write("fee_id,description,fee\nC,Late arrival,£26.00\nE,New service,£7.50\nA,Ceremony,£100.00\nB,Certificate copy,£11.50\n", to: "new.csv", in: folder)
        let entries = try FeeDiff(oldAmount: "fee", newAmount: "fee").compare(old: CSVReader(url: old), new: CSVReader(url: new))
        #expect(entries.map(\.key) == ["C", "E", "A", "B", "D"])
        #expect(entries.map(\.status) == [.changed, .added, .unchanged, .renamed, .removed])
        #expect(entries[0].change == 1 && entries[0].changePercent == 4)
        #expect(entries[3].previousDescription == "Copy certificate" && entries[3].change == Decimal(string: "0.5")!)
        #expect(entries[1].old == nil && entries[4].new == nil)
        // As a workbook: live change formulas, missing amounts shown as N/A.
        let output = folder.appendingPathComponent("diff.xlsx")
        try WorkbookRenderer().write(try FeeDiff.layout(entries, title: "Fee changes"), to: output)
        let sheet = try XLSXFile(url: output).sheet("Fee changes")
        #expect(sheet["A3"]?.text == "Status")
        #expect(sheet["A4"]?.text == "changed" && sheet["G4"]?.number == 1 && sheet["G4"]?.formula == "IF(COUNT(F4,E4)<2,\"N/A\",F4-E4)")
        #expect(sheet["H4"]?.number == 0.04)
        #expect(sheet["A5"]?.text == "added" && sheet["G5"]?.text == "N/A")
        #expect(sheet["D7"]?.text == "Copy certificate")
    }

    /// A policy file is read as a definition file is: a missing one and one that is not UTF-8
    /// say so (they once both said "cannot be read").
    @Test func policyFileThatIsMissingOrNotUTF8() throws {
        let folder = try TestFiles.scratchFolder()
        func message(_ url: URL, _ name: String) -> String? {
            do { _ = try UpliftPolicy.load(contentsOf: url, displayName: name); return nil } catch { return "\(error)" }
        }
        #expect(message(folder.appendingPathComponent("nope.yaml"), "nope.yaml") == "nope.yaml:1:1: the policy file does not exist")
        // "£" in Latin-1 (0xA3), which is not UTF-8.
        let latin = try TestFiles.write(bytes: Array("amount: ".utf8) + [0xA3] + Array("fee\n".utf8), to: "latin.yaml", in: folder)
        #expect(message(latin, "latin.yaml") == "latin.yaml:1:1: the policy file is not UTF-8 text")
    }

    @Test func revenueImpactWithTotals() throws {
        let output = try TestFiles.scratchFolder().appendingPathComponent("impact.xlsx")
        try ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/registrar-fees-impact.yaml"), dataDirectory: Self.data).run(output: output)
        let sheet = try XLSXFile(url: output).sheet("Revenue impact")
        // Independently: volume × (recommended − current) summed over the 31 lines.
        let fees = try CSVReader(url: Self.data.appendingPathComponent("registrar-fees-2019-20.csv")).readAll().dropFirst()
        let volumes = Dictionary(uniqueKeysWithValues: try CSVReader(url: Self.data.appendingPathComponent("registrar-fee-volumes-illustrative.csv")).readAll().dropFirst().map { ($0.fields[0], Decimal(string: $0.fields[1])!) })
        var total = Decimal(0)
        for record in fees { total += volumes[record.fields[0]]! * (Money.parse(record.fields[5])! - Money.parse(record.fields[4])!) }
        #expect(sheet["B36"]?.text == "Total")
        #expect(sheet["J36"]?.formula == "SUBTOTAL(9,J5:J35)")
        #expect(abs((sheet["J36"]?.number ?? 0) - Money.double(total)) < 1e-6)
        #expect(sheet["J6"]?.formula == "IF(COUNT(I6,E6)<2,\"N/A\",I6*E6)")
    }
}
