/// How many terminal columns text takes: East Asian wide characters and emoji take two,
/// combining marks and controls none, and SGR escape sequences are not counted.
public enum DisplayWidth {
  public static func of(_ text: some StringProtocol) -> Int {
    var columns = 0
    var state = EscapeState.text
    for character in text {
      switch state {
      case .text:
        if character == "\u{1B}" {
          state = .escape
        } else {
          columns += of(character)
        }
      case .escape:
        state = character == "[" ? .sequence : .text
      case .sequence:
        // A control sequence ends with a byte from @ to ~.
        if let scalar = character.unicodeScalars.first, (0x40...0x7E).contains(scalar.value) { state = .text }
      }
    }
    return columns
  }

  private enum EscapeState { case text, escape, sequence }

  public static func of(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    let value = first.value
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    if value < 0x300, scalars.count == 1 { return 1 }
    switch first.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control: return 0
    default: break
    }
    if first.properties.isEmojiPresentation { return 2 }
    if first.properties.isEmoji, scalars.contains("\u{FE0F}") { return 2 }
    return wideRanges.contains { $0.contains(value) } ? 2 : 1
  }

  /// East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth W and F), in outline.
  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
    0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
    0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
    0x20000...0x2FFFD, 0x30000...0x3FFFD,
  ]
}
