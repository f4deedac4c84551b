/// How a build writes its workbook: libxlsxwriter in memory, or in constant memory (each row
/// flushed to disk as the next begins). Both lay out and write through the same code and give
/// the same workbook; streaming also reads the CSV files row by row instead of loading them.
/// A definition may ask for one (`mode:`); `--mode` on the command line overrides it.
public enum BuildMode: String, Sendable, CaseIterable {
    /// Stream when the CSV files are larger than `ReportBuild.streamingThreshold` (1 MiB).
    case auto
    /// Hold the workbook in memory while it is written (quickest for small inputs).
    case memory
    /// Write in constant memory, whatever the input's size.
    case streaming
}
