import AppendixLayout
import Foundation

/// Writes a whole `WorkbookLayout` (held in memory) with `WorkbookWriter`, in memory mode.
package struct WorkbookRenderer: Sendable {
    package init() {}

    /// Writes `layout` to `url`, creating the folder if needed.
    /// - Throws: ``RenderError`` naming the file and the cause.
    package func write(_ layout: WorkbookLayout, to url: URL, displayName: String? = nil) throws {
        let writer = try WorkbookWriter(url: url, displayName: displayName, constantMemory: false)
        if let title = layout.title { try writer.setTitle(title) }
        let handles = try layout.sheets.map { try writer.addSheet(name: $0.name) }
        for (sheet, handle) in zip(layout.sheets, handles) {
            try writer.setColumns(sheet.columns, of: handle)
            try writer.write(sheet.rows, to: handle)
            try writer.finish(handle, settings: sheet.settings)
        }
        try writer.close()
    }
}
