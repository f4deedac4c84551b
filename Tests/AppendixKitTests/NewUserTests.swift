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

@Suite("New users: init, inspect, docs examples", .serialized)
struct NewUserTests {
    static let data = TestFiles.root.appendingPathComponent("SampleData")

    static func sampleCSVs() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: data.path).filter { $0.hasSuffix(".csv") }.sorted()
    }

    @Test func initThenBuildWorksForEverySampleCSV() throws {
        let folder = try TestFiles.scratchFolder()
        let names = try Self.sampleCSVs()
        #expect(names.count >= 10)
        for name in names {
            let csv = Self.data.appendingPathComponent(name)
            let columns = try ColumnProfile.profile(CSVReader(url: csv))
            let stem = (name as NSString).deletingPathExtension
            let yaml = try DefinitionScaffold.yaml(name: stem, file: name, columns: columns)
            let definition = try TestFiles.write(yaml, to: "\(stem).yaml", in: folder)
            let output = folder.appendingPathComponent("\(stem).xlsx")
            try ReportBuild(definitionURL: definition, dataDirectory: Self.data).run(output: output)
            // Read back: every money, count, number and percentage column holds numbers (or N/A).
            let workbook = try XLSXFile(url: output)
            let sheet = try workbook.sheet(workbook.sheetNames[0])
            let records = try CSVReader(url: csv).readAll()
            for (index, column) in columns.enumerated() where [.money, .count, .number, .percentage].contains(column.kind) {
                let letter = CellReference.columnLetters(index)
                for (offset, record) in records.dropFirst().enumerated() {
                    let cell = sheet["\(letter)\(4 + offset)"]
                    let written = record.fields[index].trimmingCharacters(in: .whitespaces)
                    if written.isEmpty { continue }
                    if column.misfitCount > 0, cell?.text == record.fields[index] { continue } // reported by inspect, kept as text
                    if let number = cell?.number {
                        let expected = FinanceNumber.parse(written) ?? (written == "-" || written == "–" ? 0 : .nan)
                        #expect(abs(number - expected) < 1e-9, "\(name) \(letter)\(4 + offset): \(number) vs '\(written)'")
                    } else {
                        #expect(FieldParser.defaultMissingMarkers.contains(written.lowercased()), "\(name) \(letter)\(4 + offset) '\(written)' is not a number")
                    }
                }
                let format = sheet["\(letter)4"]?.numberFormat ?? ""
                switch column.kind {
                case .money: #expect(format.hasPrefix("£"), "\(name) \(column.name)")
                case .percentage: #expect(format.hasSuffix("%"), "\(name) \(column.name)")
                default: #expect(format.contains("0"), "\(name) \(column.name)")
                }
            }
        }
    }

    @Test func profilesInferTypesAndFindMisfits() throws {
        let folder = try TestFiles.scratchFolder()
        let csv = try TestFiles.write("""
            committee,ref,amount,share,count,when,note
            Environment,E1,£1.50,10%,3,2018-10-01,ok
            Environment,E2,(2.00),12.5%,4,2018-11-01,
            Environment,E3,£3,N/A,5,2018-12-01,fine
            Libraries,L1,£4.25,7%,6,2019-01-01,n/a
            Libraries,L2,£5.00,8%,seven,2019-02-01,x
            """ + "\n", to: "p.csv", in: folder)
        let columns = try ColumnProfile.profile(CSVReader(url: csv, displayName: "p.csv"))
        #expect(columns.map(\.kind) == [.text, .text, .money, .percentage, .count, .date, .text])
        #expect(columns[0].isGroupingLabel && !columns[1].isGroupingLabel)
        #expect(columns[3].notApplicable == 1 && columns[6].blanks == 1 && columns[6].notApplicable == 1)
        #expect(columns[4].misfitCount == 1 && columns[4].misfits == [ColumnProfile.Misfit(line: 6, text: "seven")])
        #expect(columns[2].hasPence)
        #expect(columns[5].fieldType == .date)  // real date cells, shown as `1 Oct 2018`
        let yaml = try DefinitionScaffold.yaml(name: "p", file: "p.csv", columns: columns)
        #expect(yaml.contains("      \"when\": date\n"))
        #expect(yaml.contains("      - field: \"committee\"\n        header: \"Committee\"\n        suppress_repeats: true"))
        #expect(yaml.contains("columns: [amount, count]"))
        #expect(DefinitionScaffold.headerText("charge_2018_19") == "Charge 2018/19")
        #expect(DefinitionScaffold.headerText("-1+1") == "-1+1" && DefinitionScaffold.headerText("Net (£)") == "Net (£)")
        #expect(DefinitionScaffold.sheetName("Fees 2019/20: [draft]") == "Fees 2019-20- -draft-")
    }

    @Test func headersFromDataAreWrittenAsText() throws {
        let folder = try TestFiles.scratchFolder()
        let csv = try TestFiles.write("=SUM(A1),+cmd,-1+1,@x,\"\tTab\"\n1,2,3,4,5\n", to: "h.csv", in: folder)
        let columns = try ColumnProfile.profile(CSVReader(url: csv))
        let definition = try TestFiles.write(DefinitionScaffold.yaml(name: "h", file: "h.csv", columns: columns), to: "h.yaml", in: folder)
        let output = folder.appendingPathComponent("h.xlsx")
        try ReportBuild(definitionURL: definition, dataDirectory: folder).run(output: output)
        let sheet = try XLSXFile(url: output).sheet("H")
        // Header names are trimmed of spaces and tabs (they name fields); nothing else changes.
        for (column, header) in zip(["A", "B", "C", "D", "E"], ["=SUM(A1)", "+cmd", "-1+1", "@x", "Tab"]) {
            #expect(sheet["\(column)3"]?.text == header && sheet["\(column)3"]?.formula == nil, "\(header)")
        }
    }

    @Test func inspectCommandListsColumnsAndMisfits() throws {
        let run = try CommandLineTests.appendix(["inspect", "SampleData/wrap-training.csv"])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("SampleData/wrap-training.csv: 4 rows, 14 columns\n"))
        #expect(run.output.contains("staff_requiring_training"))
        let initRun = try CommandLineTests.appendix(["init", "SampleData/wrap-training.csv", "--templates", try TestFiles.scratchFolder().path, "--name", "t"])
        #expect(initRun.status == 0 && initRun.output.contains("build it with: appendix build"))
    }

    /// Every complete definition in Templates/README.md builds against SampleData.
    @Test func everyExampleInTheReferenceBuilds() throws {
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/README.md"), encoding: .utf8)
        let blocks = text.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
        let complete = blocks.filter { $0.contains("\nsheets:") || $0.hasPrefix("sheets:") }.filter { $0.contains("sources:") }
        #expect(complete.count >= 6)
        let folder = try TestFiles.scratchFolder()
        for (index, yaml) in complete.enumerated() {
            let definition = try TestFiles.write(yaml, to: "example-\(index + 1).yaml", in: folder)
            #expect(throws: Never.self, "example \(index + 1):\n\(yaml.prefix(200))") {
                try ReportBuild(definitionURL: definition, dataDirectory: Self.data).run(output: folder.appendingPathComponent("example-\(index + 1).xlsx"))
            }
        }
    }
}
