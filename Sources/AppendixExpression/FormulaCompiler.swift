/// Resolves the names an expression uses to cells for one row of a sheet.
package protocol FormulaContext {
    /// The cell of column `id` in the current row and the value it holds.
    func cell(for id: String) -> (CellReference, ExcelValue)
    /// The cells of `field` on the sheet of `source` that relate to the current row,
    /// or `nil` when no rows relate.
    func related(source: String, field: String) -> (RangeReference, [ExcelValue])?
    /// The cells of this row from column `first` to column `last` and their values.
    func cells(from first: String, to last: String) -> (RangeReference, [ExcelValue])
}

/// Compiles an ``ColumnExpression`` for one row into a ``Formula`` with explicit missing-value rules.
///
/// The rules, the same in the formula and in its cached value:
/// - An input read arithmetically (`+ - * /`, comparisons, `round`, `abs`, `text`) that does
///   not hold a number makes the result *missing*: the cell shows the column's missing text
///   (`N/A` unless the definition says otherwise). In Excel this is a guard
///   `IF(COUNT(E5,D5)<2,"N/A",…)`, so a blank is never silently taken as 0.
/// - Inside the branches of `if` and the first argument of `iferror`, the same rule applies
///   to that branch alone (its guard yields `NA()`), so `if(isnumber(x), x*2, x)` works.
/// - Division by zero, `avg` of nothing, and aggregates over related rows that do not exist
///   also give the missing text, through `IFERROR(…,"N/A")`.
/// - Aggregates (`min`, `max`, `sum`, `avg`) skip text and blanks in columns, as Excel does;
///   over cells holding no number at all they give the missing text too (Excel would show 0).
package struct FormulaCompiler: Sendable {
    /// The text shown when the result is missing.
    package var missingText: String

    package init(missingText: String = "N/A") {
        self.missingText = missingText
    }

    /// The formula for `expression` in the row that `context` describes.
    package func compile(_ expression: ColumnExpression, in context: FormulaContext) -> Formula {
        var scope: [CellReference: ExcelValue] = [:]
        var order: [CellReference] = []
        let body = lower(expression, context, numeric: false, checked: [], scope: &scope, order: &order, empty: .string(missingText))
        var formula = guarded(body, references: order, values: scope, missing: .string(missingText))
            .blankReadAsMissing(missing: .string(missingText))
        if formula.canError {
            formula = .function(.iferror, [formula, .string(missingText)])
        }
        return formula
    }

    /// Lowers `expression`; `checked` holds cells an enclosing guard already checks, and
    /// `scope`/`order` collect the cells this scope's guard must check. `empty` is the result of
    /// `min`/`max`/`sum` over cells holding no number: the missing text when the aggregate is the
    /// whole expression, else `NA()` (which the top-level `IFERROR` turns into the missing text).
    private func lower(
        _ expression: ColumnExpression, _ context: FormulaContext, numeric: Bool, checked: Set<CellReference>,
        scope: inout [CellReference: ExcelValue], order: inout [CellReference], empty: Formula = .function(.na, [])
    ) -> Formula {
        func sub(_ child: ColumnExpression, numeric: Bool) -> Formula {
            lower(child, context, numeric: numeric, checked: checked, scope: &scope, order: &order)
        }
        func branch(_ child: ColumnExpression) -> Formula {
            var branchScope: [CellReference: ExcelValue] = [:]
            var branchOrder: [CellReference] = []
            let known = checked.union(scope.keys)
            let body = lower(child, context, numeric: false, checked: known, scope: &branchScope, order: &branchOrder)
            return guarded(body, references: branchOrder, values: branchScope, missing: .function(.na, []))
        }
        switch expression {
        case .number(let value):
            return .number(value)
        case .string(let text):
            return .string(text)
        case .field(let id):
            let (reference, value) = context.cell(for: id)
            if numeric, scope[reference] == nil, !checked.contains(reference) {
                scope[reference] = value
                order.append(reference)
            }
            return .cell(reference, value)
        case .related(let source, let field):
            guard let (reference, values) = context.related(source: source, field: field) else {
                return .function(.na, [])
            }
            return .range(reference, values)
        case .columnRange(let first, let last):
            let (reference, values) = context.cells(from: first, to: last)
            return .range(reference, values)
        case .negate(let operand):
            return .negate(sub(operand, numeric: true))
        case .binary(let op, let left, let right):
            let numericOperands = Self.readsNumbers(op, left, right)
            return .binary(op, sub(left, numeric: numericOperands), sub(right, numeric: numericOperands))
        case .call(let function, let arguments):
            if let expansion = function.expansion(arguments) {
                return sub(expansion, numeric: numeric)
            }
            return call(function, arguments, empty: empty, sub: sub, branch: branch)
        }
    }

    /// Whether `op` reads its operands as numbers: arithmetic does, `&` does not, and a
    /// comparison does unless one side is a text literal.
    private static func readsNumbers(_ op: BinaryOperator, _ left: ColumnExpression, _ right: ColumnExpression) -> Bool {
        switch op {
        case .concatenate: return false
        case .add, .subtract, .multiply, .divide: return true
        default:
            if case .string = left { return false }
            if case .string = right { return false }
            return true
        }
    }

    /// A call of a language function (not a macro): its arguments lowered by `sub` (read as
    /// numbers or not), the branches of `if` and `iferror` by `branch` (each with its own guard).
    private func call(
        _ function: ExpressionFunction, _ arguments: [ColumnExpression], empty: Formula,
        sub: (ColumnExpression, Bool) -> Formula, branch: (ColumnExpression) -> Formula
    ) -> Formula {
        switch function {
        case .min:
            return aggregate(.min, arguments.map { sub($0, false) }, empty: empty)
        case .max:
            return aggregate(.max, arguments.map { sub($0, false) }, empty: empty)
        case .sum:
            return aggregate(.sum, arguments.map { sub($0, false) }, empty: empty)
        case .avg:
            return aggregate(.average, arguments.map { sub($0, false) }, empty: empty)
        case .if:
            return .function(.if, [sub(arguments[0], true), branch(arguments[1]), branch(arguments[2])])
        case .iferror:
            return .function(.iferror, [branch(arguments[0]), branch(arguments[1])])
        case .isnumber:
            return .function(.isnumber, [sub(arguments[0], false)])
        case .round:
            return .function(.round, arguments.map { sub($0, true) })
        case .abs:
            return .function(.abs, arguments.map { sub($0, true) })
        case .text:
            return .function(.text, [sub(arguments[0], true), arguments[1] == .string("") ? .string("") : sub(arguments[1], false)])
        case .year:
            return .function(.year, [sub(arguments[0], true)])
        case .month:
            return .function(.month, [sub(arguments[0], true)])
        case .day:
            return .function(.day, [sub(arguments[0], true)])
        case .rag, .dot, .days:
            preconditionFailure("macros are expanded before lowering")
        }
    }

    /// `MIN`/`MAX`/`SUM`/`AVERAGE` of `arguments`. When every argument is a cell or range, so
    /// there may be no number at all, `min`/`max`/`sum` give `empty` then
    /// (`IF(COUNT(r)=0,"N/A",MIN(r))`) rather than Excel's 0; `AVERAGE` of nothing is already an
    /// error. Any other argument is a number or an error, so needs no such guard.
    private func aggregate(_ function: ExcelFunction, _ arguments: [Formula], empty: Formula) -> Formula {
        let call = Formula.function(function, arguments)
        guard function != .average, arguments.allSatisfy(\.isReference) else { return call }
        return .function(.if, [.binary(.equal, .function(.count, arguments), .number(0)), empty, call])
    }

    /// `IF(COUNT(refs)<n, missing, body)` when `body` reads cells arithmetically.
    private func guarded(_ body: Formula, references: [CellReference], values: [CellReference: ExcelValue], missing: Formula) -> Formula {
        guard !references.isEmpty else { return body }
        let cells = references.compactMap { reference in values[reference].map { Formula.cell(reference, $0) } }
        let count = Formula.function(.count, cells)
        return .function(.if, [.binary(.less, count, .number(Double(cells.count))), missing, body])
    }
}

extension Formula {
    /// Whether this is a cell or a block of cells.
    var isReference: Bool {
        switch self {
        case .cell, .range: return true
        default: return false
        }
    }
}
