import Foundation
import Testing
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixExpression
@testable import AppendixPipeline

/// Dates: `date` and `month` fields become date cells, date formats, date parts in expressions
/// and `text()` date codes (recalculated in LibreOffice by `make verify`'s date workbook).
@Suite("Dates")
struct DateTests {
    // MARK: Reading

    @Test(arguments: [
        ("2018-10-01", 43_374), ("01/10/2018", 43_374), ("1/10/2018", 43_374), ("01-10-2018", 43_374), ("01.10.2018", 43_374),
        ("1 Oct 2018", 43_374), ("1 October 2018", 43_374), ("1-Oct-2018", 43_374), (" 1 sept 2018 ", 43_344),
        ("29/02/2024", 45_351), ("1900-03-01", 61), ("9999-12-31", 2_958_465),
    ])
    func daysReadAsTheirSerialNumbers(text: String, serial: Int) {
        #expect(DateText.day(text, order: .dayFirst)?.serial == serial)
    }

    @Test(arguments: ["30/02/2018", "2018-13-01", "1900-02-28", "31/04/2019", "Oct-18", "2018-10", "10/31/2018", "1 Oct 18", "2018-10-01 09:30", "yesterday", ""])
    func notDaysAreRefused(text: String) {
        #expect(DateText.day(text, order: .dayFirst) == nil)
    }

    @Test func usOrderOnlyWhenTheSourceSaysSo() {
        #expect(DateText.day("10/31/2018", order: .monthFirst)?.serial == 43_404)
        #expect(DateText.day("01/10/2018", order: .monthFirst)?.serial == 43_110)  // 10 January
        #expect(DateText.day("2018-10-01", order: .monthFirst)?.serial == 43_374)  // ISO either way
    }

    @Test(arguments: [("Oct-18", 43_374), ("Oct 2018", 43_374), ("October 2018", 43_374), ("2018-10", 43_374), ("10/2018", 43_374), ("Feb-99", 72_717)])
    func monthsReadAsTheirFirstDay(text: String, serial: Int) {
        #expect(DateText.month(text)?.serial == serial)
    }

    /// Every day from 1 March 1900 to 9999 written as ISO and UK text reads back as itself.
    @Test func serialsRoundTripThroughWrittenDates() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let serial = Int.random(in: 61...2_958_465, using: &generator)
            let date = CalendarDate(serial: serial)
            #expect(date.serial == serial && date.isValid)
            let iso = String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
            let uk = String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
            #expect(DateText.day(iso, order: .dayFirst)?.serial == serial, "\(iso)")
            #expect(DateText.day(uk, order: .dayFirst)?.serial == serial, "\(uk)")
            #expect(DateFormatCode("yyyy-mm-dd")?.format(Double(serial)) == iso)
        }
    }

    // MARK: Formats and text()

    @Test(arguments: [
        ("d mmm yyyy", "1 Oct 2018"), ("dd/mm/yyyy", "01/10/2018"), ("dddd d mmmm yyyy", "Monday 1 October 2018"),
        ("ddd dd-mm-yy", "Mon 01-10-18"), ("mmm yyyy", "Oct 2018"), ("MMMM, YYYY", "October, 2018"), ("m/d", "10/1"),
    ])
    func dateCodesFormatLikeTheSpreadsheet(code: String, shown: String) throws {
        #expect(try #require(TextFormat(code)).format(43_374.75) == shown)
    }

    @Test(arguments: ["hh:mm", "ddddd", "yyy", "d mmm yyyy h", "", " / "])
    func otherCodesAreNotDateCodes(code: String) {
        #expect(DateFormatCode(code) == nil)
    }

    @Test func datePresetsAndCodesAreFormats() {
        #expect(NumberFormat.named("date")?.code == "d mmm yyyy")
        #expect(NumberFormat.named("month")?.code == "mmm yyyy")
        #expect(NumberFormat.named("dd/mm/yyyy")?.code == "dd/mm/yyyy")
        #expect(NumberFormat.named("dd/mm/yyyy hh") == nil)
    }

    // MARK: Building

    static let yaml = """
    sources:
      d: { file: d.csv, fields: { opened: date, closed: date, month: month } }
    sheets:
      - name: Cases
        source: d
        group_by: [ { field: month, heading: "{value}", subtotal: false } ]
        columns:
          - { field: ref }
          - { field: opened }
          - { field: closed, format: date_numeric }
          - { id: days_open, header: Days open, expression: "days(closed, opened)", format: count }
          - { id: opened_month, expression: "month(opened)" }
          - { id: said, expression: 'text(opened, "ddd d mmmm yyyy")' }

    """

    static let csv = "ref,opened,closed,month\nA1,2018-10-01,01/11/2018,Oct-18\nA2,1 Oct 2018,29/02/2020,Oct-18\nA3,31/12/2019,5 Jan 2020,2019-12\nA4,,,2019-12\n"

    @Test(arguments: [BuildMode.memory, .streaming])
    func dateFieldsAreDateCellsWithDateFormats(mode: BuildMode) throws {
        let sheet = try DefinitionReliabilityTests.build(Self.yaml, files: ["d.csv": Self.csv], mode: mode).sheet("Cases")
        #expect(sheet["A2"]?.text == "Oct 2018")  // the group heading shows the month, not 43374
        #expect(sheet["B3"]?.number == 43_374 && sheet["B3"]?.numberFormat == "d mmm yyyy")
        #expect(sheet["C3"]?.number == 43_405 && sheet["C3"]?.numberFormat == "dd/mm/yyyy")
        #expect(sheet["D3"]?.formula == "IF(COUNT(C3,B3)<2,\"N/A\",C3-B3)" && sheet["D3"]?.number == 31)
        #expect(sheet["D4"]?.number == 516)  // to 29 February 2020
        #expect(sheet["E6"]?.formula == "IFERROR(IF(COUNT(B6)<1,\"N/A\",MONTH(B6)),\"N/A\")" && sheet["E6"]?.number == 12)
        #expect(sheet["F3"]?.text == "Mon 1 October 2018")
        #expect(sheet["A5"]?.text == "Dec 2019" && sheet["B7"]?.text == nil && sheet["D7"]?.text == "N/A")
    }

    @Test func dateProblemsSayWhatWasExpectedWithAHint() throws {
        let yaml = "sources:\n  d: { file: d.csv, fields: { b: %@ }%@ }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: a }, { field: b } ]\n"
        for (type, extra, value, expected) in [
            ("date", "", "10/31/2018", "expected a date such as 2018-10-01, 01/10/2018 or 1 Oct 2018, found '10/31/2018' (day first, as in the UK; for US dates add 'date_format: mm/dd/yyyy' to the source)"),
            ("date", "", "Oct-18", "expected a date such as 2018-10-01, 01/10/2018 or 1 Oct 2018, found 'Oct-18' (a month without a day: declare the field as 'month')"),
            ("date", "", "30/02/2018", "expected a date such as 2018-10-01, 01/10/2018 or 1 Oct 2018, found '30/02/2018'"),
            ("month", "", "2018-10-01", "expected a month such as Oct-18, Oct 2018 or 2018-10, found '2018-10-01' (a day: declare the field as 'date')"),
            ("date", ", date_format: mm/dd/yyyy", "31/10/2018", "expected a date such as 2018-10-01, 01/10/2018 or 1 Oct 2018, found '31/10/2018'"),
        ] {
            let message = try ErrorCatalogueTests.buildError(String(format: yaml, type, extra), files: ["d.csv": "a,b\nx,\(value)\n"])
            #expect(message?.hasSuffix("d.csv:2, column 'b': \(expected)") == true, "got \(message ?? "nil")")
        }
        #expect(try ErrorCatalogueTests.buildError(String(format: yaml, "date", ", date_format: mm/dd/yyyy"), files: ["d.csv": "a,b\nx,10/31/2018\n"]) == nil)
        #expect(try ErrorCatalogueTests.buildError(String(format: yaml, "date", ", date_format: yyyy/dd/mm"), files: ["d.csv": "a,b\nx,1\n"])
                == "t.yaml:2:55: sources.d.date_format: expected one of dd/mm/yyyy, mm/dd/yyyy, found 'yyyy/dd/mm'")
    }
}
