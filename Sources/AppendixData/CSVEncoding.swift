/// The character encodings a CSV file can be read in.
public enum CSVEncoding: String, Sendable, Equatable, CaseIterable {
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "UTF-8"
    /// UTF-16, little-endian (Excel's "Unicode text").
    case utf16LittleEndian = "UTF-16LE"
    /// UTF-16, big-endian.
    case utf16BigEndian = "UTF-16BE"
    /// Windows-1252 (Excel's plain "CSV" on Windows; Latin-1 files read the same).
    case windows1252 = "Windows-1252"

    /// How a message names the encoding.
    public var name: String { rawValue }
}

/// The `encoding:` of a source: which encoding to read the file in instead of detecting it.
public enum EncodingChoice: String, Sendable, CaseIterable {
    /// UTF-8 (a byte-order mark is skipped).
    case utf8 = "utf-8"
    /// Windows-1252.
    case windows1252 = "windows-1252"
    /// An alias of `windows-1252`, as in web browsers: exports labelled Latin-1 are Windows-1252.
    case latin1 = "latin-1"
    /// UTF-16 in the order its byte-order mark gives, little-endian without one.
    case utf16 = "utf-16"
}

/// The decimal separator of a source's numbers (`decimal:`).
public enum DecimalSeparator: String, Sendable, CaseIterable {
    /// `1,234.50`: a point before the decimals, commas between thousands.
    case point
    /// `1.234,50`: a comma before the decimals, points between thousands.
    case comma
}
