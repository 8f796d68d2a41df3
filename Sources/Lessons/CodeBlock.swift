/// A fenced, Liquid or indented code block of a page, classified for running.
public struct CodeBlock: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable {
    /// An LFE file the run saves into the workspace when it reaches the block.
    case source
    /// Shell exchanges to replay and check.
    case transcript
    /// Shown to the learner, never run.
    case other
  }

  /// Where a source block's file name came from, strongest first.
  public enum FileOrigin: String, Hashable, Sendable {
    /// `file=ring.lfe` in the info string.
    case infoString
    /// `<!-- tutor: file=ring.lfe -->` before the block.
    case comment
    /// A file name in the paragraph just before: "Save the following as `ring.lfe`".
    case prose
    /// The module the block defines: `(defmodule ring` gives `ring.lfe`.
    case module
  }

  public var kind: Kind
  /// The info string's first word (`lfe`, `cl`, ...), nil when there is none.
  public var language: String?
  /// The whole info string, Liquid arguments included.
  public var info: String
  /// The line of the opening fence; nil for an indented block, which has none.
  public var fenceLine: Int?
  /// The first content line. For an empty block this is the line after the fence and
  /// `endLine` is one less.
  public var line: Int
  /// The last content line.
  public var endLine: Int
  /// The content, without the fences and without the indentation of a list item or quote
  /// around it; every line ends with a newline.
  public var text: String
  /// The file a source block is saved as; nil for other kinds, and for a source block
  /// whose name could not be found (the page then has a warning).
  public var file: String?
  public var fileOrigin: FileOrigin?
  /// The options in force: the page defaults with the block's own comment on top.
  public var options: BlockOptions
  /// A transcript's exchanges, in order; empty for other kinds.
  public var exchanges: [Exchange]
  /// Errors confined to this block, such as a transcript line before any prompt: they
  /// are among the page's diagnostics too, but the rest of the page can still run.
  public var errors: [Diagnostic] = []

  public init(
    kind: Kind, language: String?, info: String, fenceLine: Int?, line: Int, endLine: Int,
    text: String, file: String? = nil, fileOrigin: FileOrigin? = nil,
    options: BlockOptions = BlockOptions(), exchanges: [Exchange] = []
  ) {
    self.kind = kind
    self.language = language
    self.info = info
    self.fenceLine = fenceLine
    self.line = line
    self.endLine = endLine
    self.text = text
    self.file = file
    self.fileOrigin = fileOrigin
    self.options = options
    self.exchanges = exchanges
  }

  /// The content lines, each with its file line number.
  public var lines: [NumberedLine] {
    splitLines(text).enumerated().map { NumberedLine($1, line: line + $0) }
  }

  /// The file lines the content spans, possibly empty.
  public var lineRange: Range<Int> { line..<(endLine + 1) }
}
