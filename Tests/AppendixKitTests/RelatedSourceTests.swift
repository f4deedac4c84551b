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
        _ = try TestFiles.write(Self.prices(rows: 1_200, seed: 3), to: "prices.csv", in: folder)
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
        try Self.checkAggregates(try b.sheet("Items"), prices: try b.sheet("Prices"))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(left == [], "temporary files left: \(left)")
    }

    /// Each item's aggregates, recomputed from the Prices sheet as written: over exactly the
    /// item's rows there, numbers only, summed in sheet order.
    static func checkAggregates(_ items: XLSXSheet, prices: XLSXSheet) throws {
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

    /// Only the numbers of fields expressions read are kept, each key's in sheet-row order.
    @Test func theIndexKeepsOnlyTheNumbersFormulasRead() throws {
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
        let table = try build.load(try #require(definition.source(named: "d")), of: definition)
        var index = RelatedRowIndex(definition: definition)
        try index.place(definition.sheets[0], source: try #require(definition.source(named: "d")), from: InMemoryRows(table), definition: definition)
        let placement = try #require(index.placements["d"])
        #expect(placement.sheet == "D" && placement.fields.keys.sorted() == ["n"])
        // Rows in key order of first appearance: A (sheet rows 1-2), B (3-4), C (5).
        #expect(placement.keys.mapValues(\.rows) == ["A": 1...2, "B": 3...4, "C": 5...5])
        let numbers = try #require(placement.fields["n"])
        #expect(numbers.column == 1 && (0..<numbers.numbers.count).map { numbers.numbers[$0] } == [1, 2, 4])
        #expect(["A", "B", "C"].map { numbers.values(of: placement.keys[$0]!) } == [[.number(1), .number(2)], [.number(4)], []])  // the keys were just checked
    }
}

@Suite("Number list")
struct NumberListTests {
    @Test func numbersComeBackByPositionAcrossChunks() {
        var list = NumberList()
        for number in 0..<200_000 { list.append(Double(number) / 4) }
        #expect(list.count == 200_000)
        #expect([0, 1, 65_535, 65_536, 131_072, 199_999].map { list[$0] } == [0, 0.25, 16_383.75, 16_384, 32_768, 49_999.75])
    }
}
