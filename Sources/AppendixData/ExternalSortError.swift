/// Why an external sort failed: its temporary file could not be made, written or read back.
/// Each names the folder holding the temporary file and the system's reason.
public enum ExternalSortError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotCreateTemporaryFile(folder: String, cause: String)
    case cannotWriteTemporaryFile(folder: String, cause: String)
    case cannotReadTemporaryFile(folder: String, cause: String)

    /// The folder of the temporary file.
    public var folder: String {
        switch self {
        case .cannotCreateTemporaryFile(let folder, _), .cannotWriteTemporaryFile(let folder, _),
             .cannotReadTemporaryFile(let folder, _):
            return folder
        }
    }

    public var description: String {
        switch self {
        case .cannotCreateTemporaryFile(let folder, let cause):
            return "\(folder): could not create a temporary file to sort the rows (\(cause))"
        case .cannotWriteTemporaryFile(let folder, let cause):
            return "\(folder): could not write the temporary file of sorted rows (\(cause)); sorting needs free space there about the size of the CSV"
        case .cannotReadTemporaryFile(let folder, let cause):
            return "\(folder): could not read back the temporary file of sorted rows (\(cause))"
        }
    }
}
