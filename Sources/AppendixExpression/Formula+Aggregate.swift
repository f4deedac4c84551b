extension Formula {
    /// `MIN`/`MAX`/`SUM`/`AVERAGE`/`SUBTOTAL(9, …)` as spreadsheets compute them: numbers in
    /// references count, text and blanks there are skipped; a value given directly must read as
    /// a number. `IF` and `IFERROR` pass a chosen cell on as a reference (so `MIN(5,
    /// IFERROR(E4,"n/c"))` skips the text in E4, but not the text `"n/c"`). Sums add with
    /// ``NeumaierSum``, as LibreOffice does.
    static func aggregate(_ function: ExcelFunction, _ arguments: [Formula], _ row: [ExcelValue]?) -> ExcelValue {
        // SUBTOTAL(9, range): a SUM whose range values leave out nested subtotal cells
        // (the caller passes those as blanks, as Excel ignores them).
        var sum = NeumaierSum()
        var count = 0
        var least = Double.infinity, greatest = -Double.infinity
        func take(_ number: Double) {
            sum.add(number)
            count += 1
            least = Swift.min(least, number)
            greatest = Swift.max(greatest, number)
        }
        for argument in function == .subtotal ? arguments.dropFirst() : arguments[...] {
            if case .range(let reference, let values) = argument {
                for value in Formula.values(reference, values, row) {
                    if case .error(let error) = value { return .error(error) }
                    if case .number(let number) = value { take(number) }
                }
                continue
            }
            let (value, isReference) = argument.evaluateKeepingReference(in: row)
            if case .error(let error) = value { return .error(error) }
            if isReference {
                if case .number(let number) = value { take(number) }
                continue
            }
            switch value.asNumber {
            case .success(let number): take(number)
            case .failure(let error): return .error(error)
            }
        }
        switch function {
        case .min: return .number(count == 0 ? 0 : least)
        case .max: return .number(count == 0 ? 0 : greatest)
        case .average: return count == 0 ? .error(.divisionByZero) : .finite(sum.total / Double(count))
        default: return .finite(sum.total)  // SUM and SUBTOTAL(9, …)
        }
    }

    /// The value, and whether it comes from a cell: a cell itself, or the cell that `IF` or
    /// `IFERROR` chose.
    func evaluateKeepingReference(in row: [ExcelValue]?) -> (ExcelValue, Bool) {
        switch self {
        case .cell(let reference, let value):
            return (row.map { $0[reference.column] } ?? value, true)
        case .function(.if, let arguments) where arguments.count == 3:
            let condition = arguments[0].evaluate(in: row)
            switch condition {
            case .error, .text: return (evaluate(in: row), false)
            case .bool(let flag): return (flag ? arguments[1] : arguments[2]).evaluateKeepingReference(in: row)
            case .number(let value): return (value != 0 ? arguments[1] : arguments[2]).evaluateKeepingReference(in: row)
            case .blank: return arguments[2].evaluateKeepingReference(in: row)
            }
        case .function(.iferror, let arguments) where arguments.count == 2:
            let first = arguments[0].evaluateKeepingReference(in: row)
            if case .error = first.0 { return arguments[1].evaluateKeepingReference(in: row) }
            return first
        default:
            return (evaluate(in: row), false)
        }
    }
}
