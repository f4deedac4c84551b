import AppendixData
import CAppendixZip
import CXLSXWriter
import Foundation

/// What both workbook writers share to get a file safely into place: the folder, a hidden
/// temporary file beside the target (removed on failure, on SIGINT/SIGTERM, or by a later run
/// if the process was killed), libxlsxwriter's staged parts kept in that same folder (not the
/// system temp folder, whose failed writes libxlsxwriter ignores), a check of the finished
/// package, and the rename — never over anything but a regular file.
package final class WorkbookStaging {
    package let target: URL
    package let displayName: String
    private let temporary: TemporaryWorkbookFile
    /// The `tmpdir` given to libxlsxwriter; kept alive as long as the workbook.
    private let stagingFolder: UnsafeMutablePointer<CChar>
    /// How the package is zipped at `workbook_close`.
    package let zip: PackageZip
    /// What the zip layer reported at the last ``finish(_:sheetRows:failure:)``.
    package private(set) var zipReport: PackageZipReport?

    package init(target: URL, displayName: String, zip: PackageZip = .singleBuild) throws(RenderError) {
        self.target = target
        self.displayName = displayName
        self.zip = zip
        let folder = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RenderError(file: displayName, message: "cannot create the folder \(folder.path): \(error.localizedDescription)")
        }
        try ExistingFile.requireReplaceable(target.path, displayName: displayName)
        temporary = TemporaryWorkbookFile(for: target)
        // strdup only fails when memory is exhausted, where nothing else would work either.
        // swift-format-ignore: NeverForceUnwrap
        stagingFolder = strdup(folder.path)!
    }

    deinit { free(stagingFolder) }

    /// A libxlsxwriter workbook writing to the temporary file and staging its parts beside it.
    func newWorkbook(constantMemory: Bool) throws(RenderError) -> UnsafeMutablePointer<lxw_workbook> {
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        options.tmpdir = stagingFolder
        options.use_zip64 = zip.zip64 ? 1 : 0
        guard let workbook = workbook_new_opt(temporary.path, &options) else {
            throw RenderError(file: displayName, message: "cannot create a file in \(target.deletingLastPathComponent().path) (is the folder writable?)")
        }
        return workbook
    }

    /// Closes `workbook`; unless `failure` is given or closing fails, checks the finished file
    /// against `sheetRows` (rows written per sheet) and renames it over the target.
    package func finish(_ workbook: UnsafeMutablePointer<lxw_workbook>, sheetRows: [Int], failure: RenderError? = nil) throws(RenderError) {
        let follower = PackageFollower(path: temporary.path)
        if failure == nil { follower.start() }
        errno = 0
        let closed = closeZipping(workbook)
        let zipError = zipReport?.systemError ?? 0
        let systemError = zipError != 0 ? zipError : errno
        let parts = failure == nil ? follower.finish() : .success([])
        do throws(RenderError) {
            if let failure { throw failure }
            guard closed == LXW_NO_ERROR else {
                throw notWritten(systemError != 0 ? String(cString: strerror(systemError)) : String(cString: lxw_strerror(closed)))
            }
            do {
                try PackageCheck(path: temporary.path, sheetRows: sheetRows).run(parts: parts.get())
            } catch {
                throw notWritten("\(error.reason); was the disk full?")
            }
            try ExistingFile.requireReplaceable(target.path, displayName: displayName)
            guard rename(temporary.path, target.path) == 0 else {
                throw RenderError(file: displayName, message: "could not move the finished workbook into place: \(String(cString: strerror(errno)))")
            }
            temporary.forget()
        } catch {
            temporary.remove()
            throw error
        }
    }

    /// `workbook_close`, with ``zip``'s settings registered for the zip it writes (libxlsxwriter
    /// opens it by the temporary file's path); the layer's report is kept in ``zipReport``.
    private func closeZipping(_ workbook: UnsafeMutablePointer<lxw_workbook>) -> lxw_error {
        var settings = zip.settings
        let registered = appendix_zip_expect(temporary.path, &settings) == 0
        let closed = workbook_close(workbook)
        let systemError = errno
        var report = appendix_zip_report()
        if registered, appendix_zip_collect(temporary.path, &report) == 1, report.opened == 1 { zipReport = PackageZipReport(report) }
        errno = systemError
        return closed
    }

    /// Closes and deletes an unfinished workbook.
    func abandon(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
        workbook_close(workbook)
        temporary.remove()
    }

    private func notWritten(_ cause: String) -> RenderError {
        RenderError(file: displayName, message: "could not write the workbook (\(cause)); any previous file is unchanged")
    }
}

extension ExistingFile {
    /// Throws unless `path` is free or a regular file (after following links), which a rename may replace.
    package static func requireReplaceable(_ path: String, displayName: String, example: String = "report.xlsx") throws(RenderError) {
        guard let existing = ExistingFile(at: path), existing.kind != .regular else { return }
        if existing.kind == .folder {
            throw RenderError(file: displayName, message: "the output is a folder; expected a file name such as \(displayName.hasSuffix("/") ? displayName : displayName + "/")\(example)")
        }
        throw RenderError(file: displayName, message: "the output is \(existing.description), not a regular file; expected a file name such as \(example)")
    }
}
