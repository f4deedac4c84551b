/// Reads a worksheet part's cells, merged ranges and relationship ids as it is parsed, without
/// keeping its elements.
final class SheetReader: XMLEventHandler {
    private let sharedStrings: [String]
    var cells: [CellAddress: SheetCell] = [:]
    var merges: [CellRange] = []
    /// `r:id`s of `tablePart` elements and of the `drawing` element.
    var tableIds: [String] = []
    var drawingId: String?

    private var row = -1
    private var column = -1
    private var cell: (address: CellAddress, type: String, style: Int)?
    private var value = ""
    private var collecting = false

    init(sharedStrings: [String]) { self.sharedStrings = sharedStrings }

    func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "row":
            row = attributes["r"].flatMap { Int($0) }.map { $0 - 1 } ?? row + 1
            column = -1
        case "c":
            let address = attributes["r"].flatMap { CellAddress(a1: Substring($0)) } ?? CellAddress(row: max(row, 0), column: column + 1)
            column = address.column
            cell = (address, attributes["t"] ?? "n", attributes["s"].flatMap { Int($0) } ?? 0)
            value = ""
        case "v" where cell != nil, "t" where cell != nil: collecting = true
        case "mergeCell": if let range = attributes["ref"].flatMap(CellRange.init(a1:)) { merges.append(range) }
        case "tablePart": if let id = attributes["id"] { tableIds.append(id) }
        case "drawing": drawingId = attributes["id"]
        default: break
        }
    }

    func end(_ name: String) {
        switch name {
        case "v", "t": collecting = false
        case "c":
            if let cell { cells[cell.address] = resolve(cell.type, cell.style) }
            cell = nil
        default: break
        }
    }

    func text(_ text: String) { if collecting { value += text } }

    /// The cell's kind and text from its type and collected value.
    private func resolve(_ type: String, _ style: Int) -> SheetCell {
        switch type {
        case "s":
            let index = Int(value) ?? -1
            return SheetCell(kind: .text, text: sharedStrings.indices.contains(index) ? sharedStrings[index] : "", style: style)
        case "str", "inlineStr": return SheetCell(kind: .text, text: value, style: style)
        case "b": return SheetCell(kind: .boolean, text: value, style: style)
        case "e": return SheetCell(kind: .error, text: value, style: style)
        default: return SheetCell(kind: .number, text: value, style: style)
        }
    }
}
