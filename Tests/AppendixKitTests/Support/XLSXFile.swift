import Foundation
import ZIPFoundation

/// Reads an .xlsx back from its XML parts, independently of the code that wrote it.
struct XLSXFile {
    let sheetNames: [String]
    private let archive: Archive
    private let sheetPaths: [String: String]
    private let sharedStrings: [String]
    /// Number format code of each cell style index (cellXfs).
    private let styleFormats: [String]
    /// Whether each cell style index is bold.
    private let styleBold: [Bool]
    private let styleWrap: [Bool]
    /// Each cell style index as a reader sees it: number format, font, fill, border, alignment.
    let styleLooks: [String]
    /// Each conditional format (dxf) as a reader sees it.
    let differentialLooks: [String]
    let definedNames: [String: String]

    init(url: URL) throws {
        archive = try Archive(url: url, accessMode: .read)
        let workbook = try XLSXFile.tree(archive, "xl/workbook.xml")
        let rels = try XLSXFile.tree(archive, "xl/_rels/workbook.xml.rels")
        var targets: [String: String] = [:]
        for rel in rels.children("Relationship") { targets[rel.attributes["Id"]!] = rel.attributes["Target"]! }
        var paths: [String: String] = [:]
        var names: [String] = []
        for sheet in workbook.descendants("sheet") {
            let name = sheet.attributes["name"]!
            names.append(name)
            let target = targets[sheet.attributes["r:id"]!]!
            paths[name] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        sheetNames = names
        sheetPaths = paths
        var defined: [String: String] = [:]
        for name in workbook.descendants("definedName") { defined[name.attributes["name"]! + "@" + (name.attributes["localSheetId"] ?? "")] = name.text }
        definedNames = defined
        if archive["xl/sharedStrings.xml"] != nil {
            sharedStrings = try XLSXFile.tree(archive, "xl/sharedStrings.xml").children("si").map { XLSXFile.unescape($0.allText) }
        } else {
            sharedStrings = []
        }
        let styles = try XLSXFile.tree(archive, "xl/styles.xml")
        var codes = XLSXFile.builtinFormats
        for format in styles.descendants("numFmt") {
            codes[Int(format.attributes["numFmtId"]!)!] = format.attributes["formatCode"]!
        }
        let fonts = styles.child("fonts")?.children("font") ?? []
        let xfs = styles.child("cellXfs")?.children("xf") ?? []
        styleFormats = xfs.map { codes[Int($0.attributes["numFmtId"] ?? "0")!] ?? "?" }
        styleBold = xfs.map { xf in
            let font = fonts[Int(xf.attributes["fontId"] ?? "0")!]
            return font.child("b") != nil
        }
        styleWrap = xfs.map { $0.child("alignment")?.attributes["wrapText"] == "1" }
        let fills = styles.child("fills")?.children("fill") ?? [], borders = styles.child("borders")?.children("border") ?? []
        let formats = styleFormats
        styleLooks = xfs.enumerated().map { index, xf in
            func part(_ list: [XMLTree], _ key: String) -> String { list[Int(xf.attributes[key] ?? "0")!].canonical }
            return [formats[index], part(fonts, "fontId"), part(fills, "fillId"), part(borders, "borderId"), xf.child("alignment")?.canonical ?? "",
                    xf.child("protection")?.canonical ?? ""].joined(separator: "|")
        }
        differentialLooks = (styles.child("dxfs")?.children("dxf") ?? []).map(\.canonical)
    }

    func sheet(_ name: String) throws -> XLSXSheet {
        guard let path = sheetPaths[name] else { throw XLSXReadError(message: "no sheet '\(name)'; sheets: \(sheetNames)") }
        let tree = try XLSXFile.tree(archive, path)
        var cells: [String: XLSXCell] = [:]
        for c in tree.descendants("c") {
            let style = Int(c.attributes["s"] ?? "0")!
            var value = c.child("v")?.text
            let type = c.attributes["t"]
            if type == "s", let index = value.flatMap(Int.init) { value = sharedStrings[index] }
            // Inline strings (constant-memory mode) and shared strings are both plain text cells.
            if type == "inlineStr", let inline = c.child("is") { value = XLSXFile.unescape(inline.allText) }
            cells[c.attributes["r"]!] = XLSXCell(
                value: value, type: type == "inlineStr" ? "s" : (type ?? "n"), formula: c.child("f")?.text,
                numberFormat: styleFormats[style], bold: styleBold[style], wrap: styleWrap[style], look: styleLooks[style])
        }
        return XLSXSheet(name: name, cells: cells, tree: tree)
    }

    /// Decodes OOXML's `_xHHHH_` escapes (control characters such as CR in strings).
    static func unescape(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: "_x") {
            result += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            if after.count >= 5, after.dropFirst(4).first == "_", let code = UInt32(after.prefix(4), radix: 16), let scalar = Unicode.Scalar(code) {
                result.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                result += "_x"
                rest = after
            }
        }
        return result + rest
    }

    private static func tree(_ archive: Archive, _ path: String) throws -> XMLTree {
        guard let entry = archive[path] else { throw XLSXReadError(message: "the workbook has no part \(path)") }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return try XMLTree.parse(data)
    }

    static let builtinFormats: [Int: String] = [
        0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 49: "@",
    ]
}

/// One cell as stored in the sheet XML.
struct XLSXCell: Equatable {
    /// The stored value (shared strings resolved); for formulas, the cached result.
    var value: String?
    /// `n` number, `s` shared string, `str` formula string result, `b` boolean, `e` error.
    var type: String
    var formula: String?
    var numberFormat: String
    var bold: Bool
    var wrap: Bool

    /// The cell's style as a reader sees it (see ``XLSXFile/styleLooks``).
    var look = ""

    /// Whether the cell is locked when its sheet is protected (Excel's default, unless its
    /// style says `<protection locked="0"/>`).
    var locked: Bool { !look.contains("<protection locked=0>") }

    var number: Double? { type == "n" ? value.flatMap(Double.init) : nil }
    var text: String? { type == "s" || type == "str" || type == "inlineStr" ? value : nil }
}

/// A worksheet's cells and settings.
struct XLSXSheet {
    let name: String
    let cells: [String: XLSXCell]
    let tree: XMLTree

    subscript(_ address: String) -> XLSXCell? { cells[address] }

    var mergedRanges: [String] { tree.descendants("mergeCell").compactMap { $0.attributes["ref"] }.sorted() }
    var pane: [String: String]? { tree.descendants("pane").first?.attributes }
    var pageSetup: [String: String] { tree.descendants("pageSetup").first?.attributes ?? [:] }
    var fitToPage: Bool { tree.descendants("pageSetUpPr").first?.attributes["fitToPage"] == "1" }
    var footer: String? { tree.descendants("oddFooter").first?.text }
    /// Manual page breaks between rows: each page's first row (1-based) after the first page.
    var rowBreaks: [Int] { tree.descendants("rowBreaks").first?.descendants("brk").compactMap { $0.attributes["id"].flatMap(Int.init) }.map { $0 + 1 } ?? [] }
    var columns: [XMLTree] { tree.descendants("col") }

    /// Row height in points, if set.
    func rowHeight(_ row: Int) -> Double? {
        tree.descendants("row").first { $0.attributes["r"] == String(row) }?.attributes["ht"].flatMap(Double.init)
    }
}

/// Any XML part of an .xlsx, for checks beyond cells (charts, relationships).
enum XLSXPart {
    static func tree(_ url: URL, _ path: String) throws -> XMLTree {
        let archive = try Archive(url: url, accessMode: .read)
        guard let entry = archive[path] else { throw XLSXReadError(message: "the workbook has no part \(path)") }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return try XMLTree.parse(data)
    }
}

extension XLSXPart {
    /// The paths of the parts whose path starts with `prefix` (`xl/charts/`), sorted.
    static func paths(_ url: URL, under prefix: String) throws -> [String] {
        try Archive(url: url, accessMode: .read).map(\.path).filter { $0.hasPrefix(prefix) }.sorted()
    }
}
