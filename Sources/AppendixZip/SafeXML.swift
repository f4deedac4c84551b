import Foundation

/// What a part's elements say, one event at a time, with names and attribute names without
/// their namespace prefixes (`x:row` and `row` are the same to the check).
package protocol XMLEventHandler: AnyObject {
    func start(_ name: String, _ attributes: [String: String])
    func end(_ name: String)
    func text(_ text: String)
}

/// Parses XML parts from untrusted files. A part with a document type declaration (`<!DOCTYPE`,
/// where entities are declared: the billion laughs, external entities) or an encoding other than
/// UTF-8 is refused before any parser sees it, so nothing is expanded or fetched whatever the
/// parser would do with it. Parts are read by `XMLByteReader` (not Foundation's XMLParser, which
/// would load libxml2 and ICU into every `appendix` process).
package enum SafeXML {
    /// Parses `bytes` (the part `name`), sending its events to `handler`.
    package static func parse(_ bytes: [UInt8], name: String, into handler: XMLEventHandler) throws(ZipPartError) {
        try screen(bytes, Data(bytes), name: name)
        if let offset = invalidUTF8(bytes) {
            throw ZipPartError(part: name, reason: "is not UTF-8 (an invalid byte on line \(line(of: offset, in: bytes)))")
        }
        let closedRoot: Bool
        do {
            closedRoot = try bytes.withUnsafeBufferPointer { (buffer) throws(XMLSyntaxError) -> Bool in
                var reader = XMLByteReader(buffer, handler: handler)
                return try reader.read()
            }
        } catch where error.kind == .tooDeep {
            throw ZipPartError(part: name, reason: error.reason)
        } catch {
            throw ZipPartError(part: name, reason: "is not well-formed XML (line \(line(of: error.offset, in: bytes)): \(error.reason))")
        }
        guard closedRoot else { throw ZipPartError(part: name, reason: "is cut short (its root element is not closed)") }
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil.
    static func invalidUTF8(_ bytes: [UInt8]) -> Int? {
        do {
            _ = try UTF8Span(validating: bytes.span)
            return nil
        } catch {
            return error.byteOffsets.lowerBound
        }
    }

    /// The line (from 1) of byte `offset`.
    static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// Parses `bytes` into a tree of elements.
    package static func tree(_ bytes: [UInt8], name: String) throws(ZipPartError) -> XMLNode {
        let builder = TreeBuilder()
        try parse(bytes, name: name, into: builder)
        guard let root = builder.root else { throw ZipPartError(part: name, reason: "has no root element") }
        return root
    }

    static let dtdRefusal = "has a document type declaration (<!DOCTYPE or <!ENTITY), which workbooks never need; refused (entities could expand or fetch files)"

    /// Refuses DTDs and encodings other than UTF-8, looking at the bytes only.
    static func screen(_ bytes: [UInt8], _ data: Data, name: String) throws(ZipPartError) {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count, bytes[start] == UInt8(ascii: "<") else {
            throw ZipPartError(part: name, reason: "is not UTF-8 XML (it must begin with '<')")
        }
        if bytes[start...].starts(with: Array("<?xml".utf8)), let close = bytes[start...].firstIndex(of: UInt8(ascii: ">")) {
            let declaration = String(decoding: bytes[start...close], as: UTF8.self).lowercased()
            if let match = declaration.firstMatch(of: /encoding\s*=\s*["']([^"']*)["']/), !["utf-8", "utf8"].contains(String(match.1)) {
                throw ZipPartError(part: name, reason: "declares the encoding '\(match.1)'; only UTF-8 is read")
            }
        }
        // Data's search (compiled optimised in Foundation) rather than the generic firstRange(of:).
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw ZipPartError(part: name, reason: dtdRefusal)
        }
    }
}

/// A part that could not be read: its name and why.
package struct ZipPartError: Error, Sendable, Equatable {
    package var part: String
    package var reason: String
}

/// An element of a small part, read whole.
package final class XMLNode {
    package let name: String
    package let attributes: [String: String]
    package var children: [XMLNode] = []
    package var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// Direct children called `name`.
    package func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }
    /// The first direct child called `name`.
    package func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }
    /// All descendants called `name`, in document order.
    package func descendants(_ name: String) -> [XMLNode] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(name) }
    }
    /// All text below this element.
    package var allText: String { text + children.map(\.allText).joined() }
}

private final class TreeBuilder: XMLEventHandler {
    var root: XMLNode?
    private var stack: [XMLNode] = []

    func start(_ name: String, _ attributes: [String: String]) {
        let node = XMLNode(name: name, attributes: attributes)
        stack.last?.children.append(node)
        if root == nil { root = node }
        stack.append(node)
    }

    func end(_ name: String) { _ = stack.popLast() }

    func text(_ text: String) { stack.last?.text += text }
}
