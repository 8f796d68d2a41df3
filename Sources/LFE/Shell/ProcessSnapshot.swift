/// One process as a learner may look at it (`:ps`, hints): read from the runtime between
/// steps, changing nothing.
public struct ProcessSnapshot: Equatable, Sendable {
  /// In Erlang's spelling, `<0.85.0>`, whatever the shell's profile.
  public var pid: String
  public var registeredName: String?
  /// Where it is now, as LFE names a function: `messenger:listen/0`, `loop/0` for a
  /// function typed at the prompt.
  public var currentFunction: String
  /// The function it was started in: `erlang:apply/2` for a spawned fun, as in Erlang.
  public var initialCall: String
  /// `runnable`, `waiting`, `waiting (after 900 ms)` when a receive's `after` (or a
  /// sleep) will wake it, `idle` for the shell's evaluator between forms.
  public var status: String
  public var mailboxLength: Int
  /// Pids it is linked to.
  public var links: [String]
  /// Pids it monitors.
  public var monitors: [String]
  /// Pids that monitor it.
  public var monitoredBy: [String]
  /// Whether it is the process that evaluates the shell's forms (`(self)` at the prompt).
  public var isShellEvaluator: Bool

  public init(
    pid: String, registeredName: String?, currentFunction: String, initialCall: String, status: String,
    mailboxLength: Int, links: [String], monitors: [String], monitoredBy: [String], isShellEvaluator: Bool
  ) {
    self.pid = pid
    self.registeredName = registeredName
    self.currentFunction = currentFunction
    self.initialCall = initialCall
    self.status = status
    self.mailboxLength = mailboxLength
    self.links = links
    self.monitors = monitors
    self.monitoredBy = monitoredBy
    self.isShellEvaluator = isShellEvaluator
  }
}
