import Foundation

/// How `appendix-web` is set up: where it listens, the folders it reads and writes, and its limits.
public struct WebConfiguration: Sendable {
    /// The address to listen on; anything but a loopback address requires ``usersFile``.
    public var host = "127.0.0.1"
    /// The TCP port (0: any free port).
    public var port = 8080
    /// The report definitions (`*.yaml`) offered in the gallery; uplift policies in its `policies/`.
    public var templates: URL
    /// The data folder whose CSV files a build may pick (by a server-issued id).
    public var data: URL
    /// The folder for builds, their files and the history database.
    public var state: URL
    /// Pictures of the templates' first pages (`TEMPLATE-SHEET-p1.png`), when present.
    public var previews: URL?
    /// A request body larger than this is refused with 413 before it is stored.
    public var maxUploadBytes = 50 * 1024 * 1024
    /// Builds waiting for a worker beyond this are refused with 503 and `Retry-After`.
    public var queueLimit = 20
    /// Builds run at once (one per core by default).
    public var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// How long a request waits for its build before 503 (seconds).
    public var requestTimeout: Double = 120
    /// Days a build's inputs and outputs are kept (its history row, with the hashes, stays).
    public var retentionDays = 30
    /// `NAME:BCRYPT-HASH` lines (`appendix-web hash-password`); login is required when set.
    public var usersFile: URL?
    /// Whether a build may upload its own definition (its `output:` is ignored; it may not name files).
    public var allowsDefinitionUpload = false

    /// Settings with the given folders and the defaults above.
    public init(templates: URL, data: URL, state: URL) {
        self.templates = templates
        self.data = data
        self.state = state
    }

    /// Whether ``host`` is a loopback address, where login may be off.
    public var hostIsLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// A setting that cannot work, found before the server starts.
public struct WebConfigurationError: Error, CustomStringConvertible, Equatable {
    /// What is wrong and what to do.
    public var description: String
}

extension WebConfiguration {
    /// Checks the settings: a non-loopback host needs login, folders must exist.
    public func check() throws {
        if !hostIsLoopback && usersFile == nil {
            throw WebConfigurationError(description: "--host \(host) is not a loopback address: give --users FILE (appendix-web hash-password) so login is required")
        }
        for (name, folder) in [("--templates", templates), ("--data", data)] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw WebConfigurationError(description: "\(name) \(folder.path): no such folder")
            }
        }
        guard maxUploadBytes > 0, queueLimit >= 0, workers > 0, requestTimeout > 0, retentionDays >= 0 else {
            throw WebConfigurationError(description: "limits must be positive")
        }
    }
}
