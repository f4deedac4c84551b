import AppendixData

/// A failure while writing the workbook file. The previous output, if any, is left untouched.
public struct RenderError: AppendixError, Equatable {
    /// The output path as the user gave it.
    public var file: String
    public var message: String

    /// A problem with the output `file` (as the user named it): `message` says what was expected.
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
