import Yams

extension YAMLNode {
    /// The YAML document in `text`, composed for the loader: `Yams.compose` with three of its
    /// defaults replaced, each of which cost a small appendix's start-up more than reading its
    /// definition (measured with callgrind on the 40-row benchmark):
    /// - `Resolver.basic` (no rules) for `Resolver.default`, whose seven regular expressions
    ///   (bool, int, float, merge, null, timestamp, value) start ICU's regular-expression engine
    ///   when first used: about 9 million instructions. The loader needs no tag: it reads numbers
    ///   from a scalar's text, and `Bool.construct` reads a plain scalar's text without resolving
    ///   its tag (a quoted or `!!str` scalar is text either way). One difference: keys are
    ///   compared with their tags, so a plain `1:` and a quoted `"1":` in one mapping are now the
    ///   same key, which Yams reports as a duplicate (before, both reached the loader under one name).
    /// - A `Constructor` with no maps for `Constructor.default`, which builds its maps of
    ///   closures on every call; the loader constructs no values through it (`Node.any` would
    ///   give text).
    /// - `.utf8` for `Parser.Encoding.default`, which copies the whole environment to look for
    ///   `YAMS_DEFAULT_ENCODING` (and prints a line on standard output when it is set); Swift
    ///   strings on Linux are UTF-8, which is what it chose otherwise.
    static func compose(_ text: String) throws -> Node? {
        try Yams.compose(yaml: text, .basic, Constructor([:], [:], [:]), .utf8)
    }
}
