import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixPipeline

/// Issue #15 item 10: `preview` pictures every printed page (`NAME-SHEET-pN.png`), and the
/// README's pictures are files that exist.
@Suite("Previews")
struct PreviewTests {
    /// Every relative link in README.md to a picture (and every link into docs/previews/)
    /// names a file of the repository.
    @Test func everyReadmeImageLinkResolves() throws {
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent("README.md"), encoding: .utf8)
        let targets = text.components(separatedBy: "](").dropFirst().compactMap { $0.split(separator: ")", maxSplits: 1).first.map(String.init) }
        let pictures = targets.filter { target in
            !target.contains("://") && ([".png", ".jpg", ".svg", ".pdf"].contains { target.lowercased().hasSuffix($0) } || target.hasPrefix("docs/previews/"))
        }
        #expect(pictures.count >= 5)
        for target in pictures {
            #expect(FileManager.default.fileExists(atPath: TestFiles.root.appendingPathComponent(target).path), "README links to \(target), which does not exist")
        }
    }

    /// Every picture in docs/previews is named `TEMPLATE-SHEET-pN.png` after a shipped template.
    @Test func previewFolderHoldsOnlyCurrentNames() throws {
        let folder = TestFiles.root.appendingPathComponent("docs/previews")
        let templates = ModeParityTests.templates
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }
        #expect(!names.isEmpty)
        for name in names {
            let page = name.range(of: #"-p[0-9]+\.png$"#, options: .regularExpression)
            #expect(page != nil && templates.contains { name.hasPrefix("\($0)-") }, "\(name) is not TEMPLATE-SHEET-pN.png")
        }
    }

    @Test func sheetsWhoseFileNamesWouldCollideGetTheirPosition() {
        #expect(WorkbookPreview.sheetFileNames(["Fees 2019-20", "Benchmarking"]) == ["Fees-2019-20", "Benchmarking"])
        #expect(WorkbookPreview.sheetFileNames(["Fees 2019", "Fees-2019", "Other"]) == ["Fees-2019-1", "Fees-2019-2", "Other"])
    }

    /// With LibreOffice: a sheet of several printed pages gives a picture per page, named
    /// `NAME-SHEET-pN.png`; `--pages first` gives page 1 only; the resolution is as asked.
    @Test(.enabled(if: WorkbookPreview.find("soffice") != nil && WorkbookPreview.find("pdfinfo") != nil))
    func everyPageIsPictured() throws {
        let folder = try TestFiles.scratchFolder()
        let build = ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/registrar-fees.yaml"),
                                dataDirectory: TestFiles.root.appendingPathComponent("SampleData"))
        var preview = WorkbookPreview(folder: folder)
        preview.resolution = 40
        let files = try preview.render(build, mode: .memory, name: "rf", pdf: false).map(\.lastPathComponent)
        // 76 comparator rows print on at least two A4 pages.
        #expect(files.filter { $0.hasPrefix("rf-Benchmarking-p") }.count >= 2, "\(files)")
        #expect(files.contains("rf-Fees-2019-20-p1.png") && files.contains("rf-Benchmarking-p2.png"))
        let pageOne = try Data(contentsOf: folder.appendingPathComponent("rf-Fees-2019-20-p1.png"))
        // PNG width, big-endian at byte 16: A4 landscape is 11.69 in wide, 468 pixels at 40 per inch.
        let width = pageOne[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect((460...475).contains(width), "width \(width)")
        preview.pages = .first
        let first = try preview.render(build, mode: .streaming, name: "one", pdf: false).map(\.lastPathComponent)
        #expect(first == ["one-Fees-2019-20-p1.png", "one-Benchmarking-p1.png"])
    }
}
