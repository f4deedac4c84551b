import AppendixDefinition
import AppendixRender
import Foundation

extension ReportBuild {
    /// Builds the workbook and returns its bytes (for a web response, say) instead of leaving a
    /// file: it is built as ``run(output:mode:)`` builds it, in a new folder of the system's
    /// temporary folder, read back and removed with its folder, whether or not the build
    /// succeeds. Throws what ``run(output:mode:)`` throws.
    public func buildData(mode: BuildMode = .auto) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("appendix-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        } catch {
            throw RenderError(file: folder.path, message: "cannot create a temporary folder for the workbook (\(error.localizedDescription))")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("workbook.xlsx")
        try run(output: output, mode: mode)
        do {
            return try Data(contentsOf: output)
        } catch {
            throw RenderError(file: output.path, message: "cannot read the workbook back (\(error.localizedDescription))")
        }
    }
}
