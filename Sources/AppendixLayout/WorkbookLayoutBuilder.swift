import AppendixData
import AppendixDefinition

/// Lays out a workbook from a definition and its data: rows placed, labels suppressed, formulas
/// compiled with cached values, styles and sizes chosen. Pure: no files are read or written.
package struct WorkbookLayoutBuilder {
    package var definition: ReportDefinition
    /// The data of each source, by source name.
    package var tables: [String: DataTable]

    package init(definition: ReportDefinition, tables: [String: DataTable]) {
        self.definition = definition
        self.tables = tables
    }

    /// The laid-out workbook, held in memory.
    /// - Throws: `DataError` when a CSV lacks a field the definition names.
    package func build() throws -> WorkbookLayout {
        let collector = LayoutCollector()
        let facts = try WorkbookAssembly(definition: definition, tables: tables).run(into: collector)
        var sheets = collector.sheets
        for (index, sheet) in facts.sheets.enumerated() { sheets[index].dataRowCount = sheet.rows }
        var layout = WorkbookLayout(sheets: sheets, title: definition.title)
        layout.warnings = facts.warnings
        return layout
    }
}
