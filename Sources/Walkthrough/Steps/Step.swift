import Lessons

/// One thing a learner does on a page: save a source file, type one exchange of a
/// transcript, or solve an exercise. Steps are what progress is kept for.
public struct Step: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    /// A source block: the file is saved into the workspace and compiled when used.
    case source
    /// One exchange of a transcript block.
    case exchange(index: Int)
    /// A starter file the learner edits, its hidden solution, and the exchanges that
    /// grade it (the transcript block after the solution).
    case exercise(solutionBlock: Int?, gradingBlock: Int?)
  }

  public var kind: Kind
  /// `03-names-and-lifecycle#4`: the page's file name without extension, then the
  /// step's 1-based place in the page. Shown in the status line and in every report.
  public var id: String
  public var ordinal: Int
  /// The index in `page.blocks` of the block the step comes from.
  public var blockIndex: Int
  /// A hash of what the step asks (its file and text, or its input and expected
  /// output), so saved progress survives edits elsewhere in the course.
  public var contentHash: String

  public init(kind: Kind, id: String, ordinal: Int, blockIndex: Int, contentHash: String) {
    self.kind = kind
    self.id = id
    self.ordinal = ordinal
    self.blockIndex = blockIndex
    self.contentHash = contentHash
  }

  /// The exchange this step types, for exchange steps.
  public func exchange(in page: Page) -> Exchange? {
    guard case .exchange(let index) = kind else { return nil }
    return page.blocks[blockIndex].exchanges[index]
  }

  /// The block the step shows first (the starter, for an exercise).
  public func block(in page: Page) -> CodeBlock { page.blocks[blockIndex] }
}
