import Foundation

/// The whole pipeline for one definition: read the definition, read its CSV files, lay out the
/// workbook and write it.
public struct ReportBuild: Sendable {
    /// The definition file.
    public var definitionURL: URL
    /// The folder that source `file:` paths are relative to.
    public var dataDirectory: URL

    public init(definitionURL: URL, dataDirectory: URL) {
        self.definitionURL = definitionURL
        self.dataDirectory = dataDirectory
    }

    /// What a build produced.
    public struct Summary: Sendable, Equatable {
        public var output: URL
        public var sheets: [(name: String, rows: Int)]
        public var formulas: Int

        public static func == (a: Summary, b: Summary) -> Bool {
            a.output == b.output && a.formulas == b.formulas && a.sheets.map(\.name) == b.sheets.map(\.name) && a.sheets.map(\.rows) == b.sheets.map(\.rows)
        }
    }

    /// Reads and checks the definition and its data; writes nothing.
    public func validate() throws -> (ReportDefinition, WorkbookLayout) {
        let definition = try DefinitionLoader.load(contentsOf: definitionURL, displayName: definitionURL.relativeDisplayPath)
        var tables: [String: DataTable] = [:]
        for source in definition.sources {
            let url = source.file.hasPrefix("/") ? URL(fileURLWithPath: source.file) : dataDirectory.appendingPathComponent(source.file)
            let reader = CSVReader(url: url, displayName: url.relativeDisplayPath)
            tables[source.name] = try DataTable.load(reader, types: source.fieldTypes, parser: FieldParser(missingMarkers: source.missingMarkers))
        }
        let layout = try WorkbookLayoutBuilder(definition: definition, tables: tables).build()
        return (definition, layout)
    }

    /// Builds the workbook at `output`, or at the definition's `output:` name (else the
    /// definition's file name with `.xlsx`) in the current folder.
    @discardableResult
    public func run(output: URL? = nil) throws -> Summary {
        let (definition, layout) = try validate()
        let target = output ?? URL(fileURLWithPath: definition.output ?? definitionURL.deletingPathExtension().appendingPathExtension("xlsx").lastPathComponent)
        try WorkbookRenderer().write(layout, to: target, displayName: target.relativeDisplayPath)
        let formulas = layout.sheets.flatMap(\.cells).filter { if case .formula = $0.content { return true } else { return false } }.count
        return Summary(output: target, sheets: layout.sheets.map { ($0.name, $0.dataRowCount) }, formulas: formulas)
    }
}

extension URL {
    /// The path relative to the current folder when the file is under it, else the full path.
    var relativeDisplayPath: String {
        let current = FileManager.default.currentDirectoryPath + "/"
        let path = standardizedFileURL.path
        return path.hasPrefix(current) ? String(path.dropFirst(current.count)) : path
    }
}
