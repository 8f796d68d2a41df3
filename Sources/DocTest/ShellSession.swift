import Foundation
import LFE

/// The one seam between checking and the language: a shell session that evaluates what a
/// transcript types and returns everything the shell prints for it.
///
/// Checking logic never touches the interpreter directly, so it can be tested against a
/// fake session with scripted answers.
public protocol ShellSession: AnyObject {
  /// Evaluates the first form of `input` (whose first line is `line` of its page) and
  /// returns what the shell prints: process output, compile messages, the value or the
  /// error. `timeout` bounds how far the run may go, when the block sets one.
  func evaluate(_ input: String, line: Int, profile: Profile, timeout: Duration?) -> String

  /// Whether the last `evaluate` was stopped because it ran out of time (the block's
  /// `timeout`, or the default time a step may take).
  var lastEvaluationTimedOut: Bool { get }

  /// Whether the session has ended (the page ran `(exit)`, `(q)` or `(c:q)`).
  var hasStopped: Bool { get }

  /// Files drawing what the processes did in the last `evaluate`, by extension (`txt`,
  /// `svg`), when the session traces; empty otherwise.
  func traceFiles() -> [String: String]

  /// Processes still running (not waiting) after the last evaluation.
  func busyProcesses() -> [BusyProcess]
}

extension ShellSession {
  public var lastEvaluationTimedOut: Bool { false }
  public var hasStopped: Bool { false }
  public func traceFiles() -> [String: String] { [:] }
  public func busyProcesses() -> [BusyProcess] { [] }
}

/// Starts the LFE system for one course in `workspace` and returns a maker of sessions,
/// one per page. It is called on the thread that runs the course, and what it returns
/// stays there, so the interpreter need not be thread-safe.
public typealias ShellFactory = @Sendable (_ workspace: URL) -> () -> any ShellSession
