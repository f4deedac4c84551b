// Reading the keys of editable workbooks (EditableKeys.swift): `protect`, `autofilter` and
// `names` of a sheet; `editable`, `validation` and `highlight` of a column.
extension DefinitionLoader {
    static func editingKeys(_ keys: [String: YAMLNode], into sheet: inout SheetDefinition) throws {
        sheet.protect = try keys["protect"]?.bool()
        sheet.autofilter = try keys["autofilter"]?.bool() ?? false
        if let names = keys["names"] {
            sheet.names = try names.namedEntriesWithKeys().map { name, node, keyLocation in
                var defined = DefinedName(name: name, column: try node.string())
                defined.location = keyLocation
                return defined
            }
        }
    }

    static func editingKeys(_ keys: [String: YAMLNode], into column: inout ColumnDefinition) throws {
        column.editable = try keys["editable"]?.bool() ?? false
        column.validation = try keys["validation"].map(validation)
        column.highlights = try keys["highlight"]?.sequence().map(highlight) ?? []
        column.noteFrom = try keys["note_from"]?.string()
        if let node = keys["link"] {
            let text = try node.string()
            guard let link = ColumnLink.written(text) else { throw node.error("a '{' in the link pattern '\(text)' has no matching '}' or names no field") }
            column.link = link
        }
    }

    private static func validation(_ node: YAMLNode) throws -> CellValidation {
        let keys = try node.mapping(allowed: ["list", "list_from", "minimum", "maximum", "whole_numbers", "input_title", "input_message", "error_title", "error_message"])
        let bounds = NumberBounds(minimum: try keys["minimum"]?.number(),
                                  maximum: try keys["maximum"]?.number())
        let numeric = bounds.minimum != nil || bounds.maximum != nil || keys["whole_numbers"] != nil
        let given = [keys["list"] != nil, keys["list_from"] != nil, numeric].filter { $0 }.count
        if given > 1 { throw node.error("a validation has one of 'list', 'list_from' or 'minimum'/'maximum'") }
        let rule: CellValidation.Rule
        if let list = keys["list"] {
            rule = .list(try list.strings())
        } else if let name = keys["list_from"] {
            rule = .listFrom(try name.string())
        } else if numeric {
            rule = .number(bounds, wholeNumbers: try keys["whole_numbers"]?.bool() ?? false)
        } else {
            throw node.error("a validation needs 'list' (the values allowed), 'list_from' (a defined name) or 'minimum' and/or 'maximum' (a number range)")
        }
        var validation = CellValidation(rule, inputTitle: try keys["input_title"]?.string(), inputMessage: try keys["input_message"]?.string(),
                                        errorTitle: try keys["error_title"]?.string(), errorMessage: try keys["error_message"]?.string())
        validation.location = node.location
        validation.keyLocations = keys.mapValues(\.location)
        return validation
    }

    private static func highlight(_ node: YAMLNode) throws -> ColumnHighlight {
        let kinds = ["data_bar", "icons", "above", "below", "outside"]
        let keys = try node.mapping(allowed: kinds + ["colour"])
        let given = kinds.filter { keys[$0] != nil }
        guard given.count == 1, let key = given.first, let value = keys[key] else {
            throw node.error("a highlight has exactly one of \(kinds.map { "'\($0)'" }.joined(separator: ", ")); found \(given.isEmpty ? "none" : given.joined(separator: " and "))")
        }
        let kind: ColumnHighlight.Kind
        switch key {
        case "data_bar":
            guard try value.bool() else { throw value.error("expected 'data_bar: true' (leave the highlight out for no bar)") }
            kind = .dataBar
        case "icons":
            guard try value.string() == "arrows" else { throw value.error("expected 'icons: arrows' (the only icon set Appendix writes)") }
            kind = .arrows
        case "above": kind = .above(try value.number())
        case "below": kind = .below(try value.number())
        default:
            let ids = try value.strings()
            guard ids.count == 2 else { throw value.error("expected two column ids, [low, high], found \(ids.count)") }
            kind = .outside(low: ids[0], high: ids[1])
        }
        var highlight = ColumnHighlight(kind, colour: try keys["colour"]?.choice(HighlightColour.self) ?? .red)
        highlight.location = node.location
        return highlight
    }
}
