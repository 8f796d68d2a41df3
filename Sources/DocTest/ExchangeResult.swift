import Lessons

/// What running one transcript exchange found.
public struct ExchangeResult: Hashable, Sendable {
  public enum Status: String, Hashable, Sendable, Codable {
    case passed, failed, skipped
    /// Run, but the page shows no output to compare with: never counted as passed.
    case unchecked
  }

  /// Why an exchange is unchecked, for every report.
  public static let uncheckedReason = "the page shows no output for this input"

  public var exchange: Exchange
  public var status: Status
  /// Whether the output was compared: an exchange whose page shows no output is run only.
  public var checked: Bool
  /// What the shell printed, one line each, trailing whitespace and blank lines dropped.
  public var actual: [String]
  /// Why it failed, for a failure: `transcript mismatch`, or a timeout; why it was not
  /// checked, for an unchecked one.
  public var message: String?
  /// The unified diff of expected against actual, for a mismatch.
  public var diff: UnifiedDiff?
  /// Problems found at other places of the page that explain this failure, such as the
  /// compile error behind a failing `(c "m")`.
  public var notes: [Diagnostic]
  /// The expected lines `--update` writes instead, keeping the page's pid spellings and
  /// `...` lines; nil when the exchange passed.
  public var proposed: [String]?
  /// The column where the input starts on its line, after the prompt.
  public var column = 1
  /// For a failure while tracing: files drawing what the processes did, by extension.
  public var traceFiles: [String: String] = [:]

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

extension ExchangeResult {
  /// Everything running found, without the page's exchange it belongs to: what a child
  /// course run sends back to its parent. It names every stored property but
  /// `exchange` (a test holds it to that), so a new finding cannot be lost on the way.
  struct Findings: Codable, Equatable {
    var status: Status
    var checked: Bool
    var actual: [String]
    var message: String?
    var diff: UnifiedDiff?
    var notes: [Diagnostic]
    var proposed: [String]?
    var column: Int
    var traceFiles: [String: String]
  }

  var findings: Findings {
    get {
      Findings(
        status: status, checked: checked, actual: actual, message: message, diff: diff, notes: notes,
        proposed: proposed, column: column, traceFiles: traceFiles)
    }
    set {
      status = newValue.status
      checked = newValue.checked
      actual = newValue.actual
      message = newValue.message
      diff = newValue.diff
      notes = newValue.notes
      proposed = newValue.proposed
      column = newValue.column
      traceFiles = newValue.traceFiles
    }
  }

  /// The result for `exchange` with these findings.
  init(exchange: Exchange, findings: Findings) {
    self.init(exchange: exchange, status: findings.status)
    self.findings = findings
  }
}
