/// An xlsx package from anyone, opened for reading its parts: the zip within ``ZipLimits``, each
/// XML part through ``SafeXML``, parts found through the relationships as Excel finds them (not
/// by their usual names). Under the accessibility check (`appendix check`) and the fee import.
package struct WorkbookPackage {
    let archive: ZipArchive

    package init(path: String, limits: ZipLimits = ZipLimits()) throws(ZipPartError) {
        do {
            archive = try ZipArchive(path: path, limits: limits)
        } catch {
            throw ZipPartError(part: "", reason: error.reason)
        }
    }

    /// `xl/workbook.xml` parsed whole; throws when the package has none (not a workbook).
    package func workbook() throws(ZipPartError) -> XMLNode {
        guard let workbook = try tree("xl/workbook.xml") else {
            throw ZipPartError(part: "", reason: "has no xl/workbook.xml: it is not an xlsx workbook")
        }
        return workbook
    }

    /// The workbook's worksheets in tab order: name, `state` and part (chart sheets left out).
    package func worksheets(of workbook: XMLNode, relations: Relationships) -> [WorksheetEntry] {
        (workbook.child("sheets")?.children("sheet") ?? []).compactMap { sheet in
            guard let id = sheet.attributes["id"], let path = relations.targets[id], relations.types[id]?.hasSuffix("/worksheet") == true else { return nil }
            return WorksheetEntry(name: sheet.attributes["name"] ?? "", state: sheet.attributes["state"] ?? "visible", part: path)
        }
    }

    /// The part `name` parsed whole, or nil when the package has no such part.
    package func tree(_ name: String) throws(ZipPartError) -> XMLNode? {
        guard let bytes = try bytes(name) else { return nil }
        return try SafeXML.tree(bytes, name: name)
    }

    package func bytes(_ name: String) throws(ZipPartError) -> [UInt8]? {
        guard let entry = archive.entry(name) else { return nil }
        do {
            return try archive.contents(of: entry)
        } catch {
            throw ZipPartError(part: "", reason: error.reason)  // the reason names the part
        }
    }

    /// The relationships of `part` (`dir/_rels/file.rels`), targets resolved to part names.
    package func relationships(of part: String) throws(ZipPartError) -> Relationships {
        let folder = part.split(separator: "/").dropLast().joined(separator: "/")
        let file = part.split(separator: "/").last.map(String.init) ?? part
        let name = (folder.isEmpty ? "" : folder + "/") + "_rels/\(file).rels"
        var result = Relationships()
        for relation in try tree(name)?.children("Relationship") ?? [] where relation.attributes["TargetMode"] != "External" {
            guard let id = relation.attributes["Id"], let target = relation.attributes["Target"] else { continue }
            result.targets[id] = Relationships.resolve(target, from: folder)
            result.types[id] = relation.attributes["Type"] ?? ""
        }
        return result
    }

    /// The shared strings' texts (runs joined; phonetic runs left out).
    package func sharedStrings(_ name: String) throws(ZipPartError) -> [String] {
        guard let root = try tree(name) else { return [] }
        return root.children("si").map { item in
            item.children.filter { $0.name == "t" || $0.name == "r" }.map(\.allText).joined()
        }
    }

    /// The cells of the worksheet part `path` (none when the part is missing), read as it is
    /// parsed, with shared strings resolved.
    package func cells(of path: String, strings: [String]) throws(ZipPartError) -> SheetReader {
        let reader = SheetReader(sharedStrings: strings)
        if let bytes = try bytes(path) { try SafeXML.parse(bytes, name: path, into: reader) }
        return reader
    }
}

/// A worksheet as the workbook part lists it.
package struct WorksheetEntry: Sendable, Equatable {
    package var name: String
    /// `visible`, `hidden` or `veryHidden`.
    package var state: String
    /// The worksheet's part name (`xl/worksheets/sheet1.xml`).
    package var part: String
}

/// A part's relationships: id → part name and type.
package struct Relationships {
    package var targets: [String: String] = [:]
    package var types: [String: String] = [:]

    /// The target of the first relationship whose type ends with `suffix`.
    package func target(endingWith suffix: String) -> String? {
        types.filter { $0.value.hasSuffix(suffix) }.keys.sorted().first.flatMap { targets[$0] }
    }

    /// `target` (relative to `folder`, or absolute from the package root) as a part name.
    static func resolve(_ target: String, from folder: String) -> String {
        var parts = target.hasPrefix("/") ? [] : folder.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }
}
