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

    /// A scratch folder outside the system temp folder (which some tests hide behind a mount).
    static func scratchOutsideTemp() throws -> URL {
        let url = TestFiles.root.appendingPathComponent(".build/fault-tests/\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
