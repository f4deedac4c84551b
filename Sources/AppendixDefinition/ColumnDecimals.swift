/// The decimal places a column's numbers show (`decimals:`).
package enum ColumnDecimals: Sendable, Equatable {
    /// A fixed number of places, 0–6 (`decimals: 2`).
    case places(Int)
    /// As many places as each row's CSV text writes, at most 6 (`decimals: as_written`): each
    /// cell's format is fixed at build time, so `14.6%` stays 14.6% and `87` stays 87.
    case asWritten

    /// The value `decimals:` takes for ``asWritten``.
    package static let asWrittenKey = "as_written"
}

extension NumberFormat {
    /// Whether the format shows numbers as percentages (times 100).
    package var isPercentage: Bool {
        code.split(separator: ";", maxSplits: 1).first?.contains("%") ?? false
    }

    /// This numeric preset showing a number whose text wrote `places` decimal places of its
    /// value (``/AppendixData/WrittenDecimals``): a percentage shows two fewer, and never more than 6.
    package func withWrittenDecimals(_ places: Int) -> NumberFormat {
        withDecimals(min(6, max(0, isPercentage ? places - 2 : places)))
    }
}

extension ReportDefinition {
    /// The fields of source `name` that a `decimals: as_written` column of any sheet shows: the
    /// fields whose rows keep the decimal places their text wrote (empty for most sources).
    package func writtenDecimalFields(ofSource name: String) -> Set<String> {
        var fields: Set<String> = []
        for sheet in sheets where sheet.source == name {
            for column in sheet.columns where column.decimals == .asWritten {
                if let field = column.field { fields.insert(field) }
            }
        }
        return fields
    }
}
