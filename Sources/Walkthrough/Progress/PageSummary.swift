/// How far a learner has got through one page, counted against its current steps.
public struct PageSummary: Hashable, Sendable {
  public var stem: String
  public var path: String
  public var title: String?
  public var guide: Int?
  public var mark: PageMark
  public var steps: Int
  public var done = 0
  public var solved = 0
  public var skipped = 0
  public var started = 0
  /// The id of the step the learner is at.
  public var position: String?

  /// Steps that need nothing more: done, solved or skipped.
  public var finished: Int { done + solved + skipped }
}
