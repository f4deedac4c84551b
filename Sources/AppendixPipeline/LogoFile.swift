import AppendixDefinition
import Foundation

extension ReportBuild {
    /// `definition` with its sheets' header logo (`style.logo`) found in the data folder: an
    /// absolute path, checked to be a PNG or JPEG file before anything is written.
    /// - Throws: ``/AppendixDefinition/DefinitionError`` at the style's `logo` key when the file
    ///   does not exist or is not a PNG or JPEG image.
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
        let url = URL(fileURLWithPath: image.file, relativeTo: folder).standardizedFileURL
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw DefinitionError(image.location, "the logo file '\(image.file)' does not exist in the data folder (looked for \(url.path))", value: image.file)
        }
        defer { try? handle.close() }
        let start = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], jpeg: [UInt8] = [0xFF, 0xD8, 0xFF]
        guard start.starts(with: png) || start.starts(with: jpeg) else {
            throw DefinitionError(image.location, "the logo file '\(image.file)' is not a PNG or JPEG image", value: image.file)
        }
        return url.path
    }
}
