/// A section heading, ATX (`## Title`) or setext, for tables of contents and for telling
/// the learner where a step sits.
public struct Heading: Hashable, Sendable {
  /// 1 for `#`, up to 6.
  public var level: Int
  /// The heading as read, markup removed.
  public var text: String
  public var line: Int

  public init(level: Int, text: String, line: Int) {
    self.level = level
    self.text = text
    self.line = line
  }
}
