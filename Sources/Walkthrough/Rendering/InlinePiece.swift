/// Inline text flattened for wrapping: styled text, or a hard line break.
enum InlinePiece: Hashable, Sendable {
  case text(String, TextStyle)
  case lineBreak
}
