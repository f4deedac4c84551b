import Yams

/// The resolver definition and policy files are composed with: Yams' `Resolver.basic`, which
/// has no rules, so reading a file compiles no regular expression. `Resolver.default` compiles
/// seven (bool, int, float, merge, null, timestamp, value) when first used, which starts ICU's
/// regular-expression engine: about 9 million instructions, once the largest single cost of
/// `appendix build` on a small definition. The loader needs no tag: it reads numbers from a
/// scalar's text, and `Bool.construct` reads a plain scalar's text without resolving its tag
/// (a quoted or `!!str` scalar is text either way). The one difference: keys are compared with
/// their tags, and with no rules a plain `1:` and a quoted `"1":` in one mapping are the same
/// key, which Yams reports as a duplicate (before, both reached the loader as entries of the
/// same name).
let definitionResolver = Resolver.basic
