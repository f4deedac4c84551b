import AppendixZip

/// Reads a workbook package from anyone into ``WorkbookContent``: the zip within
/// ``ZipLimits``, each XML part through ``SafeXML``. Parts are found through the
/// relationships, as Excel finds them, not by their usual names.
package struct PackageReader {
    let archive: ZipArchive

    package init(path: String, limits: ZipLimits = ZipLimits()) throws(ZipPartError) {
        do {
            archive = try ZipArchive(path: path, limits: limits)
        } catch {
            throw ZipPartError(part: "", reason: error.reason)
        }
    }

    package func read() throws(ZipPartError) -> WorkbookContent {
        guard let workbook = try tree("xl/workbook.xml") else {
            throw ZipPartError(part: "", reason: "has no xl/workbook.xml: it is not an xlsx workbook")
        }
        let relations = try relationships(of: "xl/workbook.xml")
        let styles = StyleReader.read(styles: try tree(relations.target(endingWith: "/styles") ?? "xl/styles.xml"),
                                      theme: try tree(relations.target(endingWith: "/theme") ?? "xl/theme/theme1.xml"))
        let strings = try sharedStrings(relations.target(endingWith: "/sharedStrings") ?? "xl/sharedStrings.xml")
        var sheets: [SheetContent] = []
        for sheet in workbook.child("sheets")?.children("sheet") ?? [] {
            guard let id = sheet.attributes["id"], let path = relations.targets[id], relations.types[id]?.hasSuffix("/worksheet") == true else { continue }
            var content = try worksheet(path, strings: strings)
            content.name = sheet.attributes["name"] ?? ""
            content.state = sheet.attributes["state"].flatMap(SheetContent.State.init(rawValue:)) ?? .visible
            sheets.append(content)
        }
        let core = try relationships(of: "").target(endingWith: "/core-properties") ?? "docProps/core.xml"
        let title = try tree(core)?.child("title")?.allText
        return WorkbookContent(sheets: sheets, title: title, styles: styles)
    }

    /// The part `name` parsed whole, or nil when the package has no such part.
    func tree(_ name: String) throws(ZipPartError) -> XMLNode? {
        guard let bytes = try bytes(name) else { return nil }
        return try SafeXML.tree(bytes, name: name)
    }

    func bytes(_ name: String) throws(ZipPartError) -> [UInt8]? {
        guard let entry = archive.entry(name) else { return nil }
        do {
            return try archive.contents(of: entry)
        } catch {
            throw ZipPartError(part: "", reason: error.reason)  // the reason names the part
        }
    }

    /// The relationships of `part` (`dir/_rels/file.rels`), targets resolved to part names.
    func relationships(of part: String) throws(ZipPartError) -> Relationships {
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
    func sharedStrings(_ name: String) throws(ZipPartError) -> [String] {
        guard let root = try tree(name) else { return [] }
        return root.children("si").map { item in
            item.children.filter { $0.name == "t" || $0.name == "r" }.map(\.allText).joined()
        }
    }

    /// One worksheet with its tables and drawing objects.
    func worksheet(_ path: String, strings: [String]) throws(ZipPartError) -> SheetContent {
        let reader = SheetReader(sharedStrings: strings)
        if let bytes = try bytes(path) { try SafeXML.parse(bytes, name: path, into: reader) }
        let relations = try relationships(of: path)
        var tables: [TablePart] = []
        for id in reader.tableIds {
            guard let target = relations.targets[id], let table = try tree(target),
                  let range = table.attributes["ref"].flatMap(CellRange.init(a1:)) else { continue }
            tables.append(TablePart(name: table.attributes["displayName"] ?? table.attributes["name"] ?? "", range: range,
                                    headerRows: Int(table.attributes["headerRowCount"] ?? "1") ?? 1,
                                    totalsRows: Int(table.attributes["totalsRowCount"] ?? "0") ?? 0))
        }
        let drawings = try reader.drawingId.flatMap { relations.targets[$0] }.map { target throws(ZipPartError) in try drawingObjects(target) } ?? []
        return SheetContent(name: "", state: .visible, cells: reader.cells, merges: reader.merges, tables: tables, drawings: drawings)
    }

    /// The charts (`graphicFrame`) and pictures (`pic`) of a drawing part, with their alt text.
    func drawingObjects(_ path: String) throws(ZipPartError) -> [DrawingObject] {
        guard let drawing = try tree(path) else { return [] }
        var objects: [DrawingObject] = []
        for anchor in drawing.children where ["twoCellAnchor", "oneCellAnchor", "absoluteAnchor"].contains(anchor.name) {
            let from = anchor.child("from")
            let cell = CellAddress(row: Int(from?.child("row")?.text ?? "0") ?? 0, column: Int(from?.child("col")?.text ?? "0") ?? 0)
            objects += Self.graphics(in: anchor).map { graphic in
                let properties = graphic.node.descendants("cNvPr").first
                return DrawingObject(kind: graphic.kind, name: properties?.attributes["name"] ?? "", description: properties?.attributes["descr"], anchor: cell)
            }
        }
        return objects
    }

    /// The charts and pictures under `node`: its own, those in group shapes (`grpSp`), and
    /// those in the first choice of markup-compatibility content (`mc:AlternateContent`, as
    /// Excel writes newer charts; its fallback repeats the same object).
    static func graphics(in node: XMLNode) -> [Graphic] {
        node.children.flatMap { child -> [Graphic] in
            switch child.name {
            case "graphicFrame": [Graphic(node: child, kind: .chart)]
            case "pic": [Graphic(node: child, kind: .picture)]
            case "grpSp": graphics(in: child)
            case "AlternateContent": (child.child("Choice") ?? child.child("Fallback")).map { graphics(in: $0) } ?? []
            default: []
            }
        }
    }
}

/// A chart's or picture's element in a drawing.
struct Graphic {
    var node: XMLNode
    var kind: DrawingObject.Kind
}

/// A part's relationships: id → part name and type.
struct Relationships {
    var targets: [String: String] = [:]
    var types: [String: String] = [:]

    /// The target of the first relationship whose type ends with `suffix`.
    func target(endingWith suffix: String) -> String? {
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
