import Foundation
import Testing
@testable import AppendixLayout
@testable import AppendixRender

/// The writer's life cycle: libxlsxwriter frees the workbook and its sheets in `workbook_close`,
/// so a second close, or any call after close, must not reach the library again.
@Suite("Workbook writer life cycle")
struct WorkbookWriterTests {
    static let closedMessage = "the workbook is already closed"

    @Test(arguments: [true, false])
    func closingTwiceWritesOneWorkbookAndLaterCallsThrow(constantMemory: Bool) throws {
        let folder = try TestFiles.scratchFolder()
        let url = folder.appendingPathComponent("twice.xlsx")
        let writer = try WorkbookWriter(url: url, displayName: "twice.xlsx", constantMemory: constantMemory)
        let sheet = try writer.addSheet(name: "S")
        try writer.write(LayoutRow(index: 0, cells: [LayoutCell(row: 0, column: 0, content: .number(7), style: CellStyle())]), to: sheet)
        try writer.finish(sheet, settings: SheetSettings())
        try writer.close()
        try writer.close()
        #expect(try XLSXFile(url: url).sheet("S")["A1"]?.number == 7)

        let closed = RenderError(file: "twice.xlsx", message: Self.closedMessage)
        #expect(throws: closed) { try writer.setTitle("T") }
        #expect(throws: closed) { _ = try writer.addSheet(name: "Late") }
        #expect(throws: closed) { try writer.setColumns([ColumnLayout(width: 10, hidden: false)], of: sheet) }
        #expect(throws: closed) { try writer.write([LayoutRow(index: 1)], to: sheet) }
        #expect(throws: closed) { try writer.finish(sheet, settings: SheetSettings()) }
        // The workbook is as the first close left it, and nothing else is in the folder.
        #expect(try XLSXFile(url: url).sheetNames == ["S"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["twice.xlsx"])
    }

    /// A close that fails (the target became a folder) has still closed the workbook: the
    /// second close does nothing and the temporary file is gone.
    @Test(arguments: [true, false])
    func closingAgainAfterAFailedCloseDoesNothing(constantMemory: Bool) throws {
        let folder = try TestFiles.scratchFolder()
        let url = folder.appendingPathComponent("out.xlsx")
        let writer = try WorkbookWriter(url: url, displayName: "out.xlsx", constantMemory: constantMemory)
        let sheet = try writer.addSheet(name: "S")
        try writer.finish(sheet, settings: SheetSettings())
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        #expect(throws: RenderError.self) { try writer.close() }
        try writer.close()
        #expect(throws: RenderError(file: "out.xlsx", message: Self.closedMessage)) { _ = try writer.addSheet(name: "Late") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.xlsx"])
    }
}
