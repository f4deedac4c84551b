/// Why a build's temporary file of rows — sorted runs, rows split by period, related numbers,
/// summary cells — could not be made, written or read back. Each names the folder holding
/// the temporary file and the system's reason.
public enum ExternalSortError: AppendixError, Equatable {
    /// The temporary file could not be created in `folder`, for the system's `cause`.
    case cannotCreateTemporaryFile(folder: String, cause: String)
    /// Writing the temporary file in `folder` failed, for the system's `cause` (a full disk, say).
    case cannotWriteTemporaryFile(folder: String, cause: String)
    /// Reading the temporary file in `folder` back failed, for the system's `cause`.
    case cannotReadTemporaryFile(folder: String, cause: String)

    /// The folder of the temporary file.
    public var folder: String {
        switch self {
        case .cannotCreateTemporaryFile(let folder, _), .cannotWriteTemporaryFile(let folder, _),
             .cannotReadTemporaryFile(let folder, _):
            return folder
        }
    }

    /// The folder of the temporary file (``AppendixError/file``).
    public var file: String { folder }

    public var message: String {
        switch self {
        case .cannotCreateTemporaryFile(_, let cause):
            return "could not create the build's temporary file of rows (\(cause))"
        case .cannotWriteTemporaryFile(_, let cause):
            return "could not write the build's temporary file of rows (\(cause)); it needs free space there about the size of the CSV"
        case .cannotReadTemporaryFile(_, let cause):
            return "could not read back the build's temporary file of rows (\(cause))"
        }
    }

    public var description: String { "\(folder): \(message)" }
}
