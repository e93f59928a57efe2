/// What kind of thing a run of input bytes is. The tokenizer decides this once so rules only compare.
enum TokenKind: UInt8, Sendable {
    case word, number, punct, tag, mention, quoted, description, reference, plusTag, keyValue
}

/// A token over the sanitised UTF-8 bytes of the input. `start`/`end` are byte offsets;
/// `ParseResult` converts them to character offsets at the very end.
struct Token: Sendable {
    var kind: TokenKind
    /// Lowercased text (for `quoted`/`description`/`tag`/`mention`: the payload without its marker).
    var text: String
    var start: Int
    var end: Int
    /// No whitespace between this token and the previous one ("5pm" is `5` then glued `pm`).
    var glued: Bool
    /// Value of a `number` token, or of a number word ("three") through the lexicon.
    var number: Int
    /// Count of digits for a `number` token (tells "03" from "3", "2026" from "26").
    var digits: Int
    var lex: LexEntry
}
