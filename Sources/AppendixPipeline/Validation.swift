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
                          warnings: laidOut.warnings + Self.contrastWarnings(definition), inputs: laidOut.inputs, streamed: streaming)
    }

    /// The house style's roles whose text contrasts with their fill less than 4.5:1, each
    /// named by the style file (or definition) and key path.
    static func contrastWarnings(_ definition: ReportDefinition) -> [BuildWarning] {
        CellRoles(definition.style).lowContrast().map { low in
            let location = definition.style.keyLocations[low.key]
            let place = location.map { "\($0.file):\($0.line):\($0.column): \($0.path.isEmpty ? low.key : $0.path)" } ?? "\(definition.file): style.\(low.key)"
            let ratio = (low.ratio * 100).rounded(.down) / 100
            return BuildWarning(file: place, column: nil, lines: [], count: 1,
                                message: "text #\(low.text.hex) on fill #\(low.fill.hex) has contrast \(ratio):1, below the 4.5:1 that WCAG 2 AA asks of text")
        }
    }
}
