import Foundation

/// Collects libcsv's field and record callbacks into records (``CSVFields``, bytes checked as
/// UTF-8 and for NUL, no `String` made) and tracks lines.
package final class CSVRecordAssembler {
    package let file: String
    package let body: (CSVFields) throws -> Void
    // Unchecked: the buffer is only used from libcsv's callbacks, on the one thread parsing,
    // never re-entered (the record is lent to `body` after the last field is in). The dynamic
    // exclusivity checks on it were two a field (callgrind, 20k rows: 0.7 % of all instructions).
    @exclusivity(unchecked) private var fields = CSVFieldBuffer()
    /// The number of fields of the record so far.
    var fieldCount: Int { fields.count }
    /// The line on which the next field starts.
    package var line: Int {
        get { nextLine }
        set { nextLine = newValue }
    }
    // The per-field state is private, so the optimizer sees every access and drops the dynamic
    // exclusivity checks that a `package` stored property costs on each field (callgrind: about
    // 3 a field).
    private var nextLine = 1
    var recordStart = 1
    var lastTerminator: Int32 = 0
    /// The header's names, to name columns in messages.
    private var header: [String]?
    /// Whether the record so far has a non-empty field.
    private var recordHasText = false
    private(set) var skippedEmptyRows = 0
    /// Set once the text has a NUL byte somewhere: fields are then searched for one.
    var checksForNUL = false
    package var error: Error? { failure }
    private var failure: Error?

    package init(file: String, body: @escaping (CSVFields) throws -> Void) {
        self.file = file
        self.body = body
    }

    /// The header name of the field at `position`, once the header is known.
    func columnName(_ position: Int) -> String? {
        guard let header, position < header.count else { return nil }
        return header[position]
    }

    package func field(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        if fields.isEmpty { recordStart = nextLine }
        lastTerminator = 0
        if checksForNUL, let base = bytes.baseAddress, let nul = memchr(base, 0, bytes.count) {
            failure = nulError(bytes, at: base.distance(to: UnsafeRawPointer(nul)))
            return
        }
        guard CSVFieldText.isValid(bytes) else {
            failure = invalidUTF8Error(bytes)
            return
        }
        if bytes.count > 0 { recordHasText = true }
        if LineBreaks.any(bytes) { nextLine += LineBreaks.count(bytes) }
        fields.append(bytes)
    }

    func recordEnd(_ terminator: Int32) {
        guard failure == nil else { return }
        // CSV_REPALL_NL reports every CR and LF; a LF straight after a CR ends the same line.
        let isLineBreak = terminator == 0x0A || terminator == 0x0D
        let isSecondHalfOfCRLF = terminator == 0x0A && lastTerminator == 0x0D && fields.isEmpty
        if !fields.isEmpty { deliverRecord() }
        if isLineBreak && !isSecondHalfOfCRLF { nextLine += 1 }
        lastTerminator = terminator
    }

    private func deliverRecord() {
        defer { fields.removeAll(); recordHasText = false }
        guard recordHasText else { skippedEmptyRows += 1; return }
        do {
            try fields.withFields(line: recordStart) { record in
                if header == nil { header = record.strings().map { $0.trimmingSpaces() } }
                try body(record)
            }
        } catch {
            failure = error
        }
    }

    private func nulError(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> DataError {
        let before = UnsafeRawBufferPointer(rebasing: bytes[..<offset])
        let shown = String(decoding: bytes.prefix(60), as: UTF8.self).replacingOccurrences(of: "\u{0}", with: "\\0")
        return DataError(file: file, line: nextLine + LineBreaks.count(before), column: columnName(fields.count),
                         message: "a NUL byte (U+0000) is not allowed in a cell: found '\(shown)'")
    }

    private func invalidUTF8Error(_ bytes: UnsafeRawBufferPointer) -> DataError {
        let offset = UTF8Check.firstInvalidOffset(in: bytes) ?? 0
        let before = UnsafeRawBufferPointer(rebasing: bytes[..<offset])
        let byte = String(bytes[offset], radix: 16, uppercase: true)
        return DataError(file: file, line: nextLine + LineBreaks.count(before), column: columnName(fields.count),
                         message: "byte 0x\(byte) is not valid UTF-8, and the file is read as UTF-8 (save the export as UTF-8, or set 'encoding:' on the source to the one it was saved in)")
    }
}
