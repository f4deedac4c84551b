/// The release of Appendix: what `appendix --version` prints and the web app records with
/// every build.
public enum AppendixVersion {
    /// The version number, `MAJOR.MINOR.PATCH`.
    public static let current = "0.1.0"
}
