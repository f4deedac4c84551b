/// Why a part could not be read, and the byte where that was found.
struct XMLSyntaxError: Error, Equatable {
    enum Kind { case malformed, tooDeep }
    var offset: Int
    var reason: String
    var kind = Kind.malformed
}

/// Reads XML from UTF-8 bytes in one pass over the buffer, sending elements (names and attribute
/// names without namespace prefixes; `xmlns` attributes left out), attributes and character data
/// to a handler. It knows the five predefined entities and character references; comments,
/// processing instructions and the XML declaration are skipped; CDATA is character data. A
/// document type declaration is an error (SafeXML refuses one before reading). The whole part is
/// one buffer already (inflated from the zip), so there is no size limit of the reader's own.
struct XMLByteReader {
    /// Far deeper than SpreadsheetML or DrawingML nest (about 20 levels); a tree deeper than this
    /// would overflow the stack when freed.
    static let maximumDepth = 256

    private let bytes: UnsafeBufferPointer<UInt8>
    private let handler: XMLEventHandler
    private var position = 0
    /// Qualified names of the open elements, for matching end tags.
    private var open: [Range<Int>] = []
    private var sawRoot = false

    init(_ bytes: UnsafeBufferPointer<UInt8>, handler: XMLEventHandler) {
        self.bytes = bytes
        self.handler = handler
    }

    /// Reads the whole document. Returns whether the root element was opened and closed.
    mutating func read() throws(XMLSyntaxError) -> Bool {
        if starts(with: "\u{FEFF}") { position = 3 }  // a byte-order mark
        while position < bytes.count {
            if bytes[position] == Byte.lessThan {
                try markup()
            } else {
                try characterData()
            }
        }
        return sawRoot && open.isEmpty
    }

    private mutating func markup() throws(XMLSyntaxError) {
        if starts(with: "<?") {
            try skip(past: "?>", what: "a processing instruction")
        } else if starts(with: "<!--") {
            try skip(past: "-->", what: "a comment")
        } else if starts(with: "<![CDATA[") {
            try cdata()
        } else if starts(with: "<!") {
            throw XMLSyntaxError(offset: position, reason: "'<!' starts neither a comment nor CDATA")
        } else if starts(with: "</") {
            try endTag()
        } else {
            try startTag()
        }
    }

    // MARK: Elements

    private mutating func startTag() throws(XMLSyntaxError) {
        let tagStart = position
        position += 1
        if open.isEmpty && sawRoot { throw XMLSyntaxError(offset: tagStart, reason: "a second root element") }
        let name = try self.name()
        var attributes: [String: String] = [:]
        while true {
            let spaced = skipSpace()
            guard position < bytes.count else { throw cutShort() }
            if bytes[position] == Byte.greaterThan {
                position += 1
                try opened(name, attributes, at: tagStart, empty: false)
                return
            }
            if starts(with: "/>") {
                position += 2
                try opened(name, attributes, at: tagStart, empty: true)
                return
            }
            guard spaced else { throw XMLSyntaxError(offset: position, reason: "expected white space, '>' or '/>' in a start tag") }
            try attribute(into: &attributes)
        }
    }

    private mutating func opened(_ name: Range<Int>, _ attributes: [String: String],
                                 at offset: Int, empty: Bool) throws(XMLSyntaxError) {
        guard open.count < Self.maximumDepth else {
            throw XMLSyntaxError(offset: offset, reason: "nests elements more than \(Self.maximumDepth) deep", kind: .tooDeep)
        }
        sawRoot = true
        let local = localName(name)
        handler.start(local, attributes)
        if empty { handler.end(local) } else { open.append(name) }
    }

    private mutating func endTag() throws(XMLSyntaxError) {
        let tagStart = position
        position += 2
        let name = try self.name()
        skipSpace()
        guard position < bytes.count else { throw cutShort() }
        guard bytes[position] == Byte.greaterThan else { throw XMLSyntaxError(offset: position, reason: "expected '>' to close an end tag") }
        position += 1
        guard let expected = open.popLast() else {
            throw XMLSyntaxError(offset: tagStart, reason: "end tag </\(text(name))> has no start tag")
        }
        guard bytes[expected].elementsEqual(bytes[name]) else {
            throw XMLSyntaxError(offset: tagStart, reason: "end tag </\(text(name))> does not match <\(text(expected))>")
        }
        handler.end(localName(name))
    }

    private mutating func attribute(into attributes: inout [String: String]) throws(XMLSyntaxError) {
        let nameStart = position
        let name = try self.name()
        skipSpace()
        guard position < bytes.count else { throw cutShort() }
        guard bytes[position] == Byte.equals else { throw XMLSyntaxError(offset: position, reason: "expected '=' after the attribute name '\(text(name))'") }
        position += 1
        skipSpace()
        guard position < bytes.count else { throw cutShort() }
        let quote = bytes[position]
        guard quote == Byte.doubleQuote || quote == Byte.singleQuote else {
            throw XMLSyntaxError(offset: position, reason: "expected a quoted value for the attribute '\(text(name))'")
        }
        position += 1
        let valueStart = position
        while position < bytes.count, bytes[position] != quote {
            if bytes[position] == Byte.lessThan { throw XMLSyntaxError(offset: position, reason: "'<' in an attribute value") }
            position += 1
        }
        guard position < bytes.count else { throw cutShort() }
        let value = try XMLCharacterData.decode(bytes[valueStart..<position], at: valueStart, inAttribute: true)
        position += 1
        let qualified = text(name)
        if qualified.hasPrefix("xmlns") { return }
        let local = localName(name)
        guard attributes.updateValue(value, forKey: local) == nil else {
            throw XMLSyntaxError(offset: nameStart, reason: "the attribute '\(qualified)' is given twice")
        }
    }

    // MARK: Character data

    private mutating func characterData() throws(XMLSyntaxError) {
        let start = position
        while position < bytes.count, bytes[position] != Byte.lessThan { position += 1 }
        let run = bytes[start..<position]
        if open.isEmpty {
            guard run.allSatisfy(Byte.isSpace) else { throw XMLSyntaxError(offset: start, reason: "text outside the root element") }
            return
        }
        handler.text(try XMLCharacterData.decode(run, at: start, inAttribute: false))
    }

    private mutating func cdata() throws(XMLSyntaxError) {
        let start = position
        position += 9  // <![CDATA[
        guard let end = find("]]>") else { throw XMLSyntaxError(offset: start, reason: "CDATA is not closed") }
        guard !open.isEmpty else { throw XMLSyntaxError(offset: start, reason: "text outside the root element") }
        handler.text(String(decoding: bytes[position..<end], as: UTF8.self))
        position = end + 3
    }

    // MARK: Scanning

    /// A name: the bytes up to white space or one of `/>=<"'`.
    private mutating func name() throws(XMLSyntaxError) -> Range<Int> {
        let start = position
        while position < bytes.count, !Byte.endsName(bytes[position]) { position += 1 }
        guard position > start else {
            if position == bytes.count { throw cutShort() }
            throw XMLSyntaxError(offset: position, reason: "expected a name")
        }
        return start..<position
    }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = position
        while position < bytes.count, Byte.isSpace(bytes[position]) { position += 1 }
        return position > start
    }

    private mutating func skip(past terminator: StaticString, what: String) throws(XMLSyntaxError) {
        guard let end = find(terminator) else { throw XMLSyntaxError(offset: position, reason: "\(what) is not closed") }
        position = end + terminator.utf8CodeUnitCount
    }

    private func find(_ terminator: StaticString) -> Int? {
        let pattern = UnsafeBufferPointer(start: terminator.utf8Start, count: terminator.utf8CodeUnitCount)
        var index = position
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], bytes[index..<index + pattern.count].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    private func starts(with prefix: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        return bytes.count - position >= pattern.count && bytes[position..<position + pattern.count].elementsEqual(pattern)
    }

    private func cutShort() -> XMLSyntaxError {
        XMLSyntaxError(offset: bytes.count, reason: "the part ends inside a tag")
    }

    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// The name after its namespace prefix (`x:row` → `row`).
    private func localName(_ name: Range<Int>) -> String {
        text(bytes[name].lastIndex(of: Byte.colon).map { ($0 + 1)..<name.upperBound } ?? name)
    }
}

/// The bytes the reader looks for.
enum Byte {
    static let lessThan = UInt8(ascii: "<"), greaterThan = UInt8(ascii: ">"), equals = UInt8(ascii: "=")
    static let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'"), colon = UInt8(ascii: ":")
    static let slash = UInt8(ascii: "/"), ampersand = UInt8(ascii: "&"), semicolon = UInt8(ascii: ";")
    static let carriageReturn = UInt8(ascii: "\r"), lineFeed = UInt8(ascii: "\n")

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

    static func endsName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == slash || byte == greaterThan || byte == equals || byte == lessThan
            || byte == doubleQuote || byte == singleQuote
    }
}
