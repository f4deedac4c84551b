/// Reads a worksheet part's cells (values, formulas), merged ranges and relationship ids as it is
/// parsed, without keeping its elements.
package final class SheetReader: XMLEventHandler {
    private let sharedStrings: [String]
    package private(set) var cells: [CellAddress: SheetCell] = [:]
    package private(set) var merges: [CellRange] = []
    /// `r:id`s of `tablePart` elements and of the `drawing` element.
    package private(set) var tableIds: [String] = []
    package private(set) var drawingId: String?

    private var row = -1
    private var column = -1
    private var cell: (address: CellAddress, type: String, style: Int)?
    private var value = ""
    private var formula: PendingFormula?
    private var collecting = Collecting.nothing
    /// The first cell of each shared formula (`si`), whose text the others share.
    private var sharedFormulas: [String: CellFormula] = [:]

    package init(sharedStrings: [String]) { self.sharedStrings = sharedStrings }

    package func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "row":
            row = attributes["r"].flatMap { Int($0) }.map { $0 - 1 } ?? row + 1
            column = -1
        case "c":
            let address = attributes["r"].flatMap { CellAddress(a1: Substring($0)) } ?? CellAddress(row: max(row, 0), column: column + 1)
            column = address.column
            cell = (address, attributes["t"] ?? "n", attributes["s"].flatMap { Int($0) } ?? 0)
            value = ""
            formula = nil
        case "v" where cell != nil, "t" where cell != nil: collecting = .value
        case "f" where cell != nil:
            formula = PendingFormula(text: "", shared: attributes["t"] == "shared" ? attributes["si"] : nil)
            collecting = .formula
        case "mergeCell": if let range = attributes["ref"].flatMap(CellRange.init(a1:)) { merges.append(range) }
        case "tablePart": if let id = attributes["id"] { tableIds.append(id) }
        case "drawing": drawingId = attributes["id"]
        default: break
        }
    }

    package func end(_ name: String) {
        switch name {
        case "v", "t", "f": collecting = .nothing
        case "c":
            if let cell {
                var read = resolve(cell.type, cell.style)
                read.formula = formula.flatMap { resolveFormula($0, at: cell.address) }
                cells[cell.address] = read
            }
            cell = nil
        default: break
        }
    }

    package func text(_ text: String) {
        switch collecting {
        case .value: value += text
        case .formula: formula?.text += text
        case .nothing: break
        }
    }

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

    /// A formula's text where it was written: a shared formula's first cell keeps its text for
    /// the others (`<f t="shared" si="0"/>`), which take it with that cell as their origin.
    private func resolveFormula(_ pending: PendingFormula, at address: CellAddress) -> CellFormula? {
        guard let index = pending.shared else { return CellFormula(text: pending.text, origin: address) }
        if !pending.text.isEmpty {
            let master = CellFormula(text: pending.text, origin: address)
            sharedFormulas[index] = master
            return master
        }
        return sharedFormulas[index]
    }

    private enum Collecting { case nothing, value, formula }

    private struct PendingFormula {
        var text: String
        var shared: String?
    }
}

/// A cell's value as a reader sees it, its formula and its style.
package struct SheetCell: Sendable, Equatable {
    package enum Kind: Sendable, Equatable { case text, number, boolean, error }
    package var kind: Kind
    /// The text (shared, inline or a formula's string), or the number as stored.
    package var text: String
    /// Index into the workbook's `cellXfs`; 0 when not given.
    package var style: Int
    /// The formula, when the cell holds one.
    package var formula: CellFormula?

    package init(kind: Kind, text: String, style: Int, formula: CellFormula? = nil) {
        self.kind = kind
        self.text = text
        self.style = style
        self.formula = formula
    }

    /// Whether the cell shows nothing but white space (a formula whose result is blank included).
    package var isEmpty: Bool { text.allSatisfy(\.isWhitespace) }
}

/// A formula as the sheet stores it (without `=`), with the cell its references are relative
/// to: the cell itself, or for a shared formula the first cell that shares it.
package struct CellFormula: Sendable, Equatable {
    package var text: String
    package var origin: CellAddress
}
