import Foundation
import Testing

/// Fault-injection tests that need privileges (mounting a tmpfs, a private mount namespace).
/// Where the machine does not allow them they are skipped — except under `CI=true`, where a
/// skipped fault test would hide a regression, so it runs and fails instead.
enum FaultTests {
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Whether the test may run: it can mount, or CI insists.
    static var mayRun: Bool { DiskFailureTests.canMount || isCI }

    /// Records a failure (and returns false) when the test cannot do what it needs.
    static func canMountOrFail(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard !DiskFailureTests.canMount else { return true }
        Issue.record("CI=true but this machine does not let the tests mount a tmpfs: the fault test cannot run", sourceLocation: sourceLocation)
        return false
    }

    /// A shell command that runs `command` in a private mount namespace with a full 32 KiB tmpfs
    /// over the system temp folder. The package folder is bound to /mnt first, so the command
    /// still reaches the binary and `folder` (given relative to the package) wherever the
    /// checkout is — also when it is itself under /tmp, as a CI clone may be.
    static func withFullSystemTemp(in folder: URL, run command: String) -> String {
        let root = TestFiles.root.path
        let relative = folder.path.hasPrefix(root + "/") ? String(folder.path.dropFirst(root.count + 1)) : folder.path
        return """
            unshare -m bash -c "mount --bind '\(root)' /mnt && mount -t tmpfs -o size=32k tmpfs /tmp \
            && head -c 28000 /dev/zero > /tmp/filler; cd '/mnt/\(relative)' && \(command)"
            """
    }

    /// A scratch folder outside the system temp folder (which some tests hide behind a mount).
    static func scratchOutsideTemp() throws -> URL {
        let url = TestFiles.root.appendingPathComponent(".build/fault-tests/\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
