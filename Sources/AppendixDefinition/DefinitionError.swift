import AppendixData

/// A problem with a report definition (or a fee policy), naming the file, the key path and the line.
public struct DefinitionError: AppendixError, Equatable {
    /// Where the problem is: file, key path, line and character.
    public var location: DefinitionLocation
    /// What was expected and what was found.
    public var message: String
    /// The offending YAML value (a scalar or key) as written, when known.
    public var value: String?
    /// The Excel limit the definition goes over, when that is the problem.
    public var limit: ExcelLimit?

    package init(_ location: DefinitionLocation, _ message: String, value: String? = nil, limit: ExcelLimit? = nil) {
        self.location = location
        self.message = message
        self.value = value
        self.limit = limit
    }

    public var file: String { location.file }
    /// The line in the definition file; `nil` for a definition built in code.
    public var line: Int? { location.isInCode ? nil : location.line }
    /// The character on the line; `nil` for a definition built in code.
    public var characterColumn: Int? { location.isInCode ? nil : location.column }
    public var keyPath: String? { location.path.isEmpty ? nil : location.path }

    /// `FILE:LINE:COLUMN: KEY.PATH: message`; for a definition built in code `FILE: KEY.PATH: message`.
    public var description: String {
        let path = location.path.isEmpty ? "" : " \(location.path):"
        let place = location.isInCode ? location.file : "\(location.file):\(location.line):\(location.column)"
        return "\(place):\(path) \(message)"
    }
}
