/// One CSV input of a form: a file from the data folder (`pick.FIELD`, by id) or an upload
/// (`file.FIELD`, used instead). Every page with such an input renders it with the
/// `dataFilePicker` partial (PageTemplates.dataFilePicker) from ``values``.
struct DataFilePicker {
    /// The ids' suffix: `pick-SLOT` and `file-SLOT`.
    var slot: String
    /// The form fields' suffix: `pick.FIELD` and `file.FIELD`.
    var field: String
    /// The fieldset's legend: this text, then ``legendCode`` in `<code>`, then ``legendNote``.
    var legend: String
    var legendCode: String?
    var legendNote: String?
    /// A paragraph under the legend.
    var note: String?
    /// The first choice of the list, which picks no file.
    var noneLabel: String
    var files: [DataFile]
    /// The name of the file selected at first, if any.
    var selectedName: String?

    /// The partial's values. An absent optional is `false`, not left out: Mustache looks a key
    /// the context lacks up in the enclosing ones (the page's values), which could fill it.
    var values: [String: Any] {
        [
            "slot": slot, "field": field, "legend": legend, "noneLabel": noneLabel,
            "legendCode": Self.textOrFalse(legendCode), "legendNote": Self.textOrFalse(legendNote), "note": Self.textOrFalse(note),
            "options": files.map { ["id": $0.id, "name": $0.name, "selected": $0.name == selectedName] as [String: Any] },
        ]
    }

    private static func textOrFalse(_ text: String?) -> Any { text.map { $0 as Any } ?? false }
}
