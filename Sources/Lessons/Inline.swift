/// A run of text inside a heading or paragraph. Raw inline HTML is left out.
public enum Inline: Hashable, Sendable {
  case text(String)
  /// A code span's content.
  case code(String)
  case emphasis([Inline])
  case strong([Inline])
  case link(destination: String, [Inline])
  case image(destination: String, alt: [Inline])
  /// A line end inside a paragraph: a space when the text is reflowed.
  case softBreak
  /// A hard line break (two trailing spaces or a backslash).
  case lineBreak

  /// The text a reader sees, markup removed, breaks as spaces.
  public static func plainText(_ inlines: [Inline]) -> String {
    var text = ""
    var pending: [ArraySlice<Inline>] = [inlines[...]]
    // A stack of what is left to read at each level, so deep spans need no recursion.
    while var rest = pending.popLast() {
      guard let first = rest.popFirst() else { continue }
      pending.append(rest)
      switch first {
      case .text(let string), .code(let string): text += string
      case .softBreak, .lineBreak: text += " "
      case .emphasis(let inner), .strong(let inner), .link(_, let inner), .image(_, let inner):
        pending.append(inner[...])
      }
    }
    return text
  }
}
