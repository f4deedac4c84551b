import AppendixDefinition
import AppendixLayout
import CXLSXWriter
import Foundation

/// Writes an editable sheet's settings with libxlsxwriter: protection (formulas and headers
/// locked, `editable` columns' cells unlocked by their format), data validation, highlights and
/// defined names. All are kept by libxlsxwriter until the workbook closes, so they are set when
/// the sheet finishes, in both modes (docs/probes/editable-features.c).
enum EditingWriter {
    /// Protection lets officers resize columns and rows and use an autofilter; nothing else.
    static func protect(_ worksheet: UnsafeMutablePointer<lxw_worksheet>) {
        var options = lxw_protection()
        options.format_columns = 1
        options.format_rows = 1
        options.autofilter = 1
        worksheet_protect(worksheet, nil, &options)
    }

    static func validate(_ range: RangeValidation, on worksheet: UnsafeMutablePointer<lxw_worksheet>) -> lxw_error {
        var strings = CStrings()
        defer { strings.free() }
        var rule = lxw_data_validation()
        let validation = range.validation
        switch validation.rule {
        case .list(let values):
            rule.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            rule.value_list = strings.list(values)
        case .listFrom(let name):
            rule.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            rule.value_formula = strings.copy("=" + name)
        case .number(let bounds, let whole):
            rule.validate = UInt8((whole ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL).rawValue)
            switch (bounds.minimum, bounds.maximum) {
            case (let minimum?, let maximum?):
                rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
                rule.minimum_number = minimum
                rule.maximum_number = maximum
            case (let minimum?, nil):
                rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
                rule.value_number = minimum
            case (nil, let maximum?):
                rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO.rawValue)
                rule.value_number = maximum
            case (nil, nil):
                rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
                rule.minimum_number = -Double.greatestFiniteMagnitude
                rule.maximum_number = Double.greatestFiniteMagnitude
            }
        }
        rule.input_title = strings.copy(validation.inputTitle)
        rule.input_message = strings.copy(validation.inputMessage)
        rule.error_title = strings.copy(validation.errorTitle)
        rule.error_message = strings.copy(validation.errorMessage)
        let cells = range.range
        return worksheet_data_validation_range(worksheet, lxw_row_t(cells.firstRow), lxw_col_t(cells.firstColumn),
                                               lxw_row_t(cells.lastRow), lxw_col_t(cells.lastColumn), &rule)
    }

    static func highlight(_ highlight: RangeHighlight, on worksheet: UnsafeMutablePointer<lxw_worksheet>, formats: inout FormatCache) -> lxw_error {
        var strings = CStrings()
        defer { strings.free() }
        var rule = lxw_conditional_format()
        var fills = true
        switch highlight.kind {
        case .dataBar:
            rule.type = UInt8(LXW_CONDITIONAL_DATA_BAR.rawValue)
            rule.bar_color = 0x638EC6
            fills = false
        case .arrows:
            rule.type = UInt8(LXW_CONDITIONAL_TYPE_ICON_SETS.rawValue)
            rule.icon_style = UInt8(LXW_CONDITIONAL_ICONS_3_ARROWS_COLORED.rawValue)
            fills = false
        case .above(let value):
            rule.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN.rawValue)
            rule.value = value
        case .below(let value):
            rule.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN.rawValue)
            rule.value = value
        case .formula(let formula):
            rule.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
            rule.value_string = strings.copy("=" + formula)
        }
        if fills { rule.format = formats.conditionalFormat(fill: highlight.colour.fill, fontColour: highlight.colour.font) }
        let cells = highlight.range
        return worksheet_conditional_format_range(worksheet, lxw_row_t(cells.firstRow), lxw_col_t(cells.firstColumn),
                                                  lxw_row_t(cells.lastRow), lxw_col_t(cells.lastColumn), &rule)
    }

    static func define(_ name: RangeName, in workbook: UnsafeMutablePointer<lxw_workbook>) -> lxw_error {
        workbook_define_name(workbook, name.name, "=" + name.range.formulaText)
    }
}

/// C strings made for one libxlsxwriter call and freed after it.
private struct CStrings {
    private var made: [UnsafeMutablePointer<CChar>] = []
    private var lists: [UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>] = []

    mutating func copy(_ text: String?) -> UnsafeMutablePointer<CChar>? {
        guard let text, let copy = strdup(text) else { return nil }
        made.append(copy)
        return copy
    }

    /// A NULL-terminated array of copies of `values`.
    mutating func list(_ values: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
        let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: values.count + 1)
        for (index, value) in values.enumerated() { array[index] = copy(value) }
        array[values.count] = nil
        lists.append(array)
        return array
    }

    func free() {
        made.forEach { Foundation.free($0) }
        lists.forEach { $0.deallocate() }
    }
}
