import AppendixData
import AppendixDefinition
import AppendixLayout
import Foundation

/// The whole pipeline for one definition: read the definition, read its CSV files, lay out the
/// workbook and write it.
public struct ReportBuild: Sendable {
    /// The definition file.
    public var definitionURL: URL
    /// The folder that source `file:` paths are relative to.
    public var dataDirectory: URL

    /// Files to read instead of the definition's, by source name (used by batches).
    public var sourceFiles: [String: URL] = [:]
    /// CSV bytes above which ``BuildMode/auto`` streams.
    public var streamingThreshold = ReportBuild.defaultStreamingThreshold
    /// Whether a workbook may be written under a name not ending in `.xlsx` (`--force`).
    public var allowsAnyOutputName = false
    /// How a streamed sorted or grouped sheet's rows are sorted (memory held before spilling).
    public var sortOptions = ExternalSortOptions()

    public init(definitionURL: URL, dataDirectory: URL) {
        self.definitionURL = definitionURL
        self.dataDirectory = dataDirectory
    }

    /// What a build produced.
    public struct Summary: Sendable, Equatable {
        public var output: URL
        public var sheets: [(name: String, rows: Int)]
        public var formulas: Int
        /// What the build went on with but a reader should know, such as `1 234` left out of totals.
        public var warnings: [BuildWarning] = []
        /// How each CSV file was read: encoding, delimiter, empty rows skipped.
        public var inputs: [CSVReadReport] = []

        package init(output: URL, sheets: [(name: String, rows: Int)], formulas: Int) {
            self.output = output
            self.sheets = sheets
            self.formulas = formulas
        }

        public static func == (a: Summary, b: Summary) -> Bool {
            a.output == b.output && a.formulas == b.formulas && a.sheets.map(\.name) == b.sheets.map(\.name) && a.sheets.map(\.rows) == b.sheets.map(\.rows)
                && a.warnings == b.warnings && a.inputs == b.inputs
        }
    }

    /// Reads and checks the definition and its data; writes nothing.
    public func validate() throws -> (ReportDefinition, WorkbookLayout) {
        let definition = try loadDefinition()
        let tables = try loadTables(definition)
        let layout = try WorkbookLayoutBuilder(definition: definition, tables: tables).build()
        return (definition, layout)
    }

    /// Reads and checks the definition.
    public func loadDefinition() throws -> ReportDefinition {
        try DefinitionLoader.load(contentsOf: definitionURL, displayName: definitionURL.relativeDisplayPath)
    }

    /// Reads every source of `definition`.
    public func loadTables(_ definition: ReportDefinition) throws -> [String: DataTable] {
        var tables: [String: DataTable] = [:]
        for source in definition.sources {
            tables[source.name] = try load(source, of: definition)
        }
        return tables
    }

    /// Lays out and writes a workbook from already loaded data (`streaming`: in constant memory).
    @discardableResult
    public func write(_ definition: ReportDefinition, tables: [String: DataTable], to output: URL, streaming: Bool = false) throws -> Summary {
        try assemble(definition, to: output, streaming: streaming, tables: tables)
    }

    /// Reads a source's CSV file, or every CSV of its folder (one per period).
    package func load(_ source: SourceDefinition, of definition: ReportDefinition) throws -> DataTable {
        let url = sourceURL(source)
        guard source.isFolder else {
            return try source.loadTable(url, checkHeader: {
                try definition.checkFieldReferences(inSource: source.name, header: $0, csvFile: url.relativeDisplayPath)
            })
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.lowercased().hasSuffix(".csv") }.sorted()
        } catch {
            throw DataError(file: url.relativeDisplayPath, message: "the folder cannot be read (\(error.localizedDescription))")
        }
        guard !names.isEmpty else { throw DataError(file: url.relativeDisplayPath, message: "the folder has no .csv files") }
        var combined: DataTable?
        for name in names {
            let fileURL = url.appendingPathComponent(name)
            guard let period = Period.inFileName(name) else {
                throw DataError(file: fileURL.relativeDisplayPath, message: "the file name has no period such as 2018-10 (expected e.g. enforcement-2018-10.csv)")
            }
            // The first file's header is checked against the definition; the others must match it.
            let isFirst = combined == nil
            var table = try source.loadTable(fileURL, checkHeader: {
                guard isFirst else { return }
                try definition.checkFieldReferences(inSource: source.name, header: $0 + [source.periodField], csvFile: fileURL.relativeDisplayPath)
            })
            if table.index(of: source.periodField) != nil {
                throw DataError(file: table.file, line: 1, column: source.periodField, message: "the file already has a '\(source.periodField)' column; the period comes from the file name")
            }
            table.header.append(source.periodField)
            for index in table.rows.indices { table.rows[index].values.append(.text(period.code)) }
            if let first = combined {
                guard first.header == table.header else {
                    throw DataError(file: table.file, line: 1, message: "the header differs from the folder's first file: expected \(first.header.dropLast().joined(separator: ", "))")
                }
                // `combined` is set: this is the `if let first = combined` branch.
                // swift-format-ignore: NeverForceUnwrap
                combined!.rows += table.rows
                // swift-format-ignore: NeverForceUnwrap
                combined!.noteReading(of: table)
            } else {
                combined = DataTable(file: url.relativeDisplayPath, header: table.header, rows: table.rows)
                // Set on the line above.
                // swift-format-ignore: NeverForceUnwrap
                combined!.noteReading(of: table)
            }
        }
        // `names` is not empty, so the loop set `combined`.
        // swift-format-ignore: NeverForceUnwrap
        return combined!
    }

    /// Builds the workbook at `output`, or at the definition's `output:` name (else the
    /// definition's file name with `.xlsx`) in the current folder.
    @discardableResult
    public func run(output: URL? = nil, mode: BuildMode = .auto) throws -> Summary {
        let definition = try loadDefinition()
        let target = output ?? URL(fileURLWithPath: definition.output ?? definitionURL.deletingPathExtension().appendingPathExtension("xlsx").lastPathComponent)
        try outputTarget(target).check(against: inputs(of: definition))
        return try assemble(definition, to: target, streaming: try streams(definition, mode: mode))
    }
}

extension ReportBuild {
    /// `url` as an output of this build (requiring `.xlsx` unless ``allowsAnyOutputName``).
    func outputTarget(_ url: URL) -> OutputTarget {
        OutputTarget(url: url, displayName: url.relativeDisplayPath, requiredExtension: allowsAnyOutputName ? nil : "xlsx")
    }
}

extension URL {
    /// The path relative to the current folder when the file is under it, else the full path.
    package var relativeDisplayPath: String {
        let current = FileManager.default.currentDirectoryPath + "/"
        let path = standardizedFileURL.path
        return path.hasPrefix(current) ? String(path.dropFirst(current.count)) : path
    }
}
