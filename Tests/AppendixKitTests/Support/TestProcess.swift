import Foundation

/// How a program a test ran ended and what it printed.
struct ProcessRun {
    var status: Int32
    var output: String
    var error: String
}

/// Runs programs for tests: the one place a test starts a process and collects its output.
enum TestProcess {
    /// Runs `executable` with `arguments` in `folder` and waits for it. Standard error goes to
    /// `error`, or with `mergingErrors` into `output` as the program wrote it. Both pipes are
    /// read at once, so a program filling one while the other is being read cannot stall.
    static func run(_ executable: URL, _ arguments: [String], in folder: URL = TestFiles.root, mergingErrors: Bool = false) throws -> ProcessRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = mergingErrors ? out : err
        try process.run()
        let errorText = ReadInBackground(mergingErrors ? nil : err.fileHandleForReading)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessRun(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self), error: errorText.text())
    }

    /// A built product of this package (debug build).
    static func product(_ name: String) -> URL {
        TestFiles.root.appendingPathComponent(".build/debug/\(name)")
    }
}

/// A pipe read to its end on a thread of its own.
private final class ReadInBackground: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle?) {
        guard let handle else {
            done.signal()
            return
        }
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Waits for the end of the pipe; `data` is written before the signal and read after it.
    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
