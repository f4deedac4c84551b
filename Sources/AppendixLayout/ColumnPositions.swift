import AppendixDefinition

/// A sheet's column ids resolved to their positions once, for the formulas of its rows: an
/// expression names columns by id, and each name is found here without scanning the columns.
package struct ColumnPositions: Sendable {
    private let positions: [String: Int]

    /// The positions of `sheet`'s columns (the first, should two share an id).
    package init(_ sheet: SheetDefinition) {
        positions = Dictionary(sheet.columns.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    /// The positions of `ids`, in order (the first, should two be the same).
    package init(ids: [String]) {
        positions = Dictionary(ids.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    /// The position of column `id`, which names a column of the sheet.
    package func index(of id: String) -> Int {
        // Every id a sheet's expressions, header groups and summary name is one of its columns:
        // DefinitionValidator checks them when the definition loads (or is `checked()`).
        // swift-format-ignore: NeverForceUnwrap
        positions[id]!
    }
}
