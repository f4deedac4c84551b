/// A problem with a report definition, naming the file, the key path and the line.
public struct DefinitionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: DefinitionLocation
    /// What was expected and what was found.
    public var message: String

    public init(_ location: DefinitionLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String {
        let path = location.path.isEmpty ? "" : " \(location.path):"
        return "\(location.file):\(location.line):\(location.column):\(path) \(message)"
    }
}
