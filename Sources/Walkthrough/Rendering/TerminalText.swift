/// Text from a page made safe to print: control characters (an escape that would move the
/// cursor or change colours, say) are shown in caret notation instead of being sent.
enum TerminalText {
  static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
      if !isControl(scalar) {
        result.unicodeScalars.append(scalar)
      } else if scalar.value < 0x20 {
        result += "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
      } else if scalar.value == 0x7F {
        result += "^?"
      } else {
        result += "\u{FFFD}"
      }
    }
    return result
  }

  /// C0 and C1 controls and DEL, except the tab and newline that text is split at.
  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
  }
}
