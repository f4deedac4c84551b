/// Character data and attribute values as XML defines them: the five predefined entities and
/// character references replaced, line ends (`\r\n`, `\r`) read as `\n`, and in attribute
/// values white space read as spaces.
enum XMLCharacterData {
    typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    /// `run` (which starts at byte `offset` of the part) as text.
    static func decode(_ run: Bytes, at offset: Int, inAttribute: Bool) throws(XMLSyntaxError) -> String {
        if !run.contains(where: { $0 == Byte.ampersand || $0 == Byte.carriageReturn || (inAttribute && ($0 == 0x09 || $0 == 0x0A)) }) {
            return String(decoding: run, as: UTF8.self)  // the common case: nothing to replace
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(run.count)
        var index = run.startIndex
        while index < run.endIndex {
            let byte = run[index]
            if byte == Byte.ampersand {
                guard let end = run[index...].firstIndex(of: Byte.semicolon) else {
                    throw XMLSyntaxError(offset: offset + index - run.startIndex, reason: "'&' does not start an entity or character reference")
                }
                let reference = run[(index + 1)..<end]
                guard let scalar = scalar(for: reference) else {
                    throw XMLSyntaxError(offset: offset + index - run.startIndex, reason: "unknown reference &\(String(decoding: reference, as: UTF8.self));")
                }
                decoded.append(contentsOf: String(Character(scalar)).utf8)
                index = end + 1
                continue
            }
            if byte == Byte.carriageReturn {
                if index + 1 < run.endIndex, run[index + 1] == Byte.lineFeed { index += 1 }
                decoded.append(inAttribute ? 0x20 : Byte.lineFeed)
            } else if inAttribute, byte == 0x09 || byte == 0x0A {
                decoded.append(0x20)
            } else {
                decoded.append(byte)
            }
            index += 1
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// The character `&reference;` stands for: a predefined entity or `#N` / `#xH` (a character
    /// XML allows; not NUL or a surrogate).
    static func scalar(for reference: Bytes) -> Unicode.Scalar? {
        switch String(decoding: reference, as: UTF8.self) {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        case let text where text.hasPrefix("#x"):
            return UInt32(text.dropFirst(2), radix: 16).flatMap(allowed)
        case let text where text.hasPrefix("#"):
            return UInt32(text.dropFirst(1), radix: 10).flatMap(allowed)
        default: return nil
        }
    }

    private static func allowed(_ value: UInt32) -> Unicode.Scalar? {
        guard value != 0 else { return nil }
        return Unicode.Scalar(value)
    }
}
