/// A problem with the user's files — a definition, a policy, a CSV, an output — that the
/// library reports with its place and what was expected, rather than a failure of Appendix
/// itself. ``DataError``, `DefinitionError`, `RenderError`, ``ExternalSortError`` and
/// `WorkbookPreview.ToolError` conform, so a caller (the command line, a web page) reads the
/// fields instead of parsing the text; `description` is the one line the command prints
/// after `appendix: error:`.
public protocol AppendixError: Error, Sendable, CustomStringConvertible {
    /// The file the problem is in, as the user named it (for an output, the output; for a
    /// missing tool, the tool).
    var file: String { get }
    /// The 1-based line of ``file``, when the problem has one.
    var line: Int? { get }
    /// The 1-based character on ``line`` (definitions and policies), when known.
    var characterColumn: Int? { get }
    /// The header of the CSV column the problem is in (CSV files), when known.
    var csvColumn: String? { get }
    /// Where in a definition or policy: `sheets[0].columns[3].format`; `nil` elsewhere.
    var keyPath: String? { get }
    /// The offending value as written (a cell's text, a key, a YAML value), when known.
    var value: String? { get }
    /// The Excel or Appendix limit the input goes over, when that is the problem.
    var limit: ExcelLimit? { get }
    /// What was expected and what was found, without the place.
    var message: String { get }
}

extension AppendixError {
    public var line: Int? { nil }
    public var characterColumn: Int? { nil }
    public var csvColumn: String? { nil }
    public var keyPath: String? { nil }
    public var value: String? { nil }
    public var limit: ExcelLimit? { nil }
}
