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

/// The constant-memory path must write the same cells as the in-memory one.
@Suite("Streaming builds", .serialized)
struct StreamingTests {
    static func cells(_ template: String, mode: BuildMode, data: URL = TestFiles.root.appendingPathComponent("SampleData")) throws -> [String: XLSXFile] {
        let output = try TestFiles.scratchFolder().appendingPathComponent("\(template).xlsx")
        try ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/\(template).yaml"), dataDirectory: data).run(output: output, mode: mode)
        return ["": try XLSXFile(url: output)]
    }

    @Test(arguments: ["registrar-fees-published", "wrap-training", "revenue-forecast", "enforcement-month", "rag-boundaries"])
    func streamingWritesTheSameCellsAsMemory(_ template: String) throws {
        let streamed = try Self.cells(template, mode: .streaming)[""]!, held = try Self.cells(template, mode: .memory)[""]!
        #expect(streamed.sheetNames == held.sheetNames)
        for name in held.sheetNames {
            let a = try streamed.sheet(name), b = try held.sheet(name)
            // Titles and notes are merged and styled in both modes now (one writer).
            #expect(a.mergedRanges == b.mergedRanges, "\(template) \(name)")
            for (address, cell) in b.cells {
                #expect(a[address] == cell, "\(template) \(name)!\(address)")
            }
            #expect(a.pane == b.pane)
        }
    }

    @Test func groupedSheetsStream() throws {
        let streamed = try Self.cells("savings-multi-year", mode: .streaming)[""]!
        #expect(try streamed.sheet("Savings 2019-24").mergedRanges.contains("A4:A5"))  // a vertical header merge, streamed
    }

    @Test func largeInputStreamsAutomaticallyWithLiveTotals() throws {
        let folder = try TestFiles.scratchFolder()
        var csv = "id,amount,budget\n"
        var total = 0.0
        let rows = 30_000
        for i in 0..<rows {
            let amount = Double(i % 997) + 0.25
            total += amount
            csv += "LINE-\(String(format: "%06d", i))-\(String(repeating: "x", count: 40)),£\(String(format: "%.2f", amount)),\(100 + i % 50)\n"
        }
        try TestFiles.write(csv, to: "big.csv", in: folder)
        try TestFiles.write("""
        sources: { big: { file: big.csv, fields: { amount: money, budget: money } } }
        sheets:
          - name: Lines
            source: big
            totals: { columns: [amount], label: Total }
            columns:
              - { field: id }
              - { id: amount, field: amount, format: money }
              - { id: budget, field: budget, format: money }
              - { id: variance, expression: amount - budget, format: money }
        """, to: "big.yaml", in: folder)
        var build = ReportBuild(definitionURL: folder.appendingPathComponent("big.yaml"), dataDirectory: folder)
        build.streamingThreshold = csv.utf8.count + 1
        #expect(try !build.streams(build.loadDefinition(), mode: .auto)) // below the threshold: in memory
        build.streamingThreshold = csv.utf8.count - 1
        #expect(try build.streams(build.loadDefinition(), mode: .auto))
        let output = folder.appendingPathComponent("big.xlsx")
        let summary = try build.run(output: output)
        #expect(summary.sheets.first?.rows == rows && summary.formulas == rows + 1)
        let sheet = try XLSXFile(url: output).sheet("Lines")
        #expect(sheet["D2"]?.formula == "IF(COUNT(B2,C2)<2,\"N/A\",B2-C2)")
        let last = rows + 1
        #expect(sheet["D\(last)"]?.formula == "IF(COUNT(B\(last),C\(last))<2,\"N/A\",B\(last)-C\(last))")
        #expect(sheet["A\(last + 1)"]?.text == "Total")
        #expect(sheet["B\(last + 1)"]?.formula == "SUBTOTAL(9,B2:B\(last))")
        #expect(abs((sheet["B\(last + 1)"]?.number ?? 0) - total) < 1e-6)
    }

    /// `mode:` in a definition decides `auto`; `--mode` overrides it; any other value is refused.
    @Test func definitionModeDecidesAutoAndTheCommandLineOverridesIt() throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write("id,amount\nA1,5\n", to: "small.csv", in: folder)
        func build(_ mode: String) throws -> ReportBuild {
            try TestFiles.write("""
            mode: \(mode)
            sources: { small: { file: small.csv } }
            sheets: [{ name: Lines, source: small, columns: [{ field: id }, { field: amount }] }]
            """, to: "small.yaml", in: folder)
            return ReportBuild(definitionURL: folder.appendingPathComponent("small.yaml"), dataDirectory: folder)
        }
        let streamed = try build("streaming")
        #expect(try streamed.loadDefinition().mode == .streaming)
        #expect(try streamed.streams(streamed.loadDefinition(), mode: .auto))  // 14 bytes, but asked for
        #expect(try !streamed.streams(streamed.loadDefinition(), mode: .memory))
        var held = try build("memory")
        held.streamingThreshold = 0
        #expect(try !held.streams(held.loadDefinition(), mode: .auto))  // over the threshold, but asked for memory
        #expect(try held.streams(held.loadDefinition(), mode: .streaming))
        let summary = try streamed.run(output: folder.appendingPathComponent("small.xlsx"))
        #expect(summary.sheets.map(\.rows) == [1])
        let wrong = try build("fast")
        #expect {
            _ = try wrong.loadDefinition()
        } throws: { error in
            (error as? DefinitionError)?.description.hasSuffix("1:7: mode: expected one of auto, memory, streaming, found 'fast'") == true
        }
    }
}
