import AppendixData

/// A value as Excel holds it in a cell or formula, used to compute cached results.
package enum ExcelValue: Sendable, Equatable {
    case number(Double)
    case text(String)
    case bool(Bool)
    case blank
    case error(ExcelError)

    /// The value of a data cell, as the workbook will hold it (16 significant digits at most:
    /// `ExcelNumberText/stored(_:)`).
    package init(_ cell: CellValue) {
        switch cell {
        case .number(let value): self = .number(ExcelNumberText.stored(value))
        case .text(let text): self = text.isEmpty ? .blank : .text(text)  // written as an empty cell
        case .missing(let text): self = text.isEmpty ? .blank : .text(text)
        }
    }

    /// The value in an arithmetic position: blanks are 0, TRUE is 1, text must read as a number.
    var asNumber: Result<Double, ExcelError> {
        switch self {
        case .number(let value): return .success(value)
        case .bool(let flag): return .success(flag ? 1 : 0)
        case .blank: return .success(0)
        case .text(let text):
            if let value = NumberCoercion.number(text) { return .success(value) }
            return .failure(.value)
        case .error(let error): return .failure(error)
        }
    }

    /// The value in a text position (`&`): numbers as Excel's General format shows them.
    var asText: Result<String, ExcelError> {
        switch self {
        case .number(let value): return .success(ExcelNumberText.general(value))
        case .text(let text): return .success(text)
        case .bool(let flag): return .success(flag ? "TRUE" : "FALSE")
        case .blank: return .success("")
        case .error(let error): return .failure(error)
        }
    }
}

/// Excel's error values.
package enum ExcelError: String, Sendable, Equatable, Error {
    case value = "#VALUE!"
    case divisionByZero = "#DIV/0!"
    case notAvailable = "#N/A"
    case number = "#NUM!"
}
