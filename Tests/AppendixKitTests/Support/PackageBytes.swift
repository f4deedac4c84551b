import Foundation
import ZIPFoundation

/// A workbook's parts, unzipped, by path: for byte-for-byte comparisons of two builds.
enum PackageBytes {
    /// Every part except `docProps/core.xml`, which holds the time of writing.
    static func parts(_ url: URL) throws -> [String: Data] {
        let archive = try Archive(url: url, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive where entry.path != "docProps/core.xml" {
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            parts[entry.path] = data
        }
        return parts
    }

    /// The paths of the parts that differ between two workbooks (or are in only one).
    static func differences(_ first: URL, _ second: URL) throws -> [String] {
        let a = try parts(first), b = try parts(second)
        return Set(a.keys).union(b.keys).sorted().filter { a[$0] != b[$0] }
    }
}
