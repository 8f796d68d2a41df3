/// A place in a lesson file, as compilers and editors count: lines and columns from 1.
///
/// Columns count characters of the file's own line, so a block inside a list item keeps
/// the column the author sees, not the one cmark sees after stripping the item's indent.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
  public var path: String
  public var line: Int
  public var column: Int

  public init(path: String, line: Int, column: Int = 1) {
    self.path = path
    self.line = line
    self.column = column
  }

  /// `path:line:col`, the form editors turn into a jump.
  public var description: String { "\(path):\(line):\(column)" }
}
