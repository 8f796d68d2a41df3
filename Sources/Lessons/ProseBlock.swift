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

  /// What of `blocks` lies within `lines`: blocks wholly inside, and quotes, lists and
  /// items that cross an edge cut down to their children inside (an item holding a step's
  /// code keeps its text before the code, under its own number).
  ///
  /// This recurses as deep as the blocks nest, which a page's model caps.
  public static func within(_ blocks: [ProseBlock], lines: ClosedRange<Int>) -> [ProseBlock] {
    var kept: [ProseBlock] = []
    for block in blocks where block.endLine >= lines.lowerBound && block.line <= lines.upperBound {
      if lines.contains(block.line), lines.contains(block.endLine) {
        kept.append(block)
        continue
      }
      var cut = block
      cut.children = []
      var firstKept: Int?
      for (index, child) in block.children.enumerated() {
        let inside = within([child], lines: lines)
        if !inside.isEmpty, firstKept == nil { firstKept = index }
        cut.children += inside
      }
      guard let firstKept, let first = cut.children.first, let last = cut.children.last else { continue }
      cut.line = first.line
      cut.endLine = last.endLine
      if case .list(let ordered, let start, let tight) = block.kind {
        cut.kind = .list(ordered: ordered, start: start &+ firstKept, tight: tight)
      }
      kept.append(cut)
    }
    return kept
  }
}
