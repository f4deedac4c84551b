import AppendixData
import Foundation

/// The web app's use of Appendix's SHA-256 (AppendixData's ``SHA256``): whole files.
extension SHA256 {
    /// The digest of a whole file, read in 1 MiB pieces, and its size.
    static func file(_ url: URL) throws -> FileDigest {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hash = SHA256()
        var size = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hash.update(chunk)
            size += chunk.count
        }
        return FileDigest(sha256: hash.finish(), size: size)
    }
}

/// A file's SHA-256 and size in bytes.
struct FileDigest: Sendable, Equatable, Codable {
    var sha256: String
    var size: Int
}
