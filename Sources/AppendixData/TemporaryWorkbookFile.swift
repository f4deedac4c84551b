import CAppendixTemporary
import Foundation

/// The hidden file `.NAME.PID.RAND.tmp` a workbook is written to beside its target. While it
/// exists it is registered with a SIGINT/SIGTERM/SIGHUP handler that unlinks it, and creating
/// one first sweeps away this tool's stale temporary files in the folder (see ``removeStale(in:now:)``).
/// It lives in the Data stage because the external sort's spill files are ones too; Render
/// stages the workbook in one.
package final class TemporaryWorkbookFile {
    package let path: String
    private var slot: Int32

    /// Names a new temporary file for `target` and registers it for clean-up.
    package init(for target: URL) {
        let folder = target.deletingLastPathComponent()
        path = folder.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        slot = appendix_temporary_remember(path)
        if Self.firstVisit(to: folder) { Self.removeStale(in: folder) }
    }

    private static let visitedLock = NSLock()
    nonisolated(unsafe) private static var visited: Set<String> = []

    /// Whether this process has not yet swept `folder` (a batch writes many files to one folder).
    private static func firstVisit(to folder: URL) -> Bool {
        visitedLock.lock(); defer { visitedLock.unlock() }
        return visited.insert(folder.standardizedFileURL.path).inserted
    }

    deinit { remove() }

    /// Deletes the file (if it is still there) and forgets it.
    package func remove() {
        unlink(path)
        forget()
    }

    /// Stops cleaning it up on a signal (once it has been renamed into place).
    package func forget() {
        appendix_temporary_forget(slot)
        slot = -1
    }

    /// Minutes a stale temporary file must be left alone: a slow build elsewhere may still be writing.
    static let staleAge: TimeInterval = 10 * 60

    /// Removes temporary files of this tool in `folder` left by a process that died (killed, or
    /// power lost): named `.NAME.PID.RAND.tmp`, a regular file, owned by this user, not changed
    /// for ten minutes, and with no process PID alive. Anything else is kept.
    static func removeStale(in folder: URL, now: Date = Date()) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names {
            guard let pid = processID(inTemporaryName: name) else { continue }
            let path = folder.appendingPathComponent(name).path
            var status = stat()
            guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_uid == geteuid() else { continue }
            let changed = Date(timeIntervalSince1970: TimeInterval(status.st_mtim.tv_sec))
            guard now.timeIntervalSince(changed) > staleAge, !isAlive(pid) else { continue }
            unlink(path)
        }
    }

    /// The PID in `.NAME.PID.RAND.tmp`, or nil for any other name.
    package static func processID(inTemporaryName name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3, let random = parts.last, UInt32(random) != nil, let pid = pid_t(parts[parts.count - 2]), pid > 0 else { return nil }
        return pid
    }

    private static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
