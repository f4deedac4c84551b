import AppendixData
import AppendixDefinition
import AppendixLayout
import AppendixRender
import Foundation

/// Renders the first printed page of each sheet of a workbook to PNG (and optionally the whole
/// workbook to PDF) with LibreOffice headless and pdftoppm, so a person can look at an appendix
/// without opening Excel.
public struct WorkbookPreview: Sendable {
    /// Where the pictures go.
    public var folder: URL
    /// Pixels per inch of the pictures.
    public var resolution = 60

    /// Previews written into `folder`.
    public init(folder: URL) {
        self.folder = folder
    }

    /// A failure of the outside tools: `soffice is not installed (…)`.
    public struct ToolError: AppendixError {
        /// The tool (``/AppendixData/AppendixError/file``): `soffice` or `pdftoppm`.
        public var tool: String
        /// What went wrong, after the tool's name.
        public var message: String

        public var file: String { tool }
        public var description: String { "\(tool) \(message)" }
    }

    /// Builds `build` as a build in `mode` would (streaming keeps memory bounded) and writes
    /// `<name>-<n>-<sheet>.png`, the first printed page of each sheet (and `<name>.pdf`, the
    /// whole workbook, when `pdf` is set); returns the files written.
    public func render(_ build: ReportBuild, mode: BuildMode, name: String, pdf: Bool) throws -> [URL] {
        for tool in ["soffice", "pdftoppm"] where WorkbookPreview.find(tool) == nil {
            throw ToolError(tool: tool, message: "is not installed (make preview installs LibreOffice and poppler-utils)")
        }
        let definition = try build.loadDefinition()
        let streaming = try build.streams(definition, mode: mode)
        let tables = try build.heldTables(definition, streaming: streaming)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("appendix-preview-\(UUID().uuidString)")
        try Self.createFolder(work)
        defer { try? FileManager.default.removeItem(at: work) }
        try Self.createFolder(folder)

        // One workbook per sheet, so each sheet's first page is the first page of its PDF.
        let whole = pdf ? work.appendingPathComponent("\(name).xlsx") : nil
        let workbooks = try PreviewWorkbooks(folder: work, constantMemory: streaming, whole: whole, title: definition.title)
        _ = try build.layOut(definition, tables: tables, into: workbooks, spillFolder: work)
        try workbooks.close()
        let profile = work.appendingPathComponent("profile")
        try run("soffice", ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--convert-to", "pdf", "--outdir", work.path]
                + (workbooks.sheetFiles + [whole].compactMap { $0 }).map(\.path))
        var written: [URL] = []
        for (index, sheet) in workbooks.sheetNames.enumerated() {
            let pdfFile = work.appendingPathComponent("\(index + 1).pdf")
            let stem = folder.appendingPathComponent("\(name)-\(index + 1)-\(BatchBuild.fileNameSafe(sheet))")
            try run("pdftoppm", ["-png", "-r", String(resolution), "-f", "1", "-l", "1", "-singlefile", pdfFile.path, stem.path])
            written.append(stem.appendingPathExtension("png"))
        }
        if pdf {
            let target = folder.appendingPathComponent("\(name).pdf")
            try? FileManager.default.removeItem(at: target)
            do {
                try FileManager.default.moveItem(at: work.appendingPathComponent("\(name).pdf"), to: target)
            } catch {
                throw RenderError(file: target.relativeDisplayPath, message: "cannot write the PDF: \(error.localizedDescription)")
            }
            written.append(target)
        }
        return written
    }

    private static func createFolder(_ url: URL) throws(RenderError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw RenderError(file: url.relativeDisplayPath, message: "cannot create the folder: \(error.localizedDescription)")
        }
    }

    private func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = WorkbookPreview.find(tool)
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw ToolError(tool: tool, message: "could not be started: \(error.localizedDescription)")
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolError(tool: tool, message: "failed (status \(process.terminationStatus)): \(String(decoding: message, as: UTF8.self).split(separator: "\n").last ?? "")")
        }
    }

    static func find(_ tool: String) -> URL? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { URL(fileURLWithPath: String($0)).appendingPathComponent(tool) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
