/// SGR attributes for one run of text. Runs are written each with its own start and a
/// reset after it, so a line never leaves colour on for the next.
struct TextStyle: Hashable, Sendable {
  var bold = false
  var dim = false
  var italic = false
  var underline = false
  /// An SGR foreground colour: 30-37 or 90-97.
  var foreground: Int?

  static let none = TextStyle()
  static let reset = "\u{1B}[0m"

  var isNone: Bool { self == .none }

  /// The escape sequence that turns this style on.
  var sequence: String {
    var codes: [String] = []
    if bold { codes.append("1") }
    if dim { codes.append("2") }
    if italic { codes.append("3") }
    if underline { codes.append("4") }
    if let foreground { codes.append(String(foreground)) }
    return codes.isEmpty ? "" : "\u{1B}[" + codes.joined(separator: ";") + "m"
  }

  /// This style with another's attributes added; the other's colour wins.
  func adding(_ other: TextStyle) -> TextStyle {
    TextStyle(
      bold: bold || other.bold, dim: dim || other.dim, italic: italic || other.italic,
      underline: underline || other.underline, foreground: other.foreground ?? foreground)
  }
}

extension TextStyle {
  static let heading = TextStyle(bold: true, foreground: 36)
  static let topHeading = TextStyle(bold: true, underline: true, foreground: 36)
  static let emphasis = TextStyle(italic: true)
  static let strong = TextStyle(bold: true)
  static let codeSpan = TextStyle(foreground: 33)
  static let linkText = TextStyle(underline: true)
  static let address = TextStyle(dim: true)
  static let image = TextStyle(italic: true)
  static let decoration = TextStyle(dim: true)

  static let comment = TextStyle(dim: true, italic: true)
  static let string = TextStyle(foreground: 32)
  static let number = TextStyle(foreground: 35)
  static let atom = TextStyle(foreground: 36)
  static let keyword = TextStyle(bold: true, foreground: 34)
  static let bracket = TextStyle(dim: true)
  static let prompt = TextStyle(bold: true, foreground: 33)
}
