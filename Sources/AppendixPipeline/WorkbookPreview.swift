import AppendixData
import AppendixDefinition
import AppendixLayout
import AppendixRender
import Foundation

/// Renders the printed pages of each sheet of a workbook to PNG (and optionally the whole
/// workbook to PDF) with LibreOffice headless and pdftoppm, so a person can look at an appendix
/// without opening Excel.
public struct WorkbookPreview: Sendable {
    /// Which printed pages of each sheet are pictured.
    public enum Pages: String, Sendable, CaseIterable {
        /// Every page (a sheet of one page gives one picture).
        case all
        /// Only the first page.
        case first
    }

    /// Where the pictures go.
    public var folder: URL
    /// Pixels per inch of the pictures.
    public var resolution = 80
    /// Which pages of each sheet are pictured.
    public var pages = Pages.all

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
    /// `<name>-<sheet>-p<n>.png`, the printed pages of each sheet (``pages``), and `<name>.pdf`,
    /// the whole workbook, when `pdf` is set; returns the files written.
    public func render(_ build: ReportBuild, mode: BuildMode, name: String, pdf: Bool) throws -> [URL] {
        for tool in ["soffice", "pdftoppm", "pdfinfo"] where WorkbookPreview.find(tool) == nil {
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
        let workbooks = try PreviewWorkbooks(folder: work, constantMemory: streaming, whole: whole, properties: definition.documentProperties)
        _ = try build.layOut(definition, tables: tables, into: workbooks, spillFolder: work)
        try workbooks.close()
        let profile = work.appendingPathComponent("profile")
        try run("soffice", ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--convert-to", "pdf", "--outdir", work.path]
                + (workbooks.sheetFiles + [whole].compactMap { $0 }).map(\.path))
        var written: [URL] = []
        for (index, sheet) in Self.sheetFileNames(workbooks.sheetNames).enumerated() {
            written += try pictures(of: work.appendingPathComponent("\(index + 1).pdf"), stem: "\(name)-\(sheet)")
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

    /// `<stem>-p<n>.png` for the pages of `pdfFile` that ``pages`` asks for.
    private func pictures(of pdfFile: URL, stem: String) throws -> [URL] {
        let count = pages == .first ? 1 : try pageCount(pdfFile)
        return try (1...max(count, 1)).map { page in
            let target = folder.appendingPathComponent("\(stem)-p\(page)")
            try run("pdftoppm", ["-png", "-r", String(resolution), "-f", String(page), "-l", String(page), "-singlefile", pdfFile.path, target.path])
            return target.appendingPathExtension("png")
        }
    }

    /// The number of pages of `pdfFile`, from pdfinfo's `Pages:` line.
    private func pageCount(_ pdfFile: URL) throws -> Int {
        let report = String(decoding: try run("pdfinfo", [pdfFile.path]), as: UTF8.self)
        let line = report.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        guard let count = line.flatMap({ Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }) else {
            throw ToolError(tool: "pdfinfo", message: "gave no page count for \(pdfFile.lastPathComponent)")
        }
        return count
    }

    /// Each sheet's name as it goes in a file name (``BatchBuild/fileNameSafe(_:)``); a name
    /// that two sheets would share gets the sheet's position after it (`Fees-2`).
    static func sheetFileNames(_ sheets: [String]) -> [String] {
        let safe = sheets.map(BatchBuild.fileNameSafe)
        return safe.enumerated().map { index, name in
            safe.filter { $0.lowercased() == name.lowercased() }.count > 1 ? "\(name)-\(index + 1)" : name
        }
    }

    private static func createFolder(_ url: URL) throws(RenderError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw RenderError(file: url.relativeDisplayPath, message: "cannot create the folder: \(error.localizedDescription)")
        }
    }

    /// Runs `tool` and returns what it printed on standard output.
    @discardableResult
    private func run(_ tool: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = WorkbookPreview.find(tool)
        process.arguments = arguments
        let errors = Pipe(), output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw ToolError(tool: tool, message: "could not be started: \(error.localizedDescription)")
        }
        // Standard output is read on another thread so neither pipe fills while the other is read.
        let printed = PipeReader(output.fileHandleForReading)
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolError(tool: tool, message: "failed (status \(process.terminationStatus)): \(String(decoding: message, as: UTF8.self).split(separator: "\n").last ?? "")")
        }
        return printed.data()
    }

    static func find(_ tool: String) -> URL? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { URL(fileURLWithPath: String($0)).appendingPathComponent(tool) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the reading thread before `done` is signalled, read only after waiting on it.
    private var result = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            result = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func data() -> Data {
        done.wait()
        return result
    }
}
