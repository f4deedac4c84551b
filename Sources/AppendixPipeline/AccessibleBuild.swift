import AppendixData
import AppendixDefinition
import AppendixExpression
import AppendixLayout

/// What building the accessible variant asks of a build: memory mode (libxlsxwriter refuses
/// Excel tables in constant-memory mode), so at most ``AccessibleVariant/maximumRows`` rows.
enum AccessibleBuild {
    /// `false`: the variant is built in memory; a definition or command line asking to stream is told why not.
    static func streams(_ definition: ReportDefinition, mode: BuildMode) throws -> Bool {
        if mode == .streaming {
            throw DefinitionError(definition.keyLocations["publish"] ?? DefinitionLocation(file: definition.file, path: "publish", line: 0, column: 0),
                                  "the accessible variant is built in memory (Excel tables cannot be written in constant-memory mode): leave out --mode streaming")
        }
        if mode == .auto, definition.mode == .streaming {
            throw DefinitionError(definition.keyLocations["mode"] ?? DefinitionLocation(file: definition.file, path: "mode", line: 0, column: 0),
                                  "the accessible variant is built in memory (Excel tables cannot be written in constant-memory mode): 'mode: streaming' cannot be used with it")
        }
        return false
    }

    /// Refuses sources holding more rows, together, than the variant is built with.
    static func checkRows(of definition: ReportDefinition, in tables: [String: DataTable]) throws {
        let rows = tables.values.map(\.rows.count).reduce(0, +)
        guard rows > AccessibleVariant.maximumRows else { return }
        let files = definition.sources.compactMap { tables[$0.name]?.file }.joined(separator: ", ")
        throw DataError(file: files, message: "the sources have \(rows.groupedDigits) rows; the accessible variant is built in memory (Excel tables cannot be written in constant-memory mode) and holds at most \(AccessibleVariant.maximumRows.groupedDigits): filter the data or split it (appendix batch --split FIELD), or build the print layout")
    }
}
