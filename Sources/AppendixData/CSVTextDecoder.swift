import Foundation

/// Turns the bytes of a CSV file into UTF-8, chunk by chunk, choosing the encoding as it goes.
///
/// A byte-order mark decides first (and is removed). Without one, and without `encoding:`, the
/// text is ASCII until the first byte of 0x80 or above: if that byte starts a well-formed UTF-8
/// sequence the file is UTF-8 (bad bytes later are errors where they are); if not, the file
/// is Windows-1252 (ASCII is the same in both, so nothing read so far changes), and a
/// well-formed UTF-8 sequence later is an error rather than mojibake. UTF-8 chunks pass through
/// without a copy.
package struct CSVTextDecoder {
    private enum Mode {
        case start, undecided, utf8, windows1252(guardsAgainstUTF8: Bool), utf16(bigEndian: Bool)
    }

    /// Decoded text and, when decoding stopped early, why (the text is everything before it).
    package struct Output {
        package var text: Data
        package var problem: String?
    }

    private let choice: EncodingChoice?
    private var mode = Mode.start
    /// Bytes held back from the previous chunk (a cut-off sequence or the first bytes of the file).
    private var carry = Data()

    /// Holds `bytes` back until the next chunk.
    mutating func setCarry(_ bytes: Data) { carry = bytes }

    package init(choice: EncodingChoice?) {
        self.choice = choice
    }

    /// The encoding in use (UTF-8 while the text is still all ASCII).
    package var encoding: CSVEncoding {
        switch mode {
        case .start, .undecided, .utf8: return .utf8
        case .windows1252: return .windows1252
        case .utf16(let bigEndian): return bigEndian ? .utf16BigEndian : .utf16LittleEndian
        }
    }

    mutating func decode(_ chunk: Data, isLast: Bool) -> Output {
        var input = chunk
        if !carry.isEmpty {
            input = carry + chunk
            carry = Data()
        }
        if case .start = mode {
            guard input.count >= 3 || isLast else { carry = input; return Output(text: Data()) }
            input = chooseMode(input)
        }
        switch mode {
        case .start, .utf8: return Output(text: input)
        case .undecided: return decodeUndecided(input, isLast: isLast)
        case .windows1252(let guards): return input.withUnsafeBytes { decodeWindows1252($0, guardsAgainstUTF8: guards, isLast: isLast) }
        case .utf16(let bigEndian): return input.withUnsafeBytes { decodeUTF16($0, bigEndian: bigEndian, isLast: isLast) }
        }
    }

    /// Sets the mode from the byte-order mark and `encoding:`; returns the input without the mark.
    private mutating func chooseMode(_ input: Data) -> Data {
        let bytes = [UInt8](input.prefix(3))
        let utf8BOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let littleBOM = bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE
        let bigBOM = bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF
        switch choice {
        case nil where utf8BOM, .utf8? where utf8BOM:
            mode = .utf8; return input.dropFirst(3)
        case nil where littleBOM || bigBOM, .utf16? where littleBOM || bigBOM:
            mode = .utf16(bigEndian: bigBOM); return input.dropFirst(2)
        case nil: mode = .undecided
        case .utf8?: mode = .utf8
        case .utf16?: mode = .utf16(bigEndian: false)
        case .windows1252?, .latin1?: mode = .windows1252(guardsAgainstUTF8: false)
        }
        return input
    }

    private mutating func decodeUndecided(_ input: Data, isLast: Bool) -> Output {
        input.withUnsafeBytes { bytes in
            guard let first = UTF8Check.firstNonASCII(in: bytes, from: 0) else { return Output(text: input) }
            switch UTF8Check.sequence(in: bytes, at: first) {
            case .valid:
                mode = .utf8
                return Output(text: input)
            case .incomplete where !isLast:
                setCarry(Data(bytes[first...]))
                return Output(text: Data(bytes[..<first]))
            case .invalid, .incomplete:
                mode = .windows1252(guardsAgainstUTF8: true)
                var rest = decodeWindows1252(UnsafeRawBufferPointer(rebasing: bytes[first...]), guardsAgainstUTF8: true, isLast: isLast)
                rest.text = Data(bytes[..<first]) + rest.text
                return rest
            }
        }
    }
}
