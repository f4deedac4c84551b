import AppendixDefinition
import AppendixLayout
import AppendixRender
import Foundation

/// The workbooks of a preview, written in one pass of the layout: each sheet to a workbook of
/// its own (`1.xlsx`, `2.xlsx`, … in `folder`, so its first page is the first page of its PDF)
/// and, when `whole` is given, every sheet to that workbook too (for the PDF of the whole).
final class PreviewWorkbooks: WorkbookSink {
    private let folder: URL
    private let constantMemory: Bool
    private let whole: WorkbookWriter?
    private var single: [WorkbookWriter] = []
    /// Each sheet's position in the whole workbook.
    private var wholePositions: [Int] = []
    private(set) var sheetNames: [String] = []

    init(folder: URL, constantMemory: Bool, whole: URL?, properties: DocumentProperties) throws {
        self.folder = folder
        self.constantMemory = constantMemory
        self.whole = try whole.map { try WorkbookWriter(url: $0, constantMemory: constantMemory) }
        if !properties.isEmpty { try self.whole?.setProperties(properties) }
    }

    /// The one-sheet workbooks, in sheet order.
    var sheetFiles: [URL] { sheetNames.indices.map(sheetFile) }

    private func sheetFile(_ index: Int) -> URL { folder.appendingPathComponent("\(index + 1).xlsx") }

    func addSheet(name: String) throws -> Int {
        let writer = try WorkbookWriter(url: sheetFile(single.count), constantMemory: constantMemory)
        _ = try writer.addSheet(name: name)
        single.append(writer)
        sheetNames.append(name)
        if let whole { wholePositions.append(try whole.addSheet(name: name)) }
        return single.count - 1
    }

    func setColumns(_ columns: [ColumnLayout], of sheet: Int) throws {
        try single[sheet].setColumns(columns, of: 0)
        try whole?.setColumns(columns, of: wholePositions[sheet])
    }

    func write(_ rows: [LayoutRow], to sheet: Int) throws {
        for row in rows { try write(row, to: sheet) }
    }

    func write(_ row: LayoutRow, to sheet: Int) throws {
        try single[sheet].write(row, to: 0)
        try whole?.write(row, to: wholePositions[sheet])
    }

    func finish(_ sheet: Int, settings: SheetSettings) throws {
        try single[sheet].finish(0, settings: settings)
        try whole?.finish(wholePositions[sheet], settings: settings)
    }

    /// Closes every workbook (each checked and moved into place).
    func close() throws {
        for writer in single { try writer.close() }
        try whole?.close()
    }
}
