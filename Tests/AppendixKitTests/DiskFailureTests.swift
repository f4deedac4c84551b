import Foundation
import Testing

/// Output failures from the outside: a full disk, a read-only folder, a file-size limit. In
/// every case the previous workbook must survive and no temporary file may be left.
@Suite("Disk failures", .serialized)
struct DiskFailureTests {
    @discardableResult
    static func shell(_ script: String) throws -> ProcessRun {
        try TestProcess.run(URL(fileURLWithPath: "/bin/bash"), ["-c", script], mergingErrors: true)
    }

    /// Whether this machine lets the tests mount a small tmpfs (root on Linux).
    static let canMount: Bool = {
        guard let result = try? shell("d=$(mktemp -d) && mount -t tmpfs -o size=16k tmpfs \"$d\" && umount \"$d\" && rmdir \"$d\"") else { return false }
        return result.status == 0
    }()

    static let build = ".build/debug/appendix build Templates/registrar-fees.yaml --data SampleData"

    private func expectUntouched(_ folder: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let listing = try Self.shell("ls -A '\(folder)'; cat '\(folder)/fees.xlsx'")
        #expect(listing.output == "fees.xlsx\nprevious workbook\n", sourceLocation: sourceLocation)
    }

    @Test func fileSizeLimitIsReportedAndNothingIsLost() throws {
        let folder = try TestFiles.scratchFolder().path
        try Self.shell("printf 'previous workbook\\n' > '\(folder)/fees.xlsx'")
        let run = try Self.shell("ulimit -f 8; trap '' XFSZ; \(Self.build) --output '\(folder)/fees.xlsx'")
        #expect(run.status == 1)
        #expect(run.output.contains("appendix: error: \(folder)/fees.xlsx: could not write the workbook (File too large); any previous file is unchanged"))
        try expectUntouched(folder)
    }

    @Test(.enabled(if: FaultTests.mayRun, "needs permission to mount a tmpfs"))
    func fullDiskIsReportedAndNothingIsLost() throws {
        guard FaultTests.canMountOrFail() else { return }
        let folder = try TestFiles.scratchFolder().path
        try Self.shell("mount -t tmpfs -o size=64k tmpfs '\(folder)' && printf 'previous workbook\\n' > '\(folder)/fees.xlsx' && head -c 52000 /dev/zero > '\(folder)/filler'")
        defer { _ = try? Self.shell("umount '\(folder)'") }
        let run = try Self.shell("\(Self.build) --output '\(folder)/fees.xlsx'")
        #expect(run.status == 1)
        #expect(run.output.contains("could not write the workbook (No space left on device); any previous file is unchanged"))
        try Self.shell("rm '\(folder)/filler'")
        try expectUntouched(folder)
    }

    @Test(.enabled(if: FaultTests.mayRun, "needs permission to mount a tmpfs"))
    func readOnlyFolderIsReportedAndNothingIsLost() throws {
        guard FaultTests.canMountOrFail() else { return }
        let folder = try TestFiles.scratchFolder().path
        try Self.shell("mount -t tmpfs -o size=64k tmpfs '\(folder)' && printf 'previous workbook\\n' > '\(folder)/fees.xlsx' && mount -o remount,ro '\(folder)'")
        defer { _ = try? Self.shell("umount '\(folder)'") }
        let run = try Self.shell("\(Self.build) --output '\(folder)/fees.xlsx'")
        #expect(run.status == 1)
        #expect(run.output.contains("could not write the workbook (Read-only file system); any previous file is unchanged"))
        try expectUntouched(folder)
    }
}
