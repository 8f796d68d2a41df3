/// How far a learner has got through a page, as `tutor progress` marks it.
public enum PageMark: String, Hashable, Sendable {
  case notStarted = "not-started"
  case inProgress = "in-progress"
  /// Every step is done, solved or skipped.
  case done

  /// The mark in plain ASCII: `[ ]`, `[~]`, `[x]`.
  public var symbol: String {
    switch self {
    case .notStarted: return "[ ]"
    case .inProgress: return "[~]"
    case .done: return "[x]"
    }
  }
}
