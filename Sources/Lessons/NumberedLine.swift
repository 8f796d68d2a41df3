/// A line of a code block with the file line it came from, so a mismatch can point at
/// the exact line of the page.
public struct NumberedLine: Hashable, Sendable {
  /// The line without the code block's own indentation or a transcript prompt's.
  public var text: String
  public var line: Int

  public init(_ text: String, line: Int) {
    self.text = text
    self.line = line
  }
}
