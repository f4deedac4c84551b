import AppendixKit

// Shipped definitions written in Swift, key for key as their YAML files write them.
extension DefinitionInCodeTests {
    /// Templates/registrar-fees-published.yaml.
    static let registrarFeesPublished = ReportDefinition(
        output: "registrar-fees-published.xlsx",
        sources: [
            SourceDefinition(name: "fees", file: "registrar-fees-2019-20.csv",
                             fields: ["fee_id": .text, "charge_2018_19": .money, "recommended_2019_20": .money, "higher_end_fee": .auto])
        ],
        sheets: [
            SheetDefinition(
                name: "Fees 2019-20", source: "fees",
                title: "Births, Deaths and Marriages Fees 2019/20",
                subtitle: "Appendix D — Community Leadership and Libraries Committee, 21 November 2018",
                columns: [
                    .field("title", header: "Fee/Charge Title", width: 30, wrap: true, suppressRepeats: true),
                    .field("area", header: "Area", width: 16, wrap: true, suppressRepeats: true),
                    .field("description", header: "Description", width: 34, wrap: true),
                    .field("charge_2018_19", id: "current", header: "Charges 2018/19", format: .money, width: 12),
                    .field("recommended_2019_20", id: "recommended", header: "Recommended Charges 2019/20", format: .money, width: 14),
                    .computed(id: "change", expression: "recommended - current", header: "Change from prior year (actual)", format: .money, width: 13),
                    .computed(id: "change_pct", expression: "change / current", header: "Change from prior year (%)", format: .percent, width: 12),
                    .field("higher_end_fee", id: "higher_end", header: "Higher end fee considered - not recommended", format: .money, width: 14, wrap: true),
                    .computed(id: "higher_end_pct", expression: "if(isnumber(higher_end), (higher_end - current) / current, higher_end)",
                              header: "Higher end fee considered (%) - not recommended", format: .percent0, width: 14, wrap: true),
                    .field("comments", header: "Comments", width: 14, wrap: true),
                    .field("additional_detail", header: "Additional detail for new charges / above inflation", width: 20, wrap: true),
                    .field("benchmark_range", header: "Benchmarking (range)", width: 14),
                    .field("benchmark_average", header: "Benchmarking (average)", format: .money0, width: 13),
                ],
                notes: [
                    "Prices listed do not include VAT, which will only be charged where indicated. The charges are discretionary to cover the cost of delivery.",
                    "Benchmarking range and average across London boroughs as published in the committee report.",
                ],
                freeze: FreezePanes(header: true, columns: 3),
                print: PrintSetup(orientation: .landscape, paper: .a4, fitWidth: 1, repeatHeader: true,
                                  footer: "&LBirths, Deaths and Marriages Fees 2019/20&RPage &P of &N"))
        ])

    /// Templates/enforcement-month.yaml: a plain table with a total.
    static let enforcementMonth = ReportDefinition(
        output: "enforcement-month.xlsx",
        sources: [SourceDefinition(name: "enforcement", file: "enforcement-2018-10.csv", fields: ["count": .integer])],
        sheets: [
            SheetDefinition(
                name: "Enforcement", source: "enforcement", title: "PSPO and environmental enforcement activity",
                columns: [
                    .field("measure", header: "Measure", width: 36),
                    .field("count", header: "Count", format: .count, width: 10),
                ],
                notes: ["FPN = Fixed Penalty Notice; PSPO = Public Spaces Protection Order."],
                totals: Totals(columns: ["count"], label: "Total"))
        ])

    static let years = ["2019/20", "2020/21", "2021/22", "2022/23", "2023/24"]

    /// The id a YAML `for_each` makes of a year: `2019/20` → `2019_20`.
    static func key(_ year: String) -> String {
        String(year.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// Templates/savings-multi-year.yaml: two levels of groups with subtotals, a total row in a
    /// label column, a header group, `for_each` as a loop.
    static let savingsMultiYear = ReportDefinition(
        output: "savings-multi-year.xlsx",
        sources: [
            SourceDefinition(name: "savings", file: "savings-illustrative-multi-year.csv",
                             fields: Dictionary(uniqueKeysWithValues: years.map { ("savings_\(key($0))", FieldType.money) } + [("fte", .number)]))
        ],
        sheets: [
            SheetDefinition(
                name: "Savings 2019-24", source: "savings",
                title: "Savings Proposals 2019/20 – 2023/24",
                subtitle: "ILLUSTRATIVE programme across committees (£,000; savings shown in brackets)",
                columns: [
                    .field("line_ref", header: "Line Ref", width: 9),
                    .field("description", header: "Description of Saving", width: 48, wrap: true),
                ] + years.map { .field("savings_\(key($0))", header: $0, format: .thousandsDash, width: 10) } + [
                    .computed(id: "total", expression: "sum(savings_2019_20:savings_2023_24)", header: "Total Savings (all years)",
                              format: .thousandsDash, width: 12),
                    .field("fte", header: "FTE", format: NumberFormat(code: "#,##0.0;(#,##0.0);\"–\""), width: 8),
                ],
                notes: ["Savings are shown as negative figures in brackets; \"–\" marks no saving in that year."],
                groupBy: [GroupLevel(field: "committee"), GroupLevel(field: "section", subtotal: "Total")],
                totals: Totals(columns: years.map { "savings_\(key($0))" } + ["total", "fte"], label: "Overall Savings", labelColumn: "description"),
                headerGroups: [HeaderGroup(title: "Savings £,000", first: "savings_2019_20", last: "total")],
                freeze: FreezePanes(columns: 2),
                print: PrintSetup(orientation: .landscape, fitWidth: 1))
        ])

    /// Templates/README.md, "Header groups, `for_each` years, filter and sort".
    static let environmentSavings = ReportDefinition(
        sources: [
            SourceDefinition(name: "savings", file: "savings-illustrative-multi-year.csv",
                             fields: Dictionary(uniqueKeysWithValues: years.map { ("savings_\(key($0))", FieldType.money) }))
        ],
        sheets: [
            SheetDefinition(
                name: "Environment 2019-24", source: "savings",
                title: "Environment Committee savings, 2019/20 – 2023/24", subtitle: "ILLUSTRATIVE (£,000)",
                columns: [
                    .field("committee", hidden: true),
                    .field("section", header: "Section", width: 18, suppressRepeats: true),
                    .field("line_ref", header: "Line Ref", width: 9),
                    .field("description", header: "Description of Saving", width: 44, wrap: true),
                ] + years.map { .field("savings_\(key($0))", header: $0, format: .thousandsDash, width: 9) } + [
                    .computed(id: "total", expression: "sum(savings_2019_20:savings_2023_24)", header: "Total", format: .thousandsDash, width: 10),
                    .computed(id: "biggest", expression: "min(savings_2019_20:savings_2023_24)", header: "Largest in one year",
                              format: .thousandsDash, width: 10),
                ],
                filter: "committee = \"Environment\"",
                sort: [SortKey(field: "section"), SortKey(field: "savings_2019_20")],
                totals: Totals(columns: years.map { "savings_\(key($0))" } + ["total"], label: "Total", labelColumn: "description"),
                headerGroups: [
                    HeaderGroup(title: "Savings £,000", first: "savings_2019_20", last: "savings_2023_24"),
                    HeaderGroup(title: "All years", first: "total", last: "biggest"),
                ],
                freeze: FreezePanes(header: true, columns: 4),
                print: PrintSetup(orientation: .landscape, paper: .a3, fitWidth: 1))
        ])
}

extension DefinitionInCodeTests {
    /// Templates/rag-boundaries.yaml: `rag` with status colours, centred, and `dot`.
    static let ragBoundaries = ReportDefinition(
        output: "rag-boundaries.xlsx",
        sources: [SourceDefinition(name: "cases", file: "rag-boundaries-illustrative.csv")],
        sheets: [
            SheetDefinition(
                name: "RAG rules", source: "cases", title: "RAG and DOT rules at their boundaries", subtitle: "ILLUSTRATIVE cases",
                columns: [
                    .field("case", header: "Case", width: 24),
                    .field("polarity", header: "Polarity", width: 18),
                    .field("target", header: "Target", width: 9),
                    .field("result", header: "Result", width: 9),
                    .computed(id: "off", expression: "if(polarity = \"Smaller is Better\", (result - target) / target, (target - result) / target)",
                              header: "Off target", format: .signedPercent1, width: 10),
                    .computed(id: "status", expression: "rag(result, target, polarity)", header: "RAG", width: 9, align: .center,
                              statusColours: true),
                    .field("last_year", header: "Last year", width: 9),
                    .computed(id: "dot", expression: "dot(result, last_year, polarity)", header: "DOT", width: 12),
                ])
        ])
}
