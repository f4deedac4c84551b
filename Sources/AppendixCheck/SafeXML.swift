import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

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
/// parser would do with it (what FoundationXML does with them is recorded by CheckSafetyTests).
package enum SafeXML {
    /// Parses `bytes` (the part `name`), sending its events to `handler`.
    package static func parse(_ bytes: [UInt8], name: String, into handler: XMLEventHandler) throws(ZipPartError) {
        let data = Data(bytes)
        try screen(bytes, data, name: name)
        // From a stream: XMLParser(data:) fails (libxml2 error 1) on any part over about 10 MB,
        // a large sheet's size; from a stream it reads the same part in chunks (CheckSafetyTests).
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldResolveExternalEntities = false
        let adaptor = DelegateAdaptor(handler)
        parser.delegate = adaptor
        let parsed = parser.parse()
        guard !adaptor.tooDeep else {
            throw ZipPartError(part: name, reason: "nests elements more than \(DelegateAdaptor.maximumDepth) deep")
        }
        // FoundationXML's parse() returns true for a document cut short or with mismatched
        // tags, setting only parserError (CheckSafetyTests), so both are looked at.
        guard parsed, parser.parserError == nil else {
            let code = parser.parserError.map { ($0 as NSError).code } ?? 0
            throw ZipPartError(part: name, reason: "is not well-formed XML (line \(parser.lineNumber), libxml2 error \(code))")
        }
        // The parser does not always say a part is cut short (`<a>` alone parses without an
        // error), so the root element must have been opened and closed.
        guard adaptor.closedRoot else { throw ZipPartError(part: name, reason: "is cut short (its root element is not closed)") }
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

/// XMLParser's delegate, passing events on with local names. It stops the parse at a depth
/// of 256: FoundationXML has no limit of its own (100,000 levels parse; CheckSafetyTests),
/// and a tree that deep would overflow the stack when freed.
private final class DelegateAdaptor: NSObject, XMLParserDelegate {
    /// Far deeper than SpreadsheetML or DrawingML nest (about 20 levels).
    static let maximumDepth = 256
    private let handler: XMLEventHandler
    private var depth = 0
    private(set) var tooDeep = false
    /// Whether an element was opened at depth 1 and depth came back to 0.
    private(set) var closedRoot = false

    init(_ handler: XMLEventHandler) { self.handler = handler }

    static func local(_ name: String) -> String {
        name.lastIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            tooDeep = true
            parser.abortParsing()
            return
        }
        var local: [String: String] = [:]
        for (key, value) in attributes where !key.hasPrefix("xmlns") { local[Self.local(key)] = value }
        handler.start(Self.local(elementName), local)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        if depth == 0 { closedRoot = true }
        handler.end(Self.local(elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { handler.text(string) }
}
