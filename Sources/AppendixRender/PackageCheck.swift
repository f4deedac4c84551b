import AppendixZip
import Foundation

/// Why a finished workbook failed its check; `reason` completes "could not write the workbook (…)".
package struct PackageCheckFailure: Error, Sendable, Equatable {
    package var reason: String
}

/// Reads a finished workbook back before it replaces anything: the zip directory must be
/// readable and agree with the parts as read (offsets, sizes, CRC-32s), every XML part must end
/// with its root element's closing tag, and each worksheet must hold as many `<row>` elements
/// as rows were written. libxlsxwriter ignores failed writes of its staged parts, so a part cut
/// short by a full disk is otherwise zipped and reported as success.
///
/// The parts are inflated by a ``PackageFollower`` while libxlsxwriter writes the file; what
/// is left to do after it closes the file is reading the directory and comparing.
package struct PackageCheck {
    /// The file to check.
    package let path: String
    /// Rows written to each worksheet, in the order the sheets were added.
    package let sheetRows: [Int]

    /// Checks a complete file, reading its parts now.
    package func run() throws(PackageCheckFailure) {
        try run(parts: PackageFollower.read(path))
    }

    /// Checks the file against `parts`, as read by a ``PackageFollower``.
    package func run(parts: [FollowedPart]) throws(PackageCheckFailure) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw PackageCheckFailure(reason: "the file cannot be read back (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw PackageCheckFailure(reason: "the file cannot be read back") }
        let entries: [ZipEntry]
        do {
            entries = try ZipDirectory(descriptor: descriptor, fileSize: Int(status.st_size)).entries()
        } catch {
            throw PackageCheckFailure(reason: error.reason)
        }
        guard entries.count == parts.count else {
            throw PackageCheckFailure(reason: "the zip directory lists \(entries.count) parts, the file holds \(parts.count)")
        }
        var worksheetsSeen = 0
        for (entry, part) in zip(entries, parts) {
            try Self.compare(entry, part)
            guard entry.name.hasSuffix(".xml") || entry.name.hasSuffix(".rels") else { continue }
            guard part.inspector.endsWithRootClosingTag else {
                throw PackageCheckFailure(reason: "\(entry.name) is incomplete: it does not end with \(part.inspector.rootName.map { "</\($0)>" } ?? "a closing tag")")
            }
            guard let sheet = Self.worksheetNumber(entry.name) else { continue }
            worksheetsSeen += 1
            let expected = sheet <= sheetRows.count ? sheetRows[sheet - 1] : 0
            guard part.inspector.rows == expected else {
                throw PackageCheckFailure(reason: "\(entry.name) has \(part.inspector.rows) rows, expected \(expected)")
            }
        }
        guard worksheetsSeen == sheetRows.count else {
            throw PackageCheckFailure(reason: "the file has \(worksheetsSeen) worksheets, expected \(sheetRows.count)")
        }
    }

    /// The directory's record of a part must match the part as read.
    package static func compare(_ entry: ZipEntry, _ part: FollowedPart) throws(PackageCheckFailure) {
        guard entry.name == part.name, entry.localHeaderOffset == part.localHeaderOffset else {
            throw PackageCheckFailure(reason: "the zip directory does not match the parts (\(entry.name))")
        }
        guard entry.method == 8, entry.compressedSize == part.compressedSize, entry.size == part.size, entry.crc == part.crc else {
            throw PackageCheckFailure(reason: "\(entry.name) is damaged in the zip (size or CRC-32 does not match)")
        }
    }

    /// N for `xl/worksheets/sheetN.xml`.
    static func worksheetNumber(_ name: String) -> Int? {
        guard name.hasPrefix("xl/worksheets/sheet"), name.hasSuffix(".xml") else { return nil }
        return Int(name.dropFirst("xl/worksheets/sheet".count).dropLast(4))
    }
}

/// Inflates one raw-deflate part from a ``GrowingFile`` in fixed-size chunks (constant memory)
/// with AppendixZip's ``RawInflater``, passing the contents to a ``PartInspector``.
package struct PartInflater {
    package let file: GrowingFile
    package let name: String

    func inflate(from start: Int) throws(PackageCheckFailure) -> FollowedPart {
        var part = FollowedPart(name: name, localHeaderOffset: 0, compressedSize: 0, size: 0, crc: 0, inspector: PartInspector())
        do {
            let inflater = try RawInflater(name: name)
            while !inflater.finished {
                let input = try file.available(at: start + inflater.consumed, upTo: RawInflater.chunk)
                try inflater.inflate(input) { bytes in part.inspector.consume(bytes) }
            }
            part.size = inflater.size
            part.compressedSize = inflater.consumed
            part.crc = inflater.crc
        } catch let failure as PackageCheckFailure {
            throw failure
        } catch let failure as ZipReadFailure {
            throw PackageCheckFailure(reason: failure.reason)
        } catch {
            throw PackageCheckFailure(reason: "\(name) could not be read back (\(error))")
        }
        return part
    }
}
