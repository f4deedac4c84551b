/// One call made on a ``WorkbookSink``, recorded so another thread can make it later.
/// Sheets are named by the position the recording sink gave them.
package enum SinkStep: Sendable {
    case addSheet(name: String)
    case setColumns([ColumnLayout], sheet: Int)
    case write(LayoutRow, sheet: Int)
    case finish(sheet: Int, settings: SheetSettings)
}

/// Sink calls in order, handed between threads as one unit; emptied and reused (its storage kept)
/// once written, so a build holds a fixed number of them.
package struct RowBatch: Sendable {
    package private(set) var steps: [SinkStep] = []
    /// Rows recorded (the other steps are few and small).
    package private(set) var rows = 0

    package init(capacity: Int) { steps.reserveCapacity(capacity) }

    package mutating func append(_ step: SinkStep) {
        if case .write = step { rows += 1 }
        steps.append(step)
    }

    /// Empties the batch, keeping its storage for the next rows.
    package mutating func empty() {
        steps.removeAll(keepingCapacity: true)
        rows = 0
    }
}

/// Makes recorded calls on the real sink, mapping the recording sink's sheet positions to the
/// ones the real sink gives.
package struct SinkReplay {
    let sink: WorkbookSink
    private var positions: [Int] = []

    package init(sink: WorkbookSink) { self.sink = sink }

    package mutating func apply(_ batch: RowBatch) throws {
        for step in batch.steps {
            switch step {
            case .addSheet(let name): positions.append(try sink.addSheet(name: name))
            case .setColumns(let columns, let sheet): try sink.setColumns(columns, of: positions[sheet])
            case .write(let row, let sheet): try sink.write(row, to: positions[sheet])
            case .finish(let sheet, let settings): try sink.finish(positions[sheet], settings: settings)
            }
        }
    }
}
