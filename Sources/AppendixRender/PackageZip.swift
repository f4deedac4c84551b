import CAppendixZip
import Foundation

/// How a workbook's zip package is written at `workbook_close`: by Appendix's zip layer
/// (CAppendixZip, which libxlsxwriter calls instead of the system libminizip) deflating on
/// ``threads`` threads, or by the system libminizip. The environment variable
/// `APPENDIX_ZIP=system` overrides ``layer`` for every workbook of the process.
public struct PackageZip: Sendable, Equatable {
    /// Which code writes the zip.
    public enum Layer: Sendable, Equatable {
        /// Appendix's zip layer: block-parallel deflate, level 6 as libxlsxwriter asks; its
        /// files carry the archive comment ``PackageZip/marker``.
        case appendix
        /// The system libminizip (single-threaded), as libxlsxwriter uses it without Appendix.
        case system
    }

    /// Which code writes the zip (unless `APPENDIX_ZIP=system` is set).
    public var layer: Layer
    /// Threads deflating one workbook (Appendix's layer only). The bytes written are the same
    /// for any count.
    public var threads: Int
    /// Entry sizes and offsets from which zip64 fields are written (tests lower it); `nil`: 4 GiB.
    package var zip64Limit: UInt64?
    /// libxlsxwriter's `use_zip64`: every entry gets zip64 sizes in its headers.
    package var zip64 = false

    /// Appendix's layer on `threads` threads.
    public init(layer: Layer = .appendix, threads: Int) {
        self.layer = layer
        self.threads = max(1, threads)
    }

    /// One build alone on the machine: two threads (one where there is one core).
    public static let singleBuild = PackageZip(threads: min(2, ProcessInfo.processInfo.activeProcessorCount))
    /// One of several builds running at once (`batch --jobs` above 1, a server): one thread,
    /// so the builds together never ask for more threads than they are.
    public static let concurrentBuild = PackageZip(threads: 1)
    /// The system libminizip.
    public static let system = PackageZip(layer: .system, threads: 1)

    /// The archive comment of every file Appendix's layer writes.
    public static let marker = APPENDIX_ZIP_MARKER

    var settings: appendix_zip_settings {
        appendix_zip_settings(layer: Int32(layer == .system ? APPENDIX_ZIP_SYSTEM.rawValue : APPENDIX_ZIP_APPENDIX.rawValue),
                              threads: Int32(clamping: threads), zip64_limit: zip64Limit ?? 0)
    }
}

/// What the zip layer reported for one workbook.
package struct PackageZipReport: Sendable, Equatable {
    /// The layer that wrote the file (after `APPENDIX_ZIP`).
    package var layer: PackageZip.Layer
    /// Threads it could deflate on.
    package var threads: Int
    /// Wall time inside the five zip functions (deflate and writing), in seconds.
    package var secondsInZip: Double
    /// errno of the first failed write, 0 if none.
    package var systemError: Int32

    init(_ report: appendix_zip_report) {
        layer = report.layer == Int32(APPENDIX_ZIP_SYSTEM.rawValue) ? .system : .appendix
        threads = Int(report.threads)
        secondsInZip = report.seconds_in_zip
        systemError = report.system_errno
    }
}

/// The outcome of ``PackageZip/writeEntry(at:name:bytes:repeats:zip64:)``.
package struct PackageZipEntryWrite: Sendable, Equatable {
    /// The first minizip error code returned (0: none; -1: a failed system call).
    package var result: Int32
    /// What the layer reported.
    package var report: PackageZipReport
}

extension PackageZip {
    /// Writes a zip at `path` through the five functions as libxlsxwriter calls them: one entry
    /// `name` holding `bytes` `repeats` times, in 16 KiB writes (tests: failures, 4 GiB entries).
    package func writeEntry(at path: String, name: String, bytes: [UInt8], repeats: UInt64, zip64: Bool) -> PackageZipEntryWrite {
        var settings = settings
        var report = appendix_zip_report()
        let result = appendix_zip_write_entry(path, &settings, name, bytes, bytes.count, repeats, zip64 ? 1 : 0, &report)
        return PackageZipEntryWrite(result: result, report: PackageZipReport(report))
    }
}
