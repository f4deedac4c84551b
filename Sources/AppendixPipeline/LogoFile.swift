import AppendixDefinition
import Foundation

extension ReportBuild {
    /// `definition` with its sheets' header logo (`style.logo`) found in the data folder: an
    /// absolute path to a whole PNG image, checked before anything is written. The check must
    /// be strict: libxlsxwriter 1.1.4 refuses an image it cannot read and then frees memory
    /// twice when the workbook closes (docs/library-facts.md, docs/probes/header-image.c).
    /// - Throws: ``/AppendixDefinition/DefinitionError`` at the style's `logo` key when the file
    ///   does not exist or is not a PNG image.
    func resolvingLogo(_ definition: ReportDefinition) throws -> ReportDefinition {
        var resolved = definition
        for index in resolved.sheets.indices {
            guard var image = resolved.sheets[index].print.headerImage else { continue }
            image.file = try Self.logoPath(image, in: dataDirectory)
            resolved.sheets[index].print.headerImage = image
        }
        return resolved
    }

    private static func logoPath(_ image: HeaderImage, in folder: URL) throws -> String {
        // Appended, not resolved `relativeTo:` the folder, which drops the folder's last name
        // when its URL lacks a trailing slash.
        let url = (image.file.hasPrefix("/") ? URL(fileURLWithPath: image.file) : folder.appendingPathComponent(image.file)).standardizedFileURL
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            throw DefinitionError(image.location, "the logo file '\(image.file)' does not exist in the data folder (looked for \(url.path))", value: image.file)
        }
        guard PNGImage.isWhole([UInt8](bytes)) else {
            throw DefinitionError(image.location, "the logo file '\(image.file)' is not a whole PNG image (a PNG is needed for the page header)", value: image.file)
        }
        return url.path
    }
}

/// The PNG check of a logo: the signature, an IHDR chunk with a width and height, and chunks
/// that run inside the file up to IEND.
enum PNGImage {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func isWhole(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 33, bytes.starts(with: signature), Array(bytes[12..<16]) == Array("IHDR".utf8) else { return false }
        guard number(bytes, at: 16) > 0, number(bytes, at: 20) > 0 else { return false }
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = number(bytes, at: offset)
            let type = Array(bytes[(offset + 4)..<(offset + 8)])
            offset += 12 + length
            if type == Array("IEND".utf8) { return offset <= bytes.count }
        }
        return false
    }

    /// The big-endian 32-bit number at `offset`.
    private static func number(_ bytes: [UInt8], at offset: Int) -> Int {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
    }
}
