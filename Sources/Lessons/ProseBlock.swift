/// One block of a page's prose, as a reader sees it: headings, paragraphs, quotes, lists
/// and code, with the page lines it spans so a front end can pick the prose between two
/// code blocks. Raw HTML (where `<!-- tutor: ... -->` comments live) is left out.
public struct ProseBlock: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    case heading(level: Int)
    case paragraph
    /// Its content is `children`.
    case blockQuote
    /// Its `children` are `.item`s.
    case list(ordered: Bool, start: Int, tight: Bool)
    /// Its content is `children`.
    case item
    /// A fenced or indented code block; `language` is the info string's first word.
    case code(language: String?, text: String)
    case thematicBreak
  }

  /// Containers nested deeper than this are flattened into their ancestor at this depth,
  /// and inline spans likewise, so a hostile page cannot build values whose destruction
  /// recurses as deep as its nesting.
  public static let maximumDepth = 16

  public var kind: Kind
  /// The first line in the page file; for fenced code, the opening fence.
  public var line: Int
  /// The last line in the page file.
  public var endLine: Int
  /// The text of a heading or paragraph.
  public var inlines: [Inline]
  public var children: [ProseBlock]

  public init(kind: Kind, line: Int, endLine: Int, inlines: [Inline] = [], children: [ProseBlock] = []) {
    self.kind = kind
    self.line = line
    self.endLine = endLine
    self.inlines = inlines
    self.children = children
  }
}
