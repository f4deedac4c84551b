import AppendixKit
import Foundation

/// A report definition offered in the gallery, known by its file's name (the id).
struct TemplateEntry: Sendable {
    /// The file name without `.yaml`: letters, digits, `-`, `_`, `.` only.
    var id: String
    var url: URL
    var definition: ReportDefinition
    /// A picture of its first printed page, when the previews folder has one.
    var preview: URL?

    /// The title shown: the definition's `title:`, else its first sheet's title, else its id.
    var title: String {
        definition.title ?? definition.sheets.first?.title ?? id
    }
}

/// A definition that did not load, listed in the gallery with its error.
struct BrokenTemplate: Sendable {
    var id: String
    var message: String
}

/// A CSV file in the data folder, known to clients only by its id.
struct DataFile: Sendable, Equatable {
    /// The first 16 hex digits of the SHA-256 of its name: stable, and no path.
    var id: String
    /// The file's name inside the data folder.
    var name: String
    var url: URL
}

/// What the folders hold: definitions, uplift policies, data files and previews. Read afresh on
/// each request, so a definition added to the folder shows without a restart; nothing a client
/// sends ever names a file — clients send the ids listed here.
struct Catalog: Sendable {
    var templatesFolder: URL
    var dataFolder: URL
    var previewsFolder: URL?

    /// Ids are file names of this shape only (no `/`, no leading dot).
    static func isSafeName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != ".", name.count <= 200 else { return false }
        return name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_.".unicodeScalars.contains($0) }
    }

    func templates() -> (entries: [TemplateEntry], broken: [BrokenTemplate]) {
        var entries: [TemplateEntry] = [], broken: [BrokenTemplate] = []
        for url in files(in: templatesFolder, extension: "yaml") {
            let id = url.deletingPathExtension().lastPathComponent
            do {
                let definition = try DefinitionLoader.load(contentsOf: url, displayName: url.lastPathComponent)
                entries.append(TemplateEntry(id: id, url: url, definition: definition, preview: nil))
            } catch {
                broken.append(BrokenTemplate(id: id, message: "\(error)"))
            }
        }
        let ids = entries.map(\.id)
        for index in entries.indices { entries[index].preview = preview(for: entries[index].id, among: ids) }
        return (entries, broken)
    }

    func template(id: String) -> TemplateEntry? {
        guard Self.isSafeName(id) else { return nil }
        return templates().entries.first { $0.id == id }
    }

    /// The uplift policies (`policies/*.yaml` under the templates folder), by file name.
    func policies() -> [DataFile] {
        files(in: templatesFolder.appendingPathComponent("policies"), extension: "yaml").map(dataFile)
    }

    /// The CSV files directly in the data folder.
    func dataFiles() -> [DataFile] {
        files(in: dataFolder, extension: "csv").map(dataFile)
    }

    func dataFile(id: String) -> DataFile? { dataFiles().first { $0.id == id } }
    func policy(id: String) -> DataFile? { policies().first { $0.id == id } }

    /// The data file a source's `file:` names, when it is directly in the data folder.
    func defaultFile(for source: SourceDefinition) -> DataFile? {
        guard !source.isFolder else { return nil }
        return dataFiles().first { $0.name == source.file }
    }

    private func dataFile(_ url: URL) -> DataFile {
        var hash = SHA256()
        hash.update(Array(url.lastPathComponent.utf8))
        return DataFile(id: String(hash.finish().prefix(16)), name: url.lastPathComponent, url: url)
    }

    /// The first `ID-SHEET-p1.png` whose longest matching template id is `id` (so
    /// `registrar-fees-impact-…` belongs to registrar-fees-impact, not registrar-fees).
    private func preview(for id: String, among ids: [String]) -> URL? {
        guard let previewsFolder else { return nil }
        return files(in: previewsFolder, extension: "png").first { url in
            let name = url.lastPathComponent
            let owner = ids.filter { name.hasPrefix($0 + "-") }.max { $0.count < $1.count }
            return owner == id && name.hasSuffix("-p1.png")
        }
    }

    /// Regular files of `folder` (not links, not hidden) with the extension, sorted by name.
    private func files(in folder: URL, extension ext: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().filter { Self.isSafeName($0) && $0.hasSuffix("." + ext) }.map { folder.appendingPathComponent($0) }.filter {
            let values = try? $0.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            return values?.isRegularFile == true && values?.isSymbolicLink != true
        }
    }
}
