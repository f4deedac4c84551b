import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element: enough of a DOM to read xlsx parts back in tests.
final class XMLTree {
    let name: String
    let attributes: [String: String]
    var children: [XMLTree] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// Parses `data`, or fails the test with the parser's error.
    static func parse(_ data: Data) throws -> XMLTree {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw XLSXReadError(message: "XML does not parse: \(parser.parserError.map { "\($0)" } ?? "unknown")")
        }
        return root
    }

    /// Direct children called `name` (prefix ignored).
    func children(_ name: String) -> [XMLTree] { children.filter { $0.localName == name } }

    /// The first direct child called `name`.
    func child(_ name: String) -> XMLTree? { children.first { $0.localName == name } }

    /// All descendants called `name`.
    func descendants(_ name: String) -> [XMLTree] {
        children.flatMap { ($0.localName == name ? [$0] : []) + $0.descendants(name) }
    }

    var localName: String { name.split(separator: ":").last.map(String.init) ?? name }

    /// All text below this element.
    var allText: String { text + children.map(\.allText).joined() }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLTree?
    var stack: [XMLTree] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        let element = XMLTree(name: elementName, attributes: attributes)
        stack.last?.children.append(element)
        if root == nil { root = element }
        stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}

struct XLSXReadError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension XMLTree {
    /// The element as one line: name, sorted attributes and children, text; for comparing parts.
    var canonical: String {
        let attributes = self.attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return "<\(localName) \(attributes)>" + children.map(\.canonical).joined() + text.trimmingCharacters(in: .whitespacesAndNewlines) + "</>"
    }
}
