import AppendixData
import AppendixDefinition
import AppendixLayout
import Foundation

extension ReportBuild {
    /// What ``validation(mode:)`` found: every sheet laid out as a build would, counted, kept
    /// nowhere.
    public struct Validation: Sendable {
        /// One sheet as a build would write it.
        public struct Sheet: Sendable, Equatable {
            /// The sheet's name.
            public var name: String
            /// Data rows (CSV rows shown).
            public var rows: Int
            /// Cells of every kind: title, headers, data, totals, notes.
            public var cells: Int
        }

        /// The definition, loaded and checked.
        public var definition: ReportDefinition
        /// The workbook's sheets in order, per-period sheets and summaries included.
        public var sheets: [Sheet]
        /// Formula cells a build would write.
        public var formulas: Int
        /// What a build would warn about.
        public var warnings: [BuildWarning]
        /// How each CSV file was read.
        public var inputs: [CSVReadReport]
        /// Whether the CSV files were streamed (bounded memory) rather than loaded.
        public var streamed: Bool

        /// The data rows of every sheet.
        public var rows: Int { sheets.map(\.rows).reduce(0, +) }
    }

    /// Reads and checks the definition and its data exactly as a build in `mode` would —
    /// the same layout, in the same row order, with the same errors — and writes nothing. When
    /// streaming, rows are counted and dropped as they are laid out, so memory stays bounded
    /// however large the CSV files are (a sorted sheet's external sort spills to the system's
    /// temporary folder); in memory mode the sources are loaded first, as ``check()`` does.
    public func validation(mode: BuildMode = .auto) throws -> Validation {
        let definition = try loadDefinition()
        let streaming = try streams(definition, mode: mode)
        let tables = try heldTables(definition, streaming: streaming)
        let counter = LayoutCounter()
        let laidOut = try layOut(definition, tables: tables, into: counter, spillFolder: FileManager.default.temporaryDirectory)
        let sheets = zip(counter.sheets, laidOut.facts.sheets).map { counted, facts in
            Validation.Sheet(name: counted.name, rows: facts.rows, cells: counted.cells)
        }
        return Validation(definition: definition, sheets: sheets, formulas: laidOut.facts.formulas,
                          warnings: laidOut.warnings, inputs: laidOut.inputs, streamed: streaming)
    }
}
