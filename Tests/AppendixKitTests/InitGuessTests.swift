import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixPipeline

/// Issue #15 item 9: `init` guesses as a person would — years as plain integers, percentages
/// with the places the data has, acronyms kept, ids a definition accepts, counts totalled.
@Suite("init guesses")
struct InitGuessTests {
    static let csv = """
        Year,financial year,_kpi ref,£ spent,rate,share,cases,kpi_target,ref_code
        2013,2014,K1,"£1,200",12.5,14.60%,4,0.5,17
        2014,2015,K2,£800,3.25,7.25%,6,0.75,18
        2015,2016,K3,£950,1.5,12.00%,9,1,19
        """ + "\n"

    static func scaffold(name: String = "kpi-targets") throws -> (yaml: String, folder: URL) {
        let folder = try TestFiles.scratchFolder()
        let url = try TestFiles.write(csv, to: "\(name).csv", in: folder)
        let columns = try ColumnProfile.profile(CSVReader(url: url, displayName: "\(name).csv"))
        return (try DefinitionScaffold.yaml(name: name, file: "\(name).csv", columns: columns), folder)
    }

    @Test func yearsArePlainIntegersAndNotTotalled() throws {
        let (yaml, _) = try Self.scaffold()
        #expect(yaml.contains("      - field: \"Year\"\n        id: year\n        header: \"Year\"\n        format: \"0\"\n"))
        #expect(yaml.contains("      - field: \"financial year\"\n        id: financial_year\n        header: \"financial year\"\n        format: \"0\"\n"))
        #expect(yaml.contains("    totals:\n      columns: [spent, cases]\n      label: Total\n"))
    }

    @Test func decimalsComeFromTheData() throws {
        let (yaml, _) = try Self.scaffold()
        #expect(yaml.contains("header: \"Share\"\n        format: percent\n"))
        #expect(yaml.contains("header: \"Rate\"\n        format: \"#,##0.00\"\n") || yaml.contains("header: \"Rate\"\n        format: number\n"))
        #expect(yaml.contains("header: \"KPI target\"\n        format: \"#,##0.00\"\n") || yaml.contains("header: \"KPI target\"\n        format: number\n"))
        #expect(DefinitionScaffold.percentFormat(decimals: 0) == "percent0" && DefinitionScaffold.percentFormat(decimals: 1) == "percent1")
        #expect(DefinitionScaffold.percentFormat(decimals: 3) == "\"0.000%\"" && DefinitionScaffold.percentFormat(decimals: 9) == "\"0.000000%\"")
    }

    @Test func acronymsAreKept() throws {
        let (yaml, _) = try Self.scaffold()
        #expect(yaml.contains("    title: \"KPI targets\"\n"))
        #expect(DefinitionScaffold.headerText("kpi-targets") == "KPI targets")
        #expect(DefinitionScaffold.headerText("RAG_status") == "RAG status" && DefinitionScaffold.headerText("rag_status") == "RAG status")
        #expect(DefinitionScaffold.headerText("NHS-referrals-YTD") == "NHS referrals YTD")
        #expect(DefinitionScaffold.headerText("item_id") == "Item ID")
    }

    @Test func idsStartWithALetter() throws {
        var taken: Set<String> = []
        #expect(DefinitionScaffold.uniqueID("_kpi ref", taken: &taken) == "kpi_ref")
        #expect(DefinitionScaffold.uniqueID("£ spent", taken: &taken) == "spent")
        #expect(DefinitionScaffold.uniqueID("2019/20", taken: &taken) == "c_2019_20")
        #expect(DefinitionScaffold.uniqueID("£", taken: &taken) == "c")
        #expect(DefinitionScaffold.uniqueID("Café €", taken: &taken) == "caf")
        #expect(DefinitionScaffold.uniqueID("spent", taken: &taken) == "spent_2")
    }

    @Test func theGuessedDefinitionBuildsAndShowsYearsPlainly() throws {
        let (yaml, folder) = try Self.scaffold()
        let definition = try TestFiles.write(yaml, to: "kpi-targets.yaml", in: folder)
        let output = folder.appendingPathComponent("k.xlsx")
        try ReportBuild(definitionURL: definition, dataDirectory: folder).run(output: output)
        let sheet = try XLSXFile(url: output).sheet("KPI targets")
        #expect(sheet["A4"]?.number == 2013 && sheet["A4"]?.numberFormat == "0")
        #expect(sheet["F4"]?.numberFormat == "0.00%")
        #expect(sheet["G7"]?.formula == "SUBTOTAL(9,G4:G6)" && sheet["G7"]?.number == 19)
    }
}
