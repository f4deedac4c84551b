import AppendixData
import Foundation
import HummingbirdTesting
import Testing

@testable import AppendixWeb

/// The fee import page: a review workbook built by the library and edited in its sheet XML (as
/// FeeImportTests edits it), uploaded → the change log on the page and next year's table to
/// download; a tampered workbook → the refusal naming the cell, 422; no CSRF token → 403.
@Suite(.serialized) struct WebFeeImportTests {
    static let seedURL = TestFiles.root.appendingPathComponent("SampleData/registrar-fees-2019-20.csv")

    /// The review workbook with RF01 typed as text `£1,234.50` and RF02 as 170.
    static func editedWorkbook() throws -> [UInt8] {
        let url = try FeeImportTests.edited(FeeImportTests.built(), [
            ("<c r=\"E5\" s=\"7\"><v>20.85</v></c>", FeeImportTests.text("E5", "£1,234.50")),
            ("<c r=\"E6\" s=\"7\"><v>165</v></c>", "<c r=\"E6\" s=\"7\"><v>170</v></c>"),
        ])
        return Array(try Data(contentsOf: url))
    }

    @Test func anEditedWorkbookGivesTheChangeLogAndNextYearsTableMergedIntoThePickedFeeTable() async throws {
        let fixture = try WebFixture()
        let workbook = try Self.editedWorkbook()
        let seed = try String(contentsOf: Self.seedURL, encoding: .utf8)
        let feesID = dataID("registrar-fees-2019-20.csv", fixture)
        let record = try await fixture.test { client in
            let fees = try await client.request("/fees")
            #expect(fees.text.contains("<a href=\"/fees/import\">"))
            let form = try await client.request("/fees/import")
            #expect(form.status == .ok)
            #expect(form.text.contains("name=\"file.workbook\""))
            let page = try await client.postMultipart("/fees/import", fields: [("pick.fees", feesID)],
                                                      files: [MultipartFile(field: "file.workbook", name: "review (edited).xlsx", bytes: workbook)])
            #expect(page.status == .ok, "\(page.text)")
            // An import's page says what happened to it: imported, not built (it was headed "Built").
            #expect(page.text.contains("<h2>Imported</h2>"))
            #expect(!page.text.contains("<h2>Built</h2>"))
            #expect(page.text.contains("<span id=\"status\">imported</span>"))
            #expect(page.text.contains("Delete this import's files"))
            #expect(page.text.contains("31 fees read from sheet &#39;Fees for review&#39;: 2 changed, 29 as built"))
            #expect(page.text.contains("<tr class=\"change\"><td>RF01</td><td>Administration fee for change of date or time</td><td>£20.85</td><td>£1,234.50</td><td>£1,213.65</td></tr>"))
            #expect(page.text.contains("<tr class=\"change\"><td>RF02</td><td>Mondays to Thursdays (before 4pm)</td><td>£165.00</td><td>£170.00</td><td>£5.00</td></tr>"))
            #expect(page.text.components(separatedBy: "<tr class=\"change\">").count == 3)
            #expect(page.downloadLinks.count == 2)
            let table = try await client.request(page.downloadLinks[0]), changeLog = try await client.request(page.downloadLinks[1])
            #expect(table.headers[.contentDisposition] == "attachment; filename=\"next-year-fees.csv\"")
            #expect(table.text == seed.replacingOccurrences(of: "change of date or time,£20.00,£20.85,", with: "change of date or time,£20.00,\"£1,234.50\",")
                .replacingOccurrences(of: "(before 4pm),£150.00,£165.00,", with: "(before 4pm),£150.00,£170.00,"))
            #expect(table.text != seed)
            #expect(changeLog.text == """
                key,description,built,typed,change
                RF01,Administration fee for change of date or time,£20.85,"£1,234.50","£1,213.65"
                RF02,Mondays to Thursdays (before 4pm),£165.00,£170.00,£5.00

                """)
            let history = try await client.request("/history")
            #expect(history.text.contains("reviewedited.xlsx <code>"))
            let records = try await fixture.server.history.records(user: nil)
            let record = try #require(records.first)
            #expect(record.outputs.map(\.sha256) == [sha256(Array(table.body.readableBytesView)), sha256(Array(changeLog.body.readableBytesView))])
            return record
        }
        #expect(record.kind == "fees-import")
        #expect(record.status == .built)
        #expect(record.inputs.map(\.name) == ["reviewedited.xlsx", "registrar-fees-2019-20.csv"])
        #expect(record.inputs.map(\.sha256) == [sha256(workbook), try SHA256.file(Self.seedURL).sha256])
    }

    @Test func withoutTheFeeTableNextYearsTableHasKeyDescriptionAndAmount() async throws {
        let fixture = try WebFixture()
        let workbook = try Self.editedWorkbook()
        try await fixture.test { client in
            let page = try await client.postMultipart("/fees/import", files: [MultipartFile(field: "file.workbook", name: "review.xlsx", bytes: workbook)])
            #expect(page.status == .ok, "\(page.text)")
            let table = try await client.request(try #require(page.downloadLinks.first))
            #expect(table.text.hasPrefix("fee_id,description,recommended_2019_20\nRF01,Administration fee for change of date or time,\"£1,234.50\"\nRF02,Mondays to Thursdays (before 4pm),£170.00\nRF03,"))
        }
    }

    @Test func aTamperedWorkbookIsRefusedNamingTheCellWithNothingToDownload() async throws {
        let fixture = try WebFixture()
        let tampered = try FeeImportTests.edited(FeeImportTests.built(), [("<f>IF(COUNT(E7,D7)&lt;2,\"N/A\",E7-D7)</f>", "<f>E7-D7+1</f>")])
        try await fixture.test { client in
            let page = try await client.postMultipart("/fees/import", files: [MultipartFile(field: "file.workbook", name: "review.xlsx", bytes: Array(try Data(contentsOf: tampered)))])
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("<tr class=\"problem\"><td>review.xlsx</td><td></td><td>sheet &#39;Fees for review&#39; cell F7</td><td></td>"
                + "<td>expected the formula =IF(COUNT(E7,D7)&lt;2,&quot;N/A&quot;,E7-D7) as built (in row 7), found =E7-D7+1; formula cells must stay as built</td></tr>"), "\(page.text)")
            #expect(page.text.contains("<a href=\"/fees/import\">try again</a>"))
            #expect(page.downloadLinks.isEmpty)
            #expect(!page.text.contains(fixture.configuration.state.path))
            let record = try #require(try await fixture.server.history.records(user: nil).first)
            #expect(record.status == .invalid)
            #expect(record.outputs.isEmpty)
        }
    }

    @Test func theImportFormWithoutTheCSRFTokenIs403AndStoresNothing() async throws {
        let fixture = try WebFixture()
        let workbook = try Self.editedWorkbook()
        try await fixture.test { client in
            let missing = try await client.postMultipart("/fees/import", token: .some(nil), files: [MultipartFile(field: "file.workbook", name: "review.xlsx", bytes: workbook)])
            #expect(missing.status == .forbidden)
            #expect(try await fixture.server.history.records(user: nil).isEmpty)
            let noWorkbook = try await client.postMultipart("/fees/import")
            #expect(noWorkbook.status == .badRequest)
            #expect(noWorkbook.text.contains("Upload the edited fee workbook (.xlsx)."))
        }
    }
}

extension MultipartFile {
    init(field: String, name: String, bytes: [UInt8]) {
        self.init(field: field, name: name, text: "")
        self.bytes = bytes
    }
}

/// The SHA-256 of bytes in hex, as the history records it.
private func sha256(_ bytes: [UInt8]) -> String {
    var hash = SHA256()
    hash.update(bytes)
    return hash.finish()
}
