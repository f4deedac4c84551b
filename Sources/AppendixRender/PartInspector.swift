import CAppendixSupport
import Foundation

/// Watches one XML part stream past, keeping only its head (for the root element's name), its
/// tail (for the closing tag) and a count of `<row ` elements: constant memory however large.
package struct PartInspector {
    private(set) var rows = 0
    private var head: [UInt8] = []
    private var tail: [UInt8] = []
    /// The last four bytes of the previous chunk, for a `<row ` split between chunks.
    private var carry: [UInt8] = []
    private static let rowTag = Array("<row ".utf8)
    private static let headLength = 1_024, tailLength = 256

    /// Takes the next piece of the part.
    package mutating func consume(_ chunk: UnsafeRawBufferPointer) {
        guard !chunk.isEmpty else { return }
        if head.count < Self.headLength { head += chunk.prefix(Self.headLength - head.count) }
        rows += Self.straddlingRows(carry, chunk) + Self.rows(in: chunk)
        carry = Array((carry + chunk.suffix(4)).suffix(4))
        tail = chunk.count >= Self.tailLength ? Array(chunk.suffix(Self.tailLength)) : Array((tail + chunk).suffix(Self.tailLength))
    }

    /// The root element's name, from the start of the part.
    var rootName: String? {
        var index = 0
        while let open = head[index...].firstIndex(of: UInt8(ascii: "<")) {
            let next = open + 1
            guard next < head.count else { return nil }
            if head[next] != UInt8(ascii: "?") && head[next] != UInt8(ascii: "!") {
                let name = head[next...].prefix { !" \t\r\n/>".utf8.contains($0) }
                return name.isEmpty ? nil : String(decoding: name, as: UTF8.self)
            }
            index = next
        }
        return nil
    }

    /// Whether the part ends (after white space) with `</root>`, or is a lone `<root …/>`.
    var endsWithRootClosingTag: Bool {
        guard let root = rootName else { return false }
        let trimmed = tail.reversed().drop { " \t\r\n".utf8.contains($0) }.reversed()
        if Array(trimmed).suffix(root.utf8.count + 3) == Array("</\(root)>".utf8) { return true }
        return head.count < Self.headLength && Array(trimmed).suffix(2) == Array("/>".utf8) && head.filter { $0 == UInt8(ascii: "<") }.count <= 2
    }

    /// `<row ` elements wholly inside `chunk`.
    private static func rows(in chunk: UnsafeRawBufferPointer) -> Int {
        rowTag.withUnsafeBytes { Int(appendix_count_occurrences(chunk.baseAddress, chunk.count, $0.baseAddress, 5)) }
    }

    /// `<row ` elements that begin in `previous` (its last four bytes) and end in `chunk`.
    private static func straddlingRows(_ previous: [UInt8], _ chunk: UnsafeRawBufferPointer) -> Int {
        guard !previous.isEmpty else { return 0 }
        let window = previous + chunk.prefix(4)
        var found = 0
        for start in 0..<previous.count where start + 5 <= window.count && Array(window[start..<(start + 5)]) == rowTag {
            found += 1
        }
        return found
    }
}
