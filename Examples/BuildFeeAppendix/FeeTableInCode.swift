// The fee table of Templates/registrar-fees-published.yaml, abridged, written in Swift instead
// of YAML. Expressions are text in the definition language; checked() (and a build) runs the
// checks loading a YAML file runs, with errors at key paths such as sheets[0].columns[3].expression.
import AppendixKit

/// Build it with `ReportBuild(definition: feeTableInCode(), dataDirectory: data).run(output: url)`.
func feeTableInCode() -> ReportDefinition {
    let fees = SourceDefinition(name: "fees", file: "registrar-fees-2019-20.csv",
                                fields: ["charge_2018_19": .money, "recommended_2019_20": .money])
    let table = SheetDefinition(
        name: "Fees 2019-20", source: "fees", title: "Births, Deaths and Marriages Fees 2019/20",
        columns: [
            .field("description", header: "Description", width: 34, wrap: true),
            .field("charge_2018_19", id: "current", header: "Charges 2018/19", format: .money),
            .field("recommended_2019_20", id: "recommended", header: "Recommended 2019/20", format: .money),
            .computed(id: "change", expression: "recommended - current", header: "Change (£)", format: .money),
            .computed(id: "change_pct", expression: "change / current", header: "Change (%)", format: .percent),
        ],
        notes: ["Prices listed do not include VAT."],
        freeze: FreezePanes(columns: 1),
        print: PrintSetup(orientation: .landscape, fitWidth: 1))
    return ReportDefinition(file: "fee-table", output: "fee-table.xlsx", sources: [fees], sheets: [table])
}
