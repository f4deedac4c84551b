// Where the parts of a definition are, for messages. A definition read from YAML knows the line
// of every key; one built in code knows only its position, so `ReportDefinition.checked()`
// places each part by its key path (`sheets[0].columns[2]`) in the definition's `file`
// (`<code>` unless the program names it), with line 0.

extension DefinitionLocation {
    /// The location of a part built in code before ``ReportDefinition/checked()`` places it.
    package static let inCode = DefinitionLocation(file: "", path: "", line: 0, column: 0)

    /// Whether the part was built in code (it has no line in a file).
    package var isInCode: Bool { line == 0 }

    /// The location of `key` under this one: the same line, the path extended (`sheets[0]` →
    /// `sheets[0].filter`).
    package func appending(_ key: String) -> DefinitionLocation {
        var location = self
        location.path = path.isEmpty ? key : "\(path).\(key)"
        return location
    }

    /// The location of a part built in code at key path `path` of definition file `file`.
    static func code(_ file: String, _ path: String) -> DefinitionLocation {
        DefinitionLocation(file: file, path: path, line: 0, column: 0)
    }
}

/// A part of a definition whose keys can be placed: the key's own line when read from YAML,
/// else the part's location with the key added to its path.
private func placedLocation(of key: String, in keys: [String: DefinitionLocation], under location: DefinitionLocation) -> DefinitionLocation {
    if let written = keys[key], !written.isInCode { return written }
    return location.appending(key)
}

extension ReportDefinition {
    /// Where top-level key `key` is written (`sources`, `sheets`).
    package func location(of key: String) -> DefinitionLocation {
        placedLocation(of: key, in: keyLocations, under: .code(file, ""))
    }

    /// Every part built in code given its key path in ``file`` by position; parts read from
    /// YAML keep their lines.
    package func placed() -> ReportDefinition {
        var definition = self
        for index in definition.sources.indices where definition.sources[index].location.isInCode {
            definition.sources[index].location = .code(file, "sources.\(definition.sources[index].name)")
        }
        for index in definition.sheets.indices {
            definition.sheets[index].place(file: file, path: "sheets[\(index)]")
        }
        return definition
    }
}

extension SourceDefinition {
    /// Where key `key` of the source is written.
    package func location(of key: String) -> DefinitionLocation {
        placedLocation(of: key, in: keyLocations, under: location)
    }

    /// Where `field` is named under `fields:`.
    package func location(ofField field: String) -> DefinitionLocation {
        fieldTypeLocations[field] ?? location(of: "fields").appending(field)
    }
}

extension SheetDefinition {
    /// Where key `key` of the sheet is written (`filter`, `print.footer`).
    package func location(of key: String) -> DefinitionLocation {
        placedLocation(of: key, in: keyLocations, under: location)
    }

    /// Places the sheet and its parts built in code under `path` of `file`.
    mutating func place(file: String, path: String) {
        if location.isInCode { location = .code(file, path) }
        for index in columns.indices where columns[index].location.isInCode {
            columns[index].location = .code(file, "\(path).columns[\(index)]")
        }
        for index in columns.indices {
            columns[index].placeEditingKeys()
        }
        for index in names.indices where names[index].location.isInCode {
            names[index].location = .code(file, "\(path).names.\(names[index].name)")
        }
        for index in groupBy.indices where groupBy[index].location.isInCode {
            groupBy[index].location = .code(file, "\(path).group_by[\(index)]")
        }
        for index in sort.indices where sort[index].location.isInCode {
            sort[index].location = .code(file, "\(path).sort[\(index)]")
        }
        for index in headerGroups.indices where headerGroups[index].location.isInCode {
            headerGroups[index].location = .code(file, "\(path).header_groups[\(index)]")
        }
        if let totals, totals.location.isInCode { self.totals?.location = .code(file, "\(path).totals") }
    }
}

extension ColumnDefinition {
    /// Places the column's validation and highlights built in code under its own path.
    mutating func placeEditingKeys() {
        if let validation, validation.location.isInCode { self.validation?.location = location.appending("validation") }
        for index in highlights.indices where highlights[index].location.isInCode {
            highlights[index].location = location.appending("highlight[\(index)]")
        }
    }

    /// Where key `key` of the column is written (`id`, `format`, `width`).
    package func location(of key: String) -> DefinitionLocation {
        placedLocation(of: key, in: keyLocations, under: location)
    }

    /// Where its `field`, `expression` or `display` is written.
    package var contentLocation: DefinitionLocation {
        guard let key = ["field", "expression", "display"].first(where: { keyLocations[$0] != nil }) else { return location }
        return location(of: key)
    }
}
