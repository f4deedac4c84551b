import Foundation
import Testing

/// Issue #11 item 3: hidden `.NAME.PID.RAND.tmp` files were left behind when a build was
/// interrupted while packaging. SIGINT/SIGTERM now remove them; files left by a killed process
/// are removed by the next run in that folder once they are ten minutes old, owned by the same
/// user, and their process is gone.
@Suite("Temporary files", .serialized)
struct TemporaryFileTests {
    static func temporaries(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }.sorted()
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func interruptedWhilePackagingLeavesNothingBehind(signal: Int32) throws {
        let folder = try PackageVerificationTests.folder(rows: 150_000, in: TestFiles.scratchFolder())
        // Processes spawned from the test runner inherit its blocked signals; start the build
        // with none blocked, as from a shell.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])",
                             TestProcess.product("appendix").path, "build", "report.yaml", "-o", "out.xlsx", "--mode", "memory"]
        process.currentDirectoryURL = folder
        process.standardError = FileHandle.nullDevice
        try process.run()
        var sawTemporary = false
        while process.isRunning && !sawTemporary {
            sawTemporary = try !Self.temporaries(in: folder).isEmpty
            if !sawTemporary { usleep(1_000) }
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(sawTemporary, "the build finished before its temporary file was seen")
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
        #expect(try Self.temporaries(in: folder) == [])
        #expect(try String(contentsOf: folder.appendingPathComponent("out.xlsx"), encoding: .utf8) == "previous workbook\n")
    }

    @Test func staleTemporaryFilesOfDeadProcessesAreRemovedOthersKept() throws {
        let folder = try PackageVerificationTests.folder(rows: 3, in: TestFiles.scratchFolder())
        let dead = try Self.deadProcessID()
        let old = Date(timeIntervalSinceNow: -11 * 60)
        let files: [(name: String, modified: Date)] = [
            (".out.xlsx.\(dead).123.tmp", old),                          // dead, old: removed
            (".other.xlsx.\(dead).7.tmp", old),                          // any target in the folder
            (".out.xlsx.\(dead).124.tmp", Date(timeIntervalSinceNow: -9 * 60)),  // too young: kept
            (".out.xlsx.\(getpid()).125.tmp", old),                      // process alive: kept
            (".notes.tmp", old),                                         // not this tool's name: kept
            (".out.xlsx.\(dead).x1.tmp", old),                           // not this tool's name: kept
        ]
        for file in files {
            let url = try TestFiles.write("partial", to: file.name, in: folder)
            try FileManager.default.setAttributes([.modificationDate: file.modified], ofItemAtPath: url.path)
        }
        var othersFile: String?
        if geteuid() == 0 {  // as root, a file of another user's: kept
            othersFile = ".out.xlsx.\(dead).126.tmp"
            let url = try TestFiles.write("partial", to: othersFile!, in: folder)
            #expect(chown(url.path, 65_534, 65_534) == 0)
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path)
        }
        let run = try CommandLineTests.appendix(["build", "report.yaml", "-o", "out.xlsx"], in: folder)
        #expect(run.status == 0, "\(run.error)")
        let expected = ([files[2].name, files[3].name, files[4].name, files[5].name] + (othersFile.map { [$0] } ?? [])).sorted()
        #expect(try Self.temporaries(in: folder) == expected)
    }

    /// The PID of a process that has just exited.
    static func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}
