import AppendixData
import Foundation
import HummingbirdTesting
import Testing

@testable import AppendixRender
@testable import AppendixWeb

/// The build flow through the routes: gallery, form, upload with a bad value, fixed upload,
/// download — the workbook the same as the command's.
@Suite struct WebBuildFlowTests {
    static let feesCSV = (try? String(contentsOf: TestFiles.root.appendingPathComponent("SampleData/registrar-fees-2019-20.csv"), encoding: .utf8)) ?? ""

    @Test func galleryListsTitleDescriptionSourcesAndPreview() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let page = try await client.request("/")
            #expect(page.status == .ok)
            #expect(page.text.contains("<a href=\"/build/registrar-fees\">Appendix D — Births, Deaths and Marriages Fees 2019/20</a>"))
            #expect(page.text.contains("Appendix D: births, deaths and marriages fees, this year against next, with benchmarking."))
            #expect(page.text.contains("<code>comparators</code>: registrar-fee-comparators-illustrative.csv"))
            #expect(page.text.contains("<img src=\"/templates/registrar-fees/preview.png\""))
            let picture = try await client.request("/templates/registrar-fees/preview.png")
            #expect(picture.status == .ok)
            #expect(Array(picture.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            #expect(try await client.request("/healthz").status == .ok)
        }
    }

    @Test func badValueIsShownWithFileLineColumnAndValueThenFixedUploadBuildsTheCommandsWorkbook() async throws {
        let fixture = try WebFixture()
        let broken = Self.feesCSV.replacingOccurrences(of: "Heritage Room,Mondays to Thursdays (before 4pm),£150.00", with: "Heritage Room,Mondays to Thursdays (before 4pm),£15O.00")
        #expect(broken != Self.feesCSV)
        let download: [UInt8] = try await fixture.test { client in
            let form = try await client.request("/build/registrar-fees-published")
            #expect(form.status == .ok)
            #expect(form.text.contains("name=\"file.fees\""))
            let invalid = try await client.postMultipart("/build", fields: [("template", "registrar-fees-published")],
                                                         files: [MultipartFile(field: "file.fees", name: "my fees.csv", text: broken)])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("<tr class=\"problem\"><td>myfees.csv</td><td>3</td><td>charge_2018_19</td><td>£15O.00</td>"), "\(invalid.text)")
            #expect(invalid.text.contains("class=\"misfit\"><td>charge_2018_19</td>"))
            #expect(!invalid.text.contains(fixture.configuration.state.path))
            #expect(invalid.downloadLinks.isEmpty)
            let built = try await client.postMultipart("/build", fields: [("template", "registrar-fees-published")],
                                                       files: [MultipartFile(field: "file.fees", name: "my fees.csv", text: Self.feesCSV)])
            #expect(built.status == .ok)
            #expect(built.text.contains("Fees 2019-20 (31 rows)"))
            #expect(built.text.contains("<h2>Built</h2>"))
            #expect(built.text.contains("<span id=\"status\">built</span>"))
            #expect(built.text.contains("Delete this build's files"))
            let link = try #require(built.downloadLinks.first)
            let file = try await client.request(link)
            #expect(file.status == .ok)
            #expect(file.headers[.contentDisposition] == "attachment; filename=\"registrar-fees-published.xlsx\"")
            return Array(file.body.readableBytesView)
        }
        let folder = try TestFiles.scratchFolder()
        let webWorkbook = try TestFiles.write(bytes: download, to: "web.xlsx", in: folder)
        // Written through Appendix's zip layer (its archive comment), as the command's are.
        #expect(try ZipLayerTests.comment(webWorkbook) == PackageZip.marker)
        try TestFiles.write(Self.feesCSV, to: "registrar-fees-2019-20.csv", in: folder)
        let cli = try TestProcess.run(TestProcess.product("appendix"),
                                      ["build", "Templates/registrar-fees-published.yaml", "--data", folder.path, "--output", folder.appendingPathComponent("cli.xlsx").path])
        #expect(cli.status == 0, "\(cli.error)")
        try WorkbookComparison.expectSame(webWorkbook, folder.appendingPathComponent("cli.xlsx"), label: "web against CLI")
    }

    @Test func pickingDataFilesByIdBuildsAndHistoryKeepsHashes() async throws {
        let fixture = try WebFixture()
        let feesID = dataID("registrar-fees-2019-20.csv", fixture), comparatorsID = dataID("registrar-fee-comparators-illustrative.csv", fixture)
        try await fixture.test { client in
            let built = try await client.postMultipart("/build", fields: [("template", "registrar-fees"), ("pick.fees", feesID), ("pick.comparators", comparatorsID)])
            #expect(built.status == .ok, "\(built.text)")
            let history = try await client.request("/history")
            #expect(history.text.contains("registrar-fees-2019-20.csv <code>"))
            let records = try await fixture.server.history.records(user: nil)
            let record = try #require(records.first)
            #expect(record.status == .built)
            #expect(record.toolVersion == "0.1.0")
            #expect(record.inputs.map(\.name).contains("registrar-fees-2019-20.csv"))
            #expect(record.inputs.first { $0.name == "registrar-fees-2019-20.csv" }?.sha256 == (try SHA256.file(TestFiles.root.appendingPathComponent("SampleData/registrar-fees-2019-20.csv"))).sha256)
            #expect(record.definitionSHA256 == (try SHA256.file(TestFiles.root.appendingPathComponent("Templates/registrar-fees.yaml"))).sha256)
            #expect(record.outputs.first?.size ?? 0 > 1000)
            // Delete: the files go, the hashes stay, the download is gone.
            let deleted = try await client.postForm("/builds/\(record.id)/delete", [])
            #expect(deleted.status == .ok)
            let after = try await fixture.server.history.record(id: record.id)
            #expect(after?.filesRemoved == true)
            #expect(after?.outputs == record.outputs)
            #expect(try await client.request("/builds/\(record.id)/files/0").status == .gone)
        }
    }

    @Test func feeFlowProposesWithReasonsAndWritesThreeFiles() async throws {
        let fixture = try WebFixture()
        let form: [(String, String)] = [
            ("pick.fees", dataID("registrar-fees-2018-19.csv", fixture)),
            ("policy", fixture.server.catalog.policies().first?.id ?? ""),
            ("pick.comparators", dataID("registrar-fee-comparators-illustrative.csv", fixture)),
            ("definition", "registrar-fees-published"),
        ]
        try await fixture.test { client in
            #expect(try await client.request("/fees").status == .ok)
            let result = try await client.postMultipart("/fees", fields: form)
            #expect(result.status == .ok, "\(result.text)")
            #expect(result.text.contains("<td>RF02</td>"))
            #expect(result.text.contains("fixed at £165.00 (line RF02); Increased in line with cost recovery"))
            #expect(result.text.contains("<strong>Flagged:</strong> below the comparator range"))
            #expect(result.text.contains("31 lines, 31 changed, 0 unchanged"))
            let links = result.downloadLinks
            #expect(links.count == 3)
            #expect(result.text.contains("Download registrar-fees-2019-20.csv"))
            #expect(result.text.contains("Download fee-changes.xlsx"))
            #expect(result.text.contains("Download registrar-fees-published.xlsx"))
            let csv = try await client.request(try #require(links.first))
            let expected = try String(contentsOf: TestFiles.root.appendingPathComponent("SampleData/registrar-fees-2019-20.csv"), encoding: .utf8)
            // Next year's table: the published 2019/20 columns, then the benchmark flag the comparators add.
            let header = try #require(expected.split(separator: "\n").first)
            #expect(csv.text.hasPrefix(header + ",benchmark_flag\n"))
            #expect(csv.text.split(separator: "\n").count == expected.split(separator: "\n").count)
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/soffice") && FileManager.default.fileExists(atPath: "/usr/bin/pdftoppm")))
    func picturesOfEveryPrintedPageAndAPDFWhenAskedFor() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let built = try await client.postMultipart("/build", fields: [("template", "registrar-fees-published"), ("pictures", "on")],
                                                       files: [MultipartFile(field: "file.fees", name: "fees.csv", text: Self.feesCSV)])
            #expect(built.status == .ok, "\(built.text)")
            #expect(built.text.contains("alt=\"Printed page: registrar-fees-published-Fees-2019-20-p1.png\""), "\(built.text)")
            #expect(built.text.contains("Download registrar-fees-published.pdf"))
            let record = try #require(try await fixture.server.history.records(user: nil).first)
            let index = try #require(record.outputs.firstIndex { $0.name.hasSuffix("-p1.png") })
            let picture = try await client.request("/builds/\(record.id)/files/\(index)")
            #expect(picture.headers[.contentType] == "image/png")
            #expect(Array(picture.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        }
    }
}
