extension StringProtocol {
  func trimmingTrailingWhitespace() -> String {
    var end = endIndex
    while end > startIndex, let scalar = self[index(before: end)].unicodeScalars.first,
      scalar == " " || scalar == "\t"
    {
      end = index(before: end)
    }
    return String(self[startIndex..<end])
  }

  func trimmingWhitespace() -> String {
    let trailing = trimmingTrailingWhitespace()
    return String(trailing.drop { $0 == " " || $0 == "\t" })
  }

  /// How many spaces and tabs the line starts with.
  var leadingWhitespaceCount: Int {
    prefix { $0 == " " || $0 == "\t" }.count
  }

  var isBlank: Bool { allSatisfy { $0 == " " || $0 == "\t" } }
}

/// Splits text into lines the way cmark numbers them, after the page has been normalised
/// to `\n` line endings. A final newline does not start another line.
func splitLines(_ text: String) -> [String] {
  var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  if lines.last == "" { lines.removeLast() }
  return lines
}
