import Lessons

/// What running one transcript exchange found.
public struct ExchangeResult: Hashable, Sendable {
  public enum Status: String, Hashable, Sendable, Codable {
    case passed, failed, skipped
  }

  public var exchange: Exchange
  public var status: Status
  /// Whether the output was compared: an exchange whose page shows no output is run only.
  public var checked: Bool
  /// What the shell printed, one line each, trailing whitespace and blank lines dropped.
  public var actual: [String]
  /// Why it failed, for a failure: `transcript mismatch`, or a timeout.
  public var message: String?
  /// The unified diff of expected against actual, for a mismatch.
  public var diff: UnifiedDiff?
  /// Problems found at other places of the page that explain this failure, such as the
  /// compile error behind a failing `(c "m")`.
  public var notes: [Diagnostic]
  /// The expected lines `--update` writes instead, keeping the page's pid spellings and
  /// `...` lines; nil when the exchange passed.
  public var proposed: [String]?

  public init(
    exchange: Exchange, status: Status, checked: Bool = true, actual: [String] = [], message: String? = nil,
    diff: UnifiedDiff? = nil, notes: [Diagnostic] = [], proposed: [String]? = nil
  ) {
    self.exchange = exchange
    self.status = status
    self.checked = checked
    self.actual = actual
    self.message = message
    self.diff = diff
    self.notes = notes
    self.proposed = proposed
  }
}
