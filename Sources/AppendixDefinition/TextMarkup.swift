/// How a column's text from the CSV is read (`markup:`); without it, text is shown as written.
public enum TextMarkup: String, Sendable, CaseIterable {
    /// HTML from a case-management export (`<p>`, `<br>`, `<ul>`, `<b>`, `&amp;`): lines,
    /// bullets, bold and italic runs, characters for entities, other tags removed
    /// (`HTMLText` in AppendixData).
    case html
}
