/// Where a learner stands on one step.
public enum StepStatus: String, Codable, Hashable, Sendable, CaseIterable {
  /// Passed by the learner's own input.
  case done
  /// Passed with `:solve`: the tutor typed the answer.
  case solved
  /// Passed over with `:skip`.
  case skipped
  /// Tried, not passed yet.
  case started

  /// Whether the step needs nothing more from the learner.
  public var isFinished: Bool { self != .started }
}
