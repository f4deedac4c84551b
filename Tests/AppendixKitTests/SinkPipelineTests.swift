import Foundation
import Testing
@testable import AppendixData
@testable import AppendixLayout

/// The two-thread hand-over (``SinkPipeline``) on its own: the same calls reach the sink in the
/// same order, and a failure, an error or a cancel on either side ends both without a deadlock,
/// throwing the error a one-thread run throws.
@Suite("Two-thread hand-over")
struct SinkPipelineTests {
    /// A sink that notes the rows it gets, may take `delay` seconds per row and fails at `failAt`.
    final class ScriptedSink: WorkbookSink, @unchecked Sendable {
        private let lock = NSLock()
        private var written: [Int] = []
        let failAt: Int?
        let delay: Double

        init(failAt: Int? = nil, delay: Double = 0) {
            self.failAt = failAt
            self.delay = delay
        }

        var rows: [Int] { lock.withLock { written } }

        func addSheet(name: String) throws -> Int { 0 }
        func setColumns(_ columns: [ColumnLayout], of sheet: Int) throws {}
        func write(_ rows: [LayoutRow], to sheet: Int) throws { for row in rows { try write(row, to: sheet) } }
        func finish(_ sheet: Int, settings: SheetSettings) throws {}

        func write(_ row: LayoutRow, to sheet: Int) throws {
            if row.index == failAt { throw DataError(file: "out.xlsx", message: "disk full at row \(row.index)") }
            if delay > 0 { Thread.sleep(forTimeInterval: delay) }
            lock.withLock { written.append(row.index) }
        }
    }

    static func pipeline(rowsPerBatch: Int = 100) -> SinkPipeline {
        var pipeline = SinkPipeline(threads: .two)
        pipeline.rowsPerBatch = rowsPerBatch
        pipeline.queuedBatches = 2
        return pipeline
    }

    /// Writes rows `0..<count` to sheet 0 of `sink`, counting them in `produced`.
    static func produce(_ count: Int, into sink: WorkbookSink, produced: inout Int) throws {
        let sheet = try sink.addSheet(name: "S")
        for row in 0..<count {
            try sink.write(LayoutRow(index: row), to: sheet)
            produced += 1
        }
    }

    @Test func theSinkGetsTheSameCallsInTheSameOrder() throws {
        func layOut(_ sink: WorkbookSink) throws {
            let a = try sink.addSheet(name: "A"), b = try sink.addSheet(name: "B")
            try sink.setColumns([ColumnLayout(width: 9, hidden: false)], of: b)
            for row in 0..<250 {
                try sink.write(LayoutRow(index: row, cells: [LayoutCell(row: row, column: 0, content: .number(Double(row)), style: CellStyle())]), to: row % 3 == 0 ? b : a)
            }
            try sink.finish(a, settings: SheetSettings())
            try sink.finish(b, settings: SheetSettings(freeze: (row: 1, column: 0)))
        }
        let one = LayoutCollector(), two = LayoutCollector()
        try SinkPipeline(threads: .one).run(into: one, layOut)
        try Self.pipeline(rowsPerBatch: 7).run(into: two, layOut)
        #expect(one.sheets.map(\.name) == ["A", "B"] && two.sheets.map(\.name) == ["A", "B"])
        #expect(one.sheets.map(\.rows) == two.sheets.map(\.rows) && two.sheets[1].rows.count == 84)
        #expect(one.sheets.map(\.columns) == two.sheets.map(\.columns) && two.sheets[1].settings.freeze?.row == 1)
    }

    @Test func aWriterFailureStopsAProducerWaitingForRoom() throws {
        let sink = ScriptedSink(failAt: 1_500)
        var produced = 0
        let error = #expect(throws: DataError.self) {
            try Self.pipeline().run(into: sink) { try Self.produce(1_000_000, into: $0, produced: &produced) }
        }
        #expect(error?.message == "disk full at row 1500")
        #expect(sink.rows == Array(0..<1_500))
        // Rows laid out before the failure was seen: those written, two queued, one being filled.
        #expect(produced < 1_500 + 4 * 100, "\(produced)")
    }

    @Test func aWriterFailureInTheLastBatchIsThrownAtTheEnd() throws {
        let sink = ScriptedSink(failAt: 1_049)
        var produced = 0
        let error = #expect(throws: DataError.self) {
            try Self.pipeline().run(into: sink) { try Self.produce(1_050, into: $0, produced: &produced) }
        }
        #expect(error?.message == "disk full at row 1049" && produced == 1_050)
    }

    @Test func aLayoutErrorStopsAWriterWaitingForRows() throws {
        let sink = ScriptedSink()
        let error = #expect(throws: DataError.self) {
            try Self.pipeline().run(into: sink) { sink in
                var produced = 0
                try Self.produce(250, into: sink, produced: &produced)
                Thread.sleep(forTimeInterval: 0.05)  // the writer is waiting for the next batch
                throw DataError(file: "rows.csv", line: 252, message: "not a number")
            }
        }
        #expect(error?.message == "not a number" && error?.line == 252)
        #expect(sink.rows == Array(0..<200))  // the two full batches; the partial third is dropped
    }

    @Test func aCancelStopsASlowWriterWithoutWritingWhatIsQueued() throws {
        let sink = ScriptedSink(delay: 0.001)
        let started = Date()
        #expect(throws: CancellationError.self) {
            try Self.pipeline().run(into: sink) { sink in
                var produced = 0
                try Self.produce(1_000, into: sink, produced: &produced)
                throw CancellationError()
            }
        }
        // Without the cancel the writer would go on to row 999; it stops at a batch boundary.
        let written = sink.rows.count
        #expect(written < 1_000 && written % 100 == 0 && sink.rows == Array(0..<written), "\(written)")
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func oneThreadCallsTheSinkDirectly() throws {
        let sink = ScriptedSink(failAt: 3)
        var produced = 0
        #expect(throws: DataError.self) { try SinkPipeline(threads: .one).run(into: sink) { try Self.produce(10, into: $0, produced: &produced) } }
        #expect(produced == 3 && sink.rows == [0, 1, 2])
    }
}
