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

    public init(folder: URL) {
        self.folder = folder
    }

    /// A failure of the outside tools.
    public struct ToolError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Writes `<name>-<n>-<sheet>.png` for each sheet of `layout` (and `<name>.pdf` when
    /// `pdf` is set); returns the files written.
    public func render(_ layout: WorkbookLayout, name: String, pdf: Bool) throws -> [URL] {
        for tool in ["soffice", "pdftoppm"] where WorkbookPreview.find(tool) == nil {
            throw ToolError(description: "\(tool) is not installed (make preview installs LibreOffice and poppler-utils)")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("appendix-preview-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        // One workbook per sheet, so each sheet's first page is the first page of its PDF.
        var inputs: [URL] = []
        for (index, sheet) in layout.sheets.enumerated() {
            let url = work.appendingPathComponent("\(index + 1).xlsx")
            try WorkbookRenderer().write(WorkbookLayout(sheets: [sheet]), to: url)
            inputs.append(url)
        }
        if pdf {
            let whole = work.appendingPathComponent("\(name).xlsx")
            try WorkbookRenderer().write(layout, to: whole)
            inputs.append(whole)
        }
        let profile = work.appendingPathComponent("profile")
        try run("soffice", ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--convert-to", "pdf", "--outdir", work.path] + inputs.map(\.path))
        var written: [URL] = []
        for (index, sheet) in layout.sheets.enumerated() {
            let pdfFile = work.appendingPathComponent("\(index + 1).pdf")
            let stem = folder.appendingPathComponent("\(name)-\(index + 1)-\(BatchBuild.fileNameSafe(sheet.name))")
            try run("pdftoppm", ["-png", "-r", String(resolution), "-f", "1", "-l", "1", "-singlefile", pdfFile.path, stem.path])
            written.append(stem.appendingPathExtension("png"))
        }
        if pdf {
            let target = folder.appendingPathComponent("\(name).pdf")
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: work.appendingPathComponent("\(name).pdf"), to: target)
            written.append(target)
        }
        return written
    }

    private func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = WorkbookPreview.find(tool)
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolError(description: "\(tool) failed (status \(process.terminationStatus)): \(String(decoding: message, as: UTF8.self).split(separator: "\n").last ?? "")")
        }
    }

    static func find(_ tool: String) -> URL? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { URL(fileURLWithPath: String($0)).appendingPathComponent(tool) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
