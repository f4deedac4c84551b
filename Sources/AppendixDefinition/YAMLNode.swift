import AppendixData
import Foundation
import Yams

/// A node of a definition file with its key path, for typed reads that fail with a
/// ``DefinitionError`` naming the file, the key path and the line.
package struct YAMLNode {
    package let node: Node
    package let path: String
    package let file: String

    /// The root of a YAML document; `emptyMessage` is the error for a document with nothing in it.
    package static func document(_ text: String, file: String, emptyMessage: String) throws -> YAMLNode {
        let root: Node?
        do {
            root = try compose(text)
        } catch let error as YamlError {
            throw DefinitionLoader.syntaxError(error, file: file)
        }
        guard let root else { throw DefinitionError(DefinitionLocation(file: file, path: "", line: 1, column: 1), emptyMessage) }
        return YAMLNode(node: root, path: "", file: file)
    }

    /// The text of the YAML file at `url` (`name` in messages); `kind` says what the file is in
    /// them: "the definition file does not exist", "the policy file is not UTF-8 text".
    package static func text(of url: URL, name: String, kind: String) throws -> String {
        let start = DefinitionLocation(file: name, path: "", line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DefinitionError(start, "the \(kind) file \(FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "does not exist")")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw DefinitionError(start, "the \(kind) file is not UTF-8 text") }
        return text
    }

    package var location: DefinitionLocation {
        DefinitionLocation(file: file, path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    /// An error at this node; its value is the node's text when it is a scalar (the value or
    /// key being refused).
    package func error(_ message: String, limit: ExcelLimit? = nil) -> DefinitionError {
        var scalarText: String?
        if case .scalar(let scalar) = resolved { scalarText = scalar.string }
        return DefinitionError(location, message, value: scalarText, limit: limit)
    }

    /// The entries of a mapping, after checking every key is one of `allowed`.
    package func mapping(allowed: [String]) throws -> [String: YAMLNode] {
        guard case .mapping(let mapping) = resolved else {
            throw error("expected a mapping of keys (\(allowed.joined(separator: ", "))), found \(kind)")
        }
        var entries: [String: YAMLNode] = [:]
        for (keyNode, valueNode) in mapping {
            let key = keyNode.string ?? ""
            let child = YAMLNode(node: valueNode, path: path.isEmpty ? key : "\(path).\(key)", file: file)
            guard allowed.contains(key) else {
                let suggestion = didYouMean(key, among: allowed)
                throw YAMLNode(node: keyNode, path: child.path, file: file)
                    .error("unknown key '\(key)'\(suggestion); allowed here: \(allowed.joined(separator: ", "))")
            }
            entries[key] = child
        }
        return entries
    }

    /// The entries of a mapping whose keys are names chosen by the user, in file order.
    package func namedEntries() throws -> [(name: String, node: YAMLNode)] {
        guard case .mapping(let mapping) = resolved else { throw error("expected a mapping of names, found \(kind)") }
        return mapping.map { key, value in
            let name = key.string ?? ""
            return (name, YAMLNode(node: value, path: path.isEmpty ? name : "\(path).\(name)", file: file))
        }
    }

    /// Like ``namedEntries()``, with where each name (the key itself) is written.
    func namedEntriesWithKeys() throws -> [(name: String, node: YAMLNode, keyLocation: DefinitionLocation)] {
        guard case .mapping(let mapping) = resolved else { throw error("expected a mapping of names, found \(kind)") }
        return mapping.map { key, value in
            let name = key.string ?? ""
            let childPath = path.isEmpty ? name : "\(path).\(name)"
            return (name, YAMLNode(node: value, path: childPath, file: file), YAMLNode(node: key, path: childPath, file: file).location)
        }
    }

    package func sequence() throws -> [YAMLNode] {
        guard case .sequence(let sequence) = resolved else { throw error("expected a list, found \(kind)") }
        return sequence.enumerated().map { index, item in
            YAMLNode(node: item, path: "\(path)[\(index)]", file: file)
        }
    }

    package func string() throws -> String {
        guard case .scalar(let scalar) = resolved else { throw error("expected text, found \(kind)") }
        return scalar.string
    }

    /// A list of strings; a single string is taken as a one-item list.
    package func strings() throws -> [String] {
        if case .scalar = resolved { return [try string()] }
        return try sequence().map { try $0.string() }
    }

    package func bool() throws -> Bool {
        guard case .scalar(let scalar) = resolved, let value = Bool.construct(from: scalar) else {
            throw error("expected true or false, found \(describe)")
        }
        return value
    }

    package func integer(in range: ClosedRange<Int>) throws -> Int {
        guard case .scalar(let scalar) = resolved, let value = Int(scalar.string), range.contains(value) else {
            throw error("expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(describe)")
        }
        return value
    }

    package func number(in range: ClosedRange<Double>) throws -> Double {
        guard case .scalar(let scalar) = resolved, let value = Double(scalar.string), range.contains(value) else {
            throw error("expected a number from \(range.lowerBound) to \(range.upperBound), found \(describe)")
        }
        return value
    }

    /// Any finite number (`0.1`, `-5`, `1e3`).
    package func number() throws -> Double {
        guard case .scalar(let scalar) = resolved, let value = Double(scalar.string), value.isFinite else {
            throw error("expected a number, found \(describe)")
        }
        return value
    }

    package func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws -> T where T.RawValue == String {
        let text = try string()
        guard let value = T(rawValue: text.lowercased()) else {
            throw error("expected one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), found '\(text)'")
        }
        return value
    }

    /// The node itself: Yams' composer already replaces aliases by their anchors' nodes.
    private var resolved: Node { node }

    private var kind: String {
        switch resolved {
        case .scalar(let scalar): return "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private var describe: String { kind }
}

/// ` (did you mean 'X'?)` for the name of `candidates` closest to `name`, when it is within two
/// edits; else empty.
func didYouMean(_ name: String, among candidates: [String]) -> String {
    candidates.min { editDistance($0, name) < editDistance($1, name) }
        .flatMap { editDistance($0, name) <= 2 ? " (did you mean '\($0)'?)" : nil } ?? ""
}

/// Levenshtein distance, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
