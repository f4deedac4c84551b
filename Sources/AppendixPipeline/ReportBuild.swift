import AppendixData
import AppendixDefinition
import AppendixLayout
import AppendixRender
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
    /// Rows held in memory to read instead of a source's file (or folder), by source name, typed
    /// as the file's records would be; such a source is not a file for ``/AppendixDefinition/BuildMode/auto``'s size
    /// test or the output check.
    public var sourceRows: [String: CSVRows] = [:]
    /// A definition already loaded (``/AppendixDefinition/DefinitionLoader/load(yaml:file:directory:)``) or
    /// built in code, used instead of reading ``definitionURL``; checked
    /// (``/AppendixDefinition/ReportDefinition/checked()``) before anything is read or built.
    public var definition: ReportDefinition?
    /// CSV bytes above which ``/AppendixDefinition/BuildMode/auto`` streams.
    public var streamingThreshold = ReportBuild.defaultStreamingThreshold
    /// Whether a workbook may be written under a name not ending in `.xlsx` (`--force`).
    public var allowsAnyOutputName = false
    /// What a failed check does: stop the build (the default) or build with a Checks sheet (`--warn-only`).
    public var checkMode = CheckMode.enforce
    /// Threads this build uses: two (the default) lay rows out on one while libxlsxwriter writes
    /// cells on the other; one when several builds run at once (``BatchBuild`` with more than one job
    /// at a time).
    public var threads = BuildThreads.two
    /// How a streamed sorted or grouped sheet's rows are sorted (memory held before spilling).
    package var sortOptions = ExternalSortOptions()
    /// How the workbook's zip package is written: two deflate threads by default; a program
    /// running several builds at once (a server) sets ``/AppendixRender/PackageZip/concurrentBuild``,
    /// as ``BatchBuild/run(_:parallelism:progress:)`` does for more than one job at a time.
    public var packageZip = PackageZip.singleBuild
    /// The layout to publish in whatever the definition's `publish:` says (`--accessible`), or
    /// `nil` for the definition's.
    public var publication: Publication?

    /// A build of the definition file at `definitionURL`, its sources' `file:` paths relative
    /// to `dataDirectory`.
    public init(definitionURL: URL, dataDirectory: URL) {
        self.definitionURL = definitionURL
        self.dataDirectory = dataDirectory
    }

    /// A build of a definition already loaded or built in code (checked before it builds), its
    /// sources' `file:` paths relative to `dataDirectory` (unless given in ``sourceRows`` or
    /// ``sourceFiles``); the default output name comes from the definition's `output:`, else
    /// its ``/AppendixDefinition/ReportDefinition/file`` name.
    public init(definition: ReportDefinition, dataDirectory: URL) {
        self.init(definitionURL: URL(fileURLWithPath: definition.file), dataDirectory: dataDirectory)
        self.definition = definition
    }

    /// What a build produced.
    public struct Summary: Sendable, Equatable {
        /// The workbook written.
        public var output: URL
        /// Every sheet written, in workbook order, with its data rows.
        public var sheets: [SheetRowCount]
        /// Formula cells written (each with its cached value).
        public var formulas: Int
        /// What the build went on with but a reader should know, such as `1 234` left out of totals.
        public var warnings: [BuildWarning] = []
        /// How each CSV file was read: encoding, delimiter, empty rows skipped.
        public var inputs: [CSVReadReport] = []
        /// Every check of the definition (`checks:`) with its outcome; with ``/AppendixLayout/CheckMode/warnOnly``
        /// some may have failed (and the workbook has a Checks sheet).
        public var checks: [CheckOutcome] = []

        package init(output: URL, sheets: [SheetRowCount], formulas: Int) {
            self.output = output
            self.sheets = sheets
            self.formulas = formulas
        }
    }

    /// Reads and checks the definition and its data; writes nothing.
    package func validate() throws -> (ReportDefinition, WorkbookLayout) {
        let definition = try loadDefinition()
        let tables = try loadTables(definition)
        let layout = try WorkbookLayoutBuilder(definition: definition, tables: tables).build()
        return (definition, layout)
    }

    /// Reads and checks the definition (or checks the one given in ``definition``: a definition
    /// built in code, or changed since it was loaded, never builds unchecked).
    public func loadDefinition() throws -> ReportDefinition {
        var loaded = try definition?.checked() ?? DefinitionLoader.load(contentsOf: definitionURL, displayName: definitionURL.relativeDisplayPath)
        if let publication { loaded.publish = publication }
        return try resolvingLogo(loaded)
    }

    /// Reads every source of `definition`.
    package func loadTables(_ definition: ReportDefinition) throws -> [String: DataTable] {
        var tables: [String: DataTable] = [:]
        for source in definition.sources {
            tables[source.name] = try load(source, of: definition)
        }
        return tables
    }

    /// Lays out and writes a workbook from already loaded data (`streaming`: in constant memory).
    @discardableResult
    package func write(_ definition: ReportDefinition, tables: [String: DataTable], to output: URL, streaming: Bool = false) throws -> Summary {
        try assemble(definition, to: output, streaming: streaming, tables: tables)
    }

    /// Reads a source's CSV file, or every CSV of its folder (one per period), into memory.
    package func load(_ source: SourceDefinition, of definition: ReportDefinition) throws -> DataTable {
        var table = DataTable(file: "", header: [], rows: [])
        let reports = try rows(of: source, in: definition, log: nil).read(header: { names, file in
            table.header = names
            table.file = file
        }, row: { table.rows.append($0) })
        table.readReports = reports.map(\.read)
        table.warnings = reports.flatMap(\.warnings)
        return table
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
    public var relativeDisplayPath: String {
        let current = FileManager.default.currentDirectoryPath + "/"
        let path = standardizedFileURL.path
        return path.hasPrefix(current) ? String(path.dropFirst(current.count)) : path
    }
}
