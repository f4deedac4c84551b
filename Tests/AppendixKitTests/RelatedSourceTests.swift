import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixExpression
@testable import AppendixLayout
@testable import AppendixPipeline

/// Issue #12 item 3: a keyed (related) source is read row by row in both modes, its rows placed
/// by a pass through the sheet's own row source; the related aggregates are the same in memory
/// and streaming mode, however the keyed sheet is filtered, sorted and grouped.
@Suite("Related sources")
struct RelatedSourceTests {
    static let regions = ["North", "South", "East", "West"]

    /// Prices of 40 items, with text, blanks and N/A among the numbers, and sums that depend on
    /// their order (1e14 and -1e14 around small amounts). I38 has only text and blanks; I39 is
    /// only in a closed shop, so filtered out.
    static func prices(rows: Int, seed: UInt64) -> String {
        var random = SeededGenerator(seed: seed)
        var lines = ["item,region,shop,price,extra"]
        let prices = ["12.5", "N/A", "", "see note", "100000000000000", "-100000000000000", "0.1", "0.2", "£1234.56", "(7)", "3"]
        for _ in 0..<rows {
            let item = Int.random(in: 0..<38, using: &random)
            let shop = ["a", "b", "closed"].randomElement(using: &random)!  // non-empty literal
            let price = prices.randomElement(using: &random)!  // non-empty literal
            let extra = ["", "1.5", "-2", "x"].randomElement(using: &random)!  // non-empty literal
            lines.append("I\(item),\(regions[item % regions.count]),\(shop),\(price),\(extra)")
        }
        lines += ["I38,East,a,N/A,", "I38,East,b,,x", "I39,West,closed,5,5"]
        return lines.joined(separator: "\n") + "\n"
    }

    static let definition = """
        output: out.xlsx
        sources:
          items: { file: items.csv }
          prices: { file: prices.csv, key: item, fields: { item: text, price: auto, extra: auto } }
        sheets:
          - name: Items
            source: items
            columns:
              - { field: item }
              - { id: low, expression: "min(prices.price)" }
              - { id: high, expression: "max(prices.price)" }
              - { id: total, expression: "sum(prices.price)" }
              - { id: mean, expression: "avg(prices.price)" }
              - { id: both, expression: "sum(prices.extra, prices.price)" }
              - { id: label, expression: '"from " & text(min(prices.price), "0.00")' }
          - name: Prices
            source: prices
            filter: shop <> "closed"
            sort: [ { field: price, descending: true } ]
            group_by: [ { field: region, heading: "Region {value}", subtotal: "Total {value}" } ]
            totals: { columns: [price], label: Total }
            columns: [ { field: region }, { field: item }, { field: shop }, { field: price }, { field: extra } ]
        """

    static var items: String {
        "item\n" + (0..<42).map { "I\($0)" }.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [16 << 20, 2_048])
    func relatedAggregatesAreTheSameInBothModes(budget: Int) throws {
        let folder = try TestFiles.scratchFolder()
        // About 11,600 prices are numbers: past the 8,192 kept in memory, so they are read back
        // from a temporary file (RelatedNumbers).
        _ = try TestFiles.write(Self.prices(rows: 24_000, seed: 3), to: "prices.csv", in: folder)
        _ = try TestFiles.write(Self.items, to: "items.csv", in: folder)
        let definitionURL = try TestFiles.write(Self.definition, to: "report.yaml", in: folder)
        var build = ReportBuild(definitionURL: definitionURL, dataDirectory: folder)
        build.sortOptions = ExternalSortOptions(memoryBudget: budget, mergeWidth: 3)
        #expect(try build.heldTables(try build.loadDefinition(), streaming: true).isEmpty)
        let memoryURL = folder.appendingPathComponent("memory.xlsx"), streamingURL = folder.appendingPathComponent("streaming.xlsx")
        let memory = try build.run(output: memoryURL, mode: .memory)
        let streaming = try build.run(output: streamingURL, mode: .streaming)
        #expect(memory.sheets.map(\.rows) == streaming.sheets.map(\.rows))
        #expect(memory.formulas == streaming.formulas && memory.inputs == streaming.inputs && memory.warnings == streaming.warnings)
        let a = try XLSXFile(url: memoryURL), b = try XLSXFile(url: streamingURL)
        for name in ["Items", "Prices"] {
            #expect(try a.sheet(name).cells == b.sheet(name).cells, "sheet '\(name)'")
        }
        let numbers = try Self.checkAggregates(try b.sheet("Items"), prices: try b.sheet("Prices"))
        #expect(numbers > 8_192, "the prices' numbers are read back from a temporary file")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(left == [], "temporary files left: \(left)")
    }

    /// Each item's aggregates, recomputed from the Prices sheet as written: over exactly the
    /// item's rows there, numbers only, summed in sheet order. Returns how many numbers there are.
    static func checkAggregates(_ items: XLSXSheet, prices: XLSXSheet) throws -> Int {
        var total = 0
        var rows: [String: [Int]] = [:]
        for (address, cell) in prices.cells where address.hasPrefix("B") && cell.text?.hasPrefix("I") == true {
            // Addresses in column B are "B" and a row number.
            rows[cell.text!, default: []].append(Int(address.dropFirst())!)
        }
        for row in 2...43 {
            let item = try #require(items["A\(row)"]?.text)
            guard let itemRows = rows[item]?.sorted() else {
                #expect(items["B\(row)"]?.text == "N/A" && items["E\(row)"]?.text == "N/A", "\(item) has no rows on Prices")
                continue
            }
            #expect(itemRows == Array(itemRows[0]...itemRows[itemRows.count - 1]), "\(item)'s rows are together")
            let range = "'Prices'!$D$\(itemRows[0]):$D$\(itemRows.last!)"  // itemRows is not empty
            #expect(items["B\(row)"]?.formula == "IF(COUNT(\(range))=0,\"N/A\",MIN(\(range)))")
            let numbers = itemRows.compactMap { prices["D\($0)"]?.number }
            total += numbers.count
            var sum = NeumaierSum()
            numbers.forEach { sum.add($0) }
            if numbers.isEmpty {
                #expect(["B", "C", "D", "E"].allSatisfy { items["\($0)\(row)"]?.text == "N/A" }, "\(item)")
                continue
            }
            // As libxlsxwriter writes numbers: 16 significant digits.
            func written(_ number: Double?) -> String? { number.map { String(format: "%.16G", $0) } }
            #expect(items["B\(row)"]?.value == written(numbers.min()) && items["C\(row)"]?.value == written(numbers.max()), "\(item)")
            #expect(items["D\(row)"]?.value == written(sum.total), "\(item)")
            #expect(items["E\(row)"]?.value == written(sum.total / Double(numbers.count)), "\(item)")
        }
        #expect(items["A41"]?.text == "I39" && items["B41"]?.text == "N/A")
        #expect(items["A40"]?.text == "I38" && items["D40"]?.text == "N/A")
        return total
    }

    static let split = """
        sources:
          d: { file: d.csv, key: item }
          v: { file: v.csv }
        sheets:
          - name: V
            source: v
            columns: [ { field: item }, { id: total, expression: "sum(d.n)" } ]
          - name: B
            source: d
            sort: [ n ]
            group_by: [ { field: g, subtotal: false } ]
            columns: [ { field: item }, { field: n } ]
        """

    @Test(arguments: BuildMode.allCases)
    func aGroupBySplittingAKeyIsRefusedInEveryMode(mode: BuildMode) throws {
        let folder = try TestFiles.scratchFolder()
        _ = try TestFiles.write("item,g,n\nA,x,1\nB,y,2\nA,y,3\n", to: "d.csv", in: folder)
        _ = try TestFiles.write("item\nA\n", to: "v.csv", in: folder)
        let definition = try TestFiles.write(Self.split, to: "t.yaml", in: folder)
        let output = folder.appendingPathComponent("out.xlsx")
        #expect {
            try ReportBuild(definitionURL: definition, dataDirectory: folder).run(output: output, mode: mode)
        } throws: { error in
            "\(error)".replacingOccurrences(of: folder.path + "/", with: "")
                == "d.csv:4: rows with item 'A' are not together on sheet 'B' (its group_by splits them), so formulas cannot refer to them as one range"
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(left == [], "temporary files left: \(left)")
    }

    /// Only the numbers of fields expressions read are kept, each key's in sheet-row order, in a
    /// temporary file or (without an output folder) in memory.
    @Test(arguments: [true, false])
    func theIndexKeepsOnlyTheNumbersFormulasRead(inFile: Bool) throws {
        let folder = try TestFiles.scratchFolder()
        _ = try TestFiles.write("item,n,note\nA,1,x\nB,N/A,y\nA,2,\nB,4,z\nC,,w\n", to: "d.csv", in: folder)
        let yaml = """
            sources:
              d: { file: d.csv, key: item }
            sheets:
              - name: D
                source: d
                columns: [ { field: item }, { field: n }, { field: note }, { id: total, expression: "sum(d.n)" } ]
            """
        let build = ReportBuild(definitionURL: try TestFiles.write(yaml, to: "t.yaml", in: folder), dataDirectory: folder)
        let definition = try build.loadDefinition()
        let source = try #require(definition.source(named: "d"))
        var index: RelatedRowIndex? = RelatedRowIndex(definition: definition, spillFolder: inFile ? folder : nil)
        try index?.place(definition.sheets[0], source: source, from: InMemoryRows(try build.load(source, of: definition)), definition: definition)
        do {
            let placement = try #require(index?.placements["d"])
            #expect(placement.sheet == "D" && placement.fields.keys.sorted() == ["n"])
            // Rows in key order of first appearance: A (sheet rows 1-2), B (3-4), C (5).
            #expect(placement.keys.mapValues(\.rows) == ["A": 1...2, "B": 3...4, "C": 5...5])
        }
        #expect(try ["A", "B", "C"].map { try index?.range(source: "d", field: "n", key: $0)?.values } == [[.number(1), .number(2)], [.number(4)], []])
        #expect(try index?.range(source: "d", field: "n", key: "A")?.reference.formulaText == "'D'!$B$2:$B$3")
        #expect(try index?.range(source: "d", field: "note", key: "A") == nil && index?.range(source: "d", field: "n", key: "Z") == nil)
        // A few numbers stay in memory.
        #expect(try Self.temporaryFiles(in: folder) == [])
        index = nil
        #expect(try Self.temporaryFiles(in: folder) == [])
    }

    static func temporaryFiles(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
    }

    /// Numbers come back by range: past 8,192 from the file (across its 64 KiB write buffer),
    /// fewer, or all without a folder, from memory.
    @Test(arguments: [(true, 20_000), (false, 20_000), (true, 8_192)])
    func relatedNumbersComeBackByRange(inFolder: Bool, count: Int) throws {
        let folder = try TestFiles.scratchFolder()
        var numbers: RelatedNumbers? = RelatedNumbers(spillFolder: inFolder ? folder : nil, writeCall: SpillFile.systemWrite)
        for number in 0..<count { try numbers?.append(Double(number) / 4) }
        try numbers?.finishWriting()
        #expect(numbers?.count == count)
        #expect(try Self.temporaryFiles(in: folder).count == (inFolder && count > 8_192 ? 1 : 0))
        for range in [0..<3, 8_190..<8_192, 8_190..<min(8_194, count), count - 2..<count, 5..<5, 0..<count] {
            #expect(try numbers?.numbers(range) == range.map { Double($0) / 4 }, "\(range)")
        }
        numbers = nil
        #expect(try Self.temporaryFiles(in: folder) == [])
    }

    /// A full disk while the related numbers are written: the build fails with the folder and
    /// the reason, and leaves neither a workbook nor a temporary file.
    @Test func aFullDiskForTheRelatedNumbersFailsCleanly() throws {
        let folder = try TestFiles.scratchFolder()
        // About 14,500 numbers, so past the 8,192 kept in memory.
        _ = try TestFiles.write(Self.prices(rows: 30_000, seed: 5), to: "prices.csv", in: folder)
        _ = try TestFiles.write(Self.items, to: "items.csv", in: folder)
        var build = ReportBuild(definitionURL: try TestFiles.write(Self.definition, to: "report.yaml", in: folder), dataDirectory: folder)
        build.sortOptions.writeCall = { _, _, _ in errno = ENOSPC; return -1 }
        for mode in [BuildMode.memory, .streaming] {
            let error = #expect(throws: ExternalSortError.self) {
                try build.run(output: folder.appendingPathComponent("out.xlsx"), mode: mode)
            }
            #expect(error == .cannotWriteTemporaryFile(folder: folder.path, cause: "No space left on device"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["items.csv", "prices.csv", "report.yaml"])
    }
}
