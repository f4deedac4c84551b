import Foundation
import Testing

/// Two workbooks the same to a reader, read back from their XML: cells (value, type, formula,
/// number format, font, fill, border, alignment), merges, row heights, column widths, print
/// set-up, panes, conditional formats, defined names and charts with their cached values.
/// Shared and inline strings count as the same text.
enum WorkbookComparison {
    static func expectSame(_ first: URL, _ second: URL, label: String) throws {
        let a = try XLSXFile(url: first), b = try XLSXFile(url: second)
        #expect(a.sheetNames == b.sheetNames, "\(label)")
        #expect(a.definedNames == b.definedNames, "\(label)")
        for name in a.sheetNames {
            let x = try a.sheet(name), y = try b.sheet(name)
            #expect(x.cells == y.cells, "\(label) '\(name)': \(firstDifference(x.cells, y.cells))")
            for part in ["mergeCell", "row", "col", "pageSetup", "pageSetUpPr", "printOptions", "headerFooter", "pane", "selection", "pageMargins", "brk"] {
                #expect(x.tree.descendants(part).map { look($0) } == y.tree.descendants(part).map { look($0) }, "\(label) '\(name)' <\(part)>")
            }
            let rules = { (file: XLSXFile, sheet: XLSXSheet) in
                sheet.tree.descendants("conditionalFormatting").map { area in
                    area.canonical + area.descendants("cfRule").map { file.differentialLooks[Int($0.attributes["dxfId"] ?? "0")!] }.joined()
                }
            }
            #expect(rules(a, x) == rules(b, y), "\(label) '\(name)' conditional formats")
        }
        // Charts, with their cached values (issue #15: memory mode cached 0s, streaming none).
        let charts = try XLSXPart.paths(first, under: "xl/charts/")
        #expect(charts == (try XLSXPart.paths(second, under: "xl/charts/")), "\(label) charts")
        for part in charts {
            #expect(try XLSXPart.tree(first, part).canonical == XLSXPart.tree(second, part).canonical, "\(label) \(part)")
        }
    }

    /// An element without the attributes only one mode writes (`spans`, an optimisation hint).
    private static func look(_ element: XMLTree) -> String {
        element.name == "row" ? "r=\(element.attributes["r"] ?? "") ht=\(element.attributes["ht"] ?? "") custom=\(element.attributes["customHeight"] ?? "")" : element.canonical
    }

    private static func firstDifference(_ a: [String: XLSXCell], _ b: [String: XLSXCell]) -> String {
        for key in Set(a.keys).union(b.keys).sorted() where a[key] != b[key] {
            return "\(key): \(a[key].map { "\($0)" } ?? "none") vs \(b[key].map { "\($0)" } ?? "none")"
        }
        return "none"
    }
}
