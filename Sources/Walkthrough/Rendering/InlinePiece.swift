/// Inline text flattened for wrapping: styled text, or a hard line break.
enum InlinePiece: Hashable, Sendable {
  case text(String, TextStyle)
  /// A code span: its runs of spaces are kept as written where the line is not broken.
  case code(String, TextStyle)
  case lineBreak
}
