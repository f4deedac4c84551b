import Foundation
import HummingbirdTesting
import Testing

@testable import AppendixWeb

/// The "from the data folder, or upload a CSV file" fieldset, one partial (`dataFilePicker`) on
/// every form that has it: the build form (one per source, in the definition's order), the fee
/// form and the fee import form, each with its legend, first choice and selected file.
@Suite struct WebFormTests {
    @Test func everyFormRendersTheSameDataFilePicker() async throws {
        let fixture = try WebFixture()
        let feesID = dataID("registrar-fees-2019-20.csv", fixture), comparatorsID = dataID("registrar-fee-comparators-illustrative.csv", fixture)
        let lastYearID = dataID("registrar-fees-2018-19.csv", fixture)
        let count = fixture.server.catalog.dataFiles().count
        try await fixture.test { client in
            let build = try await client.request("/build/registrar-fees").text
            #expect(build.contains("""
                <fieldset>
                <legend>Source <code>fees</code> (the definition reads registrar-fees-2019-20.csv)</legend>
                <label for="pick-0">From the data folder</label>
                <select id="pick-0" name="pick.fees">
                <option value="">None: I upload a file</option>
                """))
            #expect(build.contains("<legend>Source <code>comparators</code> (the definition reads registrar-fee-comparators-illustrative.csv)</legend>"))
            #expect(build.contains("<option value=\"\(feesID)\" selected>registrar-fees-2019-20.csv</option>"))
            #expect(build.contains("<option value=\"\(comparatorsID)\" selected>registrar-fee-comparators-illustrative.csv</option>"))
            // Three sources (fees, comparators, controls), each with its file selected.
            #expect(build.components(separatedBy: " selected>").count == 1 + 3)
            #expect(build.components(separatedBy: "<option value=\"").count == 1 + 3 * (count + 1))
            #expect(build.contains("""
                <label for="file-1">Or upload a CSV file (used instead)</label>
                <input type="file" id="file-1" name="file.comparators" accept=".csv,text/csv">
                </fieldset>
                """))

            let fees = try await client.request("/fees").text
            #expect(fees.contains("""
                <fieldset>
                <legend>This year&#39;s fee table</legend>
                <label for="pick-fees">From the data folder</label>
                <select id="pick-fees" name="pick.fees">
                <option value="">None: I upload a file</option>
                """))
            #expect(fees.contains("<option value=\"\(lastYearID)\" selected>registrar-fees-2018-19.csv</option>"))
            #expect(fees.contains("<input type=\"file\" id=\"file-fees\" name=\"file.fees\" accept=\".csv,text/csv\">"))

            let feeImport = try await client.request("/fees/import").text
            #expect(feeImport.contains("""
                <legend>The fee table it was built from (optional)</legend>
                <p>Give it to get that table back with the typed amounts in its amount column, every other column as it is, \
                so the same definition builds it again. Without it, next year&#39;s table has the key, description and amount only.</p>
                <label for="pick-fees">From the data folder</label>
                <select id="pick-fees" name="pick.fees">
                <option value="">None</option>
                """))
            #expect(!feeImport.contains(" selected>"))
            #expect(feeImport.contains("<input type=\"file\" id=\"file-fees\" name=\"file.fees\" accept=\".csv,text/csv\">"))
        }
    }
}
