import AppendixZip

/// Reads a workbook package from anyone (``/AppendixZip/WorkbookPackage``: limits, safe XML,
/// parts found through the relationships) into ``WorkbookContent``.
package struct PackageReader {
    let parts: WorkbookPackage

    package init(path: String, limits: ZipLimits = ZipLimits()) throws(ZipPartError) {
        parts = try WorkbookPackage(path: path, limits: limits)
    }

    package func read() throws(ZipPartError) -> WorkbookContent {
        let workbook = try parts.workbook()
        let relations = try parts.relationships(of: "xl/workbook.xml")
        let styles = StyleReader.read(styles: try parts.tree(relations.target(endingWith: "/styles") ?? "xl/styles.xml"),
                                      theme: try parts.tree(relations.target(endingWith: "/theme") ?? "xl/theme/theme1.xml"))
        let strings = try parts.sharedStrings(relations.target(endingWith: "/sharedStrings") ?? "xl/sharedStrings.xml")
        var sheets: [SheetContent] = []
        for sheet in parts.worksheets(of: workbook, relations: relations) {
            var content = try worksheet(sheet.part, strings: strings)
            content.name = sheet.name
            content.state = SheetContent.State(rawValue: sheet.state) ?? .visible
            sheets.append(content)
        }
        let core = try parts.relationships(of: "").target(endingWith: "/core-properties") ?? "docProps/core.xml"
        let title = try parts.tree(core)?.child("title")?.allText
        return WorkbookContent(sheets: sheets, title: title, styles: styles)
    }

    /// One worksheet with its tables and drawing objects.
    func worksheet(_ path: String, strings: [String]) throws(ZipPartError) -> SheetContent {
        let reader = try parts.cells(of: path, strings: strings)
        let relations = try parts.relationships(of: path)
        var tables: [TablePart] = []
        for id in reader.tableIds {
            guard let target = relations.targets[id], let table = try parts.tree(target),
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
        guard let drawing = try parts.tree(path) else { return [] }
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
