/// One record's fields as UTF-8 bytes, back to back, lent to a callback: numbers are read
/// straight from the bytes (``FieldParser/parse(utf8:as:)``) and only a field whose value is
/// text becomes a `String` (``string(_:)``). The reader has checked every field as UTF-8 and
/// for NUL bytes before lending it.
///
/// The view borrows the reader's buffer: it is valid only inside the callback it is given to
/// (copy out ``strings()`` or ``record`` to keep a record).
package struct CSVFields {
    /// The 1-based line of the file on which the record starts.
    package let line: Int
    private let bytes: UnsafeRawBufferPointer
    /// Where each field's bytes end, in `bytes`.
    private let ends: UnsafeBufferPointer<Int>

    init(line: Int, bytes: UnsafeRawBufferPointer, ends: UnsafeBufferPointer<Int>) {
        self.line = line
        self.bytes = bytes
        self.ends = ends
    }

    /// The number of fields.
    package var count: Int { ends.count }

    /// The bytes of field `position`, as the file holds them after unquoting.
    package subscript(position: Int) -> UnsafeRawBufferPointer {
        let start = position == 0 ? 0 : ends[position - 1]
        return UnsafeRawBufferPointer(rebasing: bytes[start..<ends[position]])
    }

    /// Field `position` as text, in Unicode Normalization Form C (``CSVFieldText``).
    package func string(_ position: Int) -> String {
        CSVFieldText.string(checked: self[position])
    }

    /// Every field as text.
    package func strings() -> [String] {
        (0..<count).map(string)
    }

    /// The record as text, to keep.
    package var record: CSVRecord {
        CSVRecord(line: line, fields: strings())
    }
}

/// The buffer a record's fields are gathered in: one byte array and the fields' ends, kept
/// from record to record, so reading a row allocates nothing for its fields.
struct CSVFieldBuffer {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    /// The number of fields gathered.
    var count: Int { ends.count }

    var isEmpty: Bool { ends.isEmpty }

    mutating func append(_ field: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: field)
        ends.append(bytes.count)
    }

    mutating func append(_ field: String) {
        bytes.append(contentsOf: field.utf8)
        ends.append(bytes.count)
    }

    /// Empties the buffer for the next record, keeping its storage.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Lends the fields gathered to `body`.
    func withFields<Result>(line: Int, _ body: (CSVFields) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes { bytes in
            try ends.withUnsafeBufferPointer { ends in
                try body(CSVFields(line: line, bytes: bytes, ends: ends))
            }
        }
    }
}
