/// Feeds one sheet's rows to a ``WorkbookSink`` as they are laid out, counting formulas.
struct SheetWriter {
    /// What laying out a sheet found.
    struct Result {
        var dataRows: Int
        /// The label and value cells of each data row, for a summary over period sheets.
        var periodFacts: PeriodSheetFacts?
    }

    let sink: WorkbookSink
    let position: Int
    private(set) var formulas = 0
    private var columnsSet = false

    init(sink: WorkbookSink, position: Int) {
        self.sink = sink
        self.position = position
    }

    /// Streams `sheet` from `rows` through a ``SheetStream``.
    mutating func write(_ sheet: SheetDefinition, from rows: SheetRowSource, definition: ReportDefinition, related: RelatedRowIndex,
                        summaryColumns: (label: Int, value: Int)?) throws -> Result {
        var stream: SheetStream?
        var facts: PeriodSheetFacts?
        try rows.read(start: { header, file in
            // Every sheet's source is in the definition (checked when it loaded).
            let source = definition.source(named: sheet.source)!
            let bound = try BoundSheet(sheet: sheet, header: header, file: file, definition: definition)
            let selection = try SheetRowSelection(sheet: sheet, source: source, header: header, file: file)
            stream = SheetStream(bound: bound, groupFields: selection.groupFields, related: related)
            if let columns = summaryColumns { facts = PeriodSheetFacts(name: sheet.name, file: file, labelColumn: columns.label, valueColumn: columns.value) }
            return selection
        }, row: { dataRow in
            // `start` runs before the first row.
            try emit(try stream!.add(dataRow), stream!)
            // `facts` is checked just before; `stream` is set by `start`.
            if facts != nil, let last = stream!.lastData { facts!.record(row: last.row, line: last.line, contents: last.contents) }
        })
        guard var finished = stream else { preconditionFailure("a row source calls start before it returns") }
        try emit(try finished.finish(), finished)
        // Settings exist once the stream has finished.
        try sink.finish(position, settings: finished.settings!)
        return Result(dataRows: finished.dataRowCount, periodFacts: facts)
    }

    /// Writes a sheet laid out whole (a period summary).
    mutating func write(_ layout: SheetLayout) throws {
        try sink.setColumns(layout.columns, of: position)
        try emitRows(layout.rows)
        try sink.finish(position, settings: layout.settings)
    }

    private mutating func emit(_ rows: [LayoutRow], _ stream: SheetStream) throws {
        guard !rows.isEmpty else { return }
        if !columnsSet, let frame = stream.frame {
            try sink.setColumns(frame.columns, of: position)
            columnsSet = true
        }
        try emitRows(rows)
    }

    private mutating func emitRows(_ rows: [LayoutRow]) throws {
        for row in rows {
            for cell in row.cells { if case .formula = cell.content { formulas += 1 } }
        }
        try sink.write(rows, to: position)
    }
}
