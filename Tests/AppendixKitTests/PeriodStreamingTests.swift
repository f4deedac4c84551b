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

/// Issue #12 item 3, per-period and folder sources: when streaming, a per-period sheet's source
/// is split by period into a temporary file beside the output (one pass) and each period sheet
/// streams from it; a folder is read file by file; the summary is written row by row from
/// compact facts. Both modes give the same workbook and the same errors, and no temporary file
/// is left after a success or a failure.
@Suite("Per-period and folder sources, streamed", .serialized)
struct PeriodStreamingTests {
    static let modes: [BuildMode] = [.memory, .streaming]

    /// Hidden files (temporary workbooks and spill files) left in `folder`.
    static func leftovers(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.sorted()
    }

    static func build(_ folder: URL, mode: BuildMode, sortBudget: Int? = nil) throws -> ReportBuild.Summary {
        var build = ReportBuild(definitionURL: folder.appendingPathComponent("t.yaml"), dataDirectory: folder)
        if let sortBudget { build.sortOptions = ExternalSortOptions(memoryBudget: sortBudget, mergeWidth: 3) }
        return try build.run(output: folder.appendingPathComponent("out-\(mode).xlsx"), mode: mode)
    }

    static let monthlyFolder = """
        sources:
          m: { folder: months, fields: { count: integer } }
        sheets:
          - name: "{period}"
            source: m
            per_period: period
            columns: [ { field: measure }, { field: count, format: count } ]
            totals: { columns: [count], label: Total }
            summary: { name: Summary, rows: measure, value: count, chart: { type: line } }
          - name: All months
            source: m
            columns: [ { field: period }, { field: measure }, { field: count } ]

        """

    @Test func folderWithAGapMonthIsTheSameInBothModes() throws {
        let folder = try DefinitionReliabilityTests.folder(Self.monthlyFolder, files: [
            "months/enf-2018-10.csv": "measure,count\nFPN,53\nPSPO,7\n",
            "months/enf-2018-12.csv": "measure,count\nPSPO,9\nFPN,41\nS34,2\n",
        ])
        let summaries = try Self.modes.map { try Self.build(folder, mode: $0) }
        #expect(summaries[0].sheets == summaries[1].sheets && summaries[0].formulas == summaries[1].formulas)
        #expect(summaries[0].inputs == summaries[1].inputs && summaries[0].inputs.count == 2)
        #expect(summaries[0].sheets.map(\.name) == ["Summary", "Oct 2018", "Dec 2018", "All months"])
        #expect(summaries[0].sheets.map(\.rows) == [3, 2, 3, 5])
        let books = try Self.modes.map { try XLSXFile(url: folder.appendingPathComponent("out-\($0).xlsx")) }
        for name in books[0].sheetNames {
            #expect(try books[0].sheet(name).cells == books[1].sheet(name).cells, "sheet '\(name)'")
        }
        let summary = try books[1].sheet("Summary")
        #expect(["A1", "B1", "C1", "D1"].map { summary[$0]?.text } == ["measure", "Oct 2018", "Nov 2018 (no data)", "Dec 2018"])
        #expect(["A2", "A3", "A4"].map { summary[$0]?.text } == ["FPN", "PSPO", "S34"])
        #expect(summary["B2"]?.formula == "'Oct 2018'!$B$2" && summary["B2"]?.number == 53)
        #expect(summary["C2"]?.value == nil && summary["D2"]?.formula == "'Dec 2018'!$B$3" && summary["D2"]?.number == 41)
        #expect(summary["B4"]?.value == nil && summary["D4"]?.number == 2 && summary["E4"]?.number == 2)  // S34 only in December
        #expect(summary["E2"]?.formula == "SUM(B2:D2)" && summary["E2"]?.number == 94)
        let all = try books[1].sheet("All months")
        #expect((2...6).map { all["A\($0)"]?.text } == ["2018-10", "2018-10", "2018-12", "2018-12", "2018-12"])
        #expect(try Self.leftovers(in: folder) == [])
    }

    static let groupedMonthly = """
        sources:
          d: { file: d.csv, fields: { amount: money } }
        sheets:
          - name: "{period}"
            source: d
            per_period: month
            filter: ward <> "Closed"
            sort: [{ field: amount, descending: true }]
            group_by: [ { field: ward, subtotal: "Total {value}" } ]
            totals: { columns: [amount], label: Total }
            columns: [ { field: ward, suppress_repeats: true }, { field: ref }, { field: amount, format: money } ]
            summary: { name: Summary, rows: ref, value: amount, duplicates: sum }

        """

    static func groupedCSV(rows: Int) -> String {
        var lines = ["month,ward,ref,amount"]
        for index in 0..<rows {
            let month = ["2019-01", "2019-02", "2019-03"][index % 3]
            let ward = ["North", "South", "Closed", "East"][(index / 3) % 4]
            lines.append("\(month),\(ward),R\(index % 7),\(Double((index * 37) % 1_000) / 4)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [16 << 20, 1_024])
    func perPeriodSheetThatIsGroupedAndSortedStreamsAsInMemory(sortBudget: Int) throws {
        let folder = try DefinitionReliabilityTests.folder(Self.groupedMonthly, files: ["d.csv": Self.groupedCSV(rows: 600)])
        let summaries = try Self.modes.map { try Self.build(folder, mode: $0, sortBudget: sortBudget) }
        #expect(summaries[0] == Self.moved(summaries[1], to: summaries[0].output))
        #expect(summaries[1].sheets.map(\.name) == ["Summary", "Jan 2019", "Feb 2019", "Mar 2019"])
        let books = try Self.modes.map { try XLSXFile(url: folder.appendingPathComponent("out-\($0).xlsx")) }
        for name in books[0].sheetNames {
            let memory = try books[0].sheet(name), streamed = try books[1].sheet(name)
            #expect(memory.cells.count > 20)
            #expect(memory.cells == streamed.cells, "sheet '\(name)'")
            #expect(memory.mergedRanges == streamed.mergedRanges, "sheet '\(name)'")
        }
        let january = try books[1].sheet("Jan 2019")
        // Grouped by ward (heading, repeats suppressed), each group sorted by amount, largest first.
        #expect(january["A2"]?.text == "South" && january["A3"]?.text == "South" && january["A4"]?.value == nil)
        #expect((3...8).map { january["C\($0)"]?.number } == [249.75, 248.75, 247.75, 246.75, 245.75, 244.75])
        let eastTotal = try #require(january.cells.first { $0.value.text == "Total East" }.flatMap { Int($0.key.dropFirst()) })
        #expect(january["A\(eastTotal + 1)"]?.text == "North")
        // The summary's labels in order of first appearance on the sorted sheets; duplicates summed.
        let summary = try books[1].sheet("Summary")
        #expect(summary["A2"]?.text == "R6" && summary["A3"]?.text == "R2")
        #expect(summary["B2"]?.formula?.hasPrefix("SUM('Jan 2019'!$C$3,'Jan 2019'!$C$") == true)
        #expect(try Self.leftovers(in: folder) == [])
    }

    @Test(arguments: modes)
    func duplicateLabelNamesBothCSVLines(mode: BuildMode) throws {
        let yaml = DefinitionReliabilityTests.monthlySummary(duplicates: nil)
        let csv = "period,measure,count\n2018-10,A,4\n2018-10,B,1\n2018-11,B,2\n2018-11,A,5\n2018-11,C,6\n2018-11,A,7\n"
        let message = try DefinitionReliabilityTests.buildError(yaml, files: ["d.csv": csv], mode: mode)
        #expect(message == "d.csv:7: summary 'Summary' would show only one of two rows for 'A' in Nov 2018 (d.csv:5 and d.csv:7): remove one, or add 'duplicates: sum' to the summary to add them up")
    }

    @Test(arguments: modes)
    func badPeriodMidFileLeavesNoOutputAndNoTemporaryFile(mode: BuildMode) throws {
        var csv = "period,measure,count\n"
        for index in 0..<3_000 { csv += "\(["2018-10", "2018-11", "2018-12"][index % 3]),M\(index % 40),\(index)\n" }
        csv += "Autumn 2018,M1,1\n"
        for index in 0..<3_000 { csv += "2019-01,N\(index),\(index)\n" }
        let folder = try DefinitionReliabilityTests.folder(DefinitionReliabilityTests.monthlySummary(duplicates: "sum"), files: ["d.csv": csv])
        #expect(DefinitionReliabilityTests.buildError(in: folder, mode: mode)
                == "d.csv:3002, column 'period': expected a period such as 2018-10, Oct 2018 or Q2 2018/19, found 'Autumn 2018'")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["d.csv", "t.yaml"])
    }

    @Test(arguments: modes)
    func folderMessagesAreTheSameInBothModes(mode: BuildMode) throws {
        let folder = "sources:\n  d: { folder: f }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: a } ]\n"
        let perPeriod = "sources:\n  d: { folder: f }\nsheets:\n  - name: \"{period}\"\n    source: d\n    per_period: period\n    columns: [ { field: a } ]\n"
        for yaml in [folder, perPeriod] {
            let cases: [([String: String], String)] = [
                (["f/readme.txt": "x"], "f: the folder has no .csv files"),
                (["f/x-2018-10.csv": "a\n1\n", "f/notes.csv": "a\n1\n"], "f/notes.csv: the file name has no period such as 2018-10 (expected e.g. enforcement-2018-10.csv)"),
                (["f/x-2018-10.csv": "a,period\n1,x\n"], "f/x-2018-10.csv:1, column 'period': the file already has a 'period' column; the period comes from the file name"),
                (["f/x-2018-10.csv": "a\n1\n", "f/x-2018-11.csv": "b\n1\n"], "f/x-2018-11.csv:1: the header differs from the folder's first file: expected a"),
                (["f/x-2018-10.csv": "a\n1\n", "f/x-2018-11.csv": "a\n1\n2,3\n"], "f/x-2018-11.csv:3: expected 1 fields as in the header, found 2"),
            ]
            for (files, expected) in cases {
                let built = try DefinitionReliabilityTests.folder(yaml, files: files)
                #expect(DefinitionReliabilityTests.buildError(in: built, mode: mode) == expected)
                #expect(try Self.leftovers(in: built) == [])
            }
        }
        let twoNames = "sources:\n  d: { file: d.csv }\nsheets:\n  - name: Month\n    source: d\n    per_period: period\n    columns: [ { field: a } ]\n"
        let message = try DefinitionReliabilityTests.buildError(twoNames, files: ["d.csv": "period,a\n2018-10,1\n2018-11,2\n"], mode: mode)
        #expect(message == "t.yaml:4:5: sheets[0]: two sheets would be called 'Month'; put {period} in the per-period sheet's name")
    }

    static func labels(_ count: Int) -> String {
        "period,measure,count\n" + (0..<count).map { "2018-10,Measure \($0),\($0)\n2018-11,Measure \($0),\($0 + 1)\n" }.joined()
    }

    @Test(arguments: modes)
    func chartIsLeftOutWithAWarningAbove255Labels(mode: BuildMode) throws {
        let yaml = DefinitionReliabilityTests.monthlySummary(duplicates: nil).replacingOccurrences(of: "value: count", with: "value: count, chart: { type: column }")
        let fits = try DefinitionReliabilityTests.folder(yaml, files: ["d.csv": Self.labels(255)])
        let drawn = try Self.build(fits, mode: mode)
        #expect(drawn.warnings == [])
        let chart = try XLSXPart.tree(fits.appendingPathComponent("out-\(mode).xlsx"), "xl/charts/chart1.xml")
        #expect(chart.descendants("ser").count == 255)

        let over = try DefinitionReliabilityTests.folder(yaml, files: ["d.csv": Self.labels(256)])
        let summary = try Self.build(over, mode: mode)
        let warning = BuildWarning(file: over.appendingPathComponent("t.yaml").path, column: nil, lines: [7], count: 256,
                                   message: "sheets[0].summary (line 7): the summary 'Summary' has 256 rows, more than the 255 series Excel draws in one chart, so its chart is left out")
        #expect(summary.warnings == [warning])
        #expect("\(warning)" == over.appendingPathComponent("t.yaml").path + ": sheets[0].summary (line 7): the summary 'Summary' has 256 rows, more than the 255 series Excel draws in one chart, so its chart is left out")
        #expect(throws: XLSXReadError.self) { try XLSXPart.tree(over.appendingPathComponent("out-\(mode).xlsx"), "xl/charts/chart1.xml") }
        let sheet = try XLSXFile(url: over.appendingPathComponent("out-\(mode).xlsx")).sheet("Summary")
        #expect(sheet["A257"]?.text == "Measure 255" && sheet["C257"]?.number == 256)
        let check = try ReportBuild(definitionURL: over.appendingPathComponent("t.yaml"), dataDirectory: over).check()
        #expect(check.warnings == [warning])
    }

    /// Streaming splits the per-period sheet's rows into a temporary file beside the output (the
    /// sheet is neither sorted nor grouped, so only the split writes); a full disk during the split
    /// is reported, and neither the temporary file nor a workbook is left.
    @Test func periodSplitSpillsBesideTheOutputAndAFullDiskLeavesNothing() throws {
        let csv = "period,measure,count\n" + (0..<2_000).map { "\(["2018-10", "2018-11"][$0 % 2]),M\($0),\($0)\n" }.joined()
        let folder = try DefinitionReliabilityTests.folder(DefinitionReliabilityTests.monthlySummary(duplicates: nil), files: ["d.csv": csv])
        var build = ReportBuild(definitionURL: folder.appendingPathComponent("t.yaml"), dataDirectory: folder)
        let written = WriteBudget(bytes: Int.max)
        build.sortOptions.writeCall = { descriptor, bytes, count in
            _ = written.take(count)
            return write(descriptor, bytes, count)
        }
        let summary = try build.run(output: folder.appendingPathComponent("out.xlsx"), mode: .streaming)
        #expect(summary.sheets.map(\.rows) == [2_000, 1_000, 1_000])
        #expect(!written.take(Int.max - 20_000), "the split wrote at least 20,000 bytes")
        #expect(try Self.leftovers(in: folder) == [])

        let full = WriteBudget(bytes: 10_000)
        build.sortOptions.writeCall = { descriptor, bytes, count in
            guard full.take(count) else { errno = ENOSPC; return -1 }
            return write(descriptor, bytes, count)
        }
        let error = #expect(throws: ExternalSortError.self) {
            try build.run(output: folder.appendingPathComponent("full.xlsx"), mode: .streaming)
        }
        #expect(error == .cannotWriteTemporaryFile(folder: folder.path, cause: "No space left on device"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["d.csv", "out.xlsx", "t.yaml"])
    }

    /// Labels get ids in order of first appearance; canonically equivalent texts are one label
    /// (as with Swift strings); texts come back whole across blocks and index growth.
    @Test func summaryLabelsKeepEachLabelOnceInOrder() {
        let labels = SummaryLabels()
        #expect(labels.id(of: "Caf\u{E9}") == 0 && labels.id(of: "FPN") == 1 && labels.id(of: "Cafe\u{301}") == 0)
        let long = String(repeating: "x", count: SummaryLabels.blockSize + 10)
        #expect(labels.id(of: long) == 2)
        for index in 0..<50_000 { #expect(labels.id(of: "Measure \(index)") == Int32(index + 3)) }
        #expect(labels.id(of: "FPN") == 1 && labels.id(of: "Measure 49999") == 50_002 && labels.count == 50_003)
        #expect(labels.text(0) == "Caf\u{E9}" && labels.text(2) == long && labels.text(50_002) == "Measure 49999")
        #expect(labels.longest == long.count)
    }

    /// Stored cells come back in order, from the file (across its 64 KiB buffer) or from memory.
    @Test(arguments: [true, false])
    func summaryCellStoreReadsBackInOrder(inFile: Bool) throws {
        let folder = try TestFiles.scratchFolder()
        var store: SummaryCellStore? = SummaryCellStore(folder: inFile ? folder : nil, writeCall: SpillFile.systemWrite)
        let first = (0..<10_000).map { (index: Int) -> SummaryCell in
            SummaryCell(label: Int32(index / 3), row: Int32(index + 4), number: Double(index) / 8)
        }
        let second = [SummaryCell(label: 7, row: 2, number: -1)]
        let places = try [first, second].map { try store!.keep($0) }  // made just above
        for (cells, place) in zip([first, second], places) {
            var reader = store!.reader(place)  // made just above
            var read: [SummaryCell] = []
            while let cell = try reader.peek() {
                read.append(cell)
                reader.advance()
            }
            #expect(read == cells)
        }
        #expect(try ExternalSortTests.temporaryFiles(in: folder).count == (inFile ? 1 : 0))
        store = nil
        #expect(try ExternalSortTests.temporaryFiles(in: folder) == [])
    }

    /// Rows go to partitions in any interleaving and come back per partition in the order added,
    /// across many flushed blocks; the file exists only while the spill does.
    @Test func partitionedSpillReadsBackEachPartitionInOrder() throws {
        let folder = try TestFiles.scratchFolder()
        var random = SeededGenerator(seed: 31)
        let rows = ExternalSortTests.rows(6_000, width: 5, random: &random)
        var expected: [[DataRow]] = [[], [], []]
        var spill: PartitionedSpill? = PartitionedSpill(folder: folder)
        let partitions = try (0..<3).map { _ in try spill!.addPartition() }  // just made
        for row in rows {
            let partition = partitions[Int.random(in: 0..<3, using: &random)]
            expected[partition].append(row)
            try spill?.append(row, to: partition)
        }
        try spill?.finishWriting()
        #expect(try ExternalSortTests.temporaryFiles(in: folder).count == 1)
        for partition in partitions {
            var read: [DataRow] = []
            try spill?.read(partition) { read.append($0) }
            #expect(read == expected[partition])
        }
        spill = nil
        #expect(try ExternalSortTests.temporaryFiles(in: folder) == [])
    }
}

extension PeriodStreamingTests {
    /// `summary` with another output, to compare two builds' summaries.
    static func moved(_ summary: ReportBuild.Summary, to output: URL) -> ReportBuild.Summary {
        var moved = summary
        moved.output = output
        return moved
    }
}
