import Foundation
import LFE

/// A `ShellSession` over the embedded LFE shell.
public final class EmbeddedShell: ShellSession {
  public let shell: Shell

  public init(shell: Shell) {
    self.shell = shell
  }

  public func evaluate(_ input: String, line: Int, profile: Profile, timeout: Duration?) -> String {
    shell.profile = profile
    let runtime = shell.runtime
    let saved = runtime.limits.virtualMillisecondsPerStep
    defer { runtime.limits.virtualMillisecondsPerStep = saved }
    if let timeout {
      // Time is virtual while checking, so a block's timeout bounds how far its
      // `after` clauses and sleeps may move the clock.
      let parts = timeout.components
      runtime.limits.virtualMillisecondsPerStep =
        parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
    return shell.evaluate(source: input, line: line)
  }

  public func busyProcesses() -> [BusyProcess] { shell.busyProcesses() }

  /// One runtime per course, on virtual time, reading files from the course's workspace;
  /// a new shell per page, so modules compiled by earlier pages stay loaded.
  public static let factory: ShellFactory = { workspace in
    let runtime = Runtime(clock: .virtual)
    runtime.readFile = { name in try CourseWorkspace.read(name, in: workspace) }
    return { EmbeddedShell(shell: Shell(runtime: runtime, profile: .lfe2)) }
  }
}
