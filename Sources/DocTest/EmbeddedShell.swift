import Foundation
import LFE

/// A `ShellSession` over the embedded LFE shell.
public final class EmbeddedShell: ShellSession {
  public let shell: Shell

  public init(shell: Shell) {
    self.shell = shell
  }

  /// Draws a trace as files by extension; tracing is on for every exchange while set.
  public typealias TraceRenderer = @Sendable (Trace, Shell) -> [String: String]
  public var traceRenderer: TraceRenderer? = nil
  private var lastTrace: Trace? = nil

  public func traceFiles() -> [String: String] {
    guard let traceRenderer, let lastTrace else { return [:] }
    return traceRenderer(lastTrace, shell)
  }

  /// The host's time one exchange may take when its block sets no `timeout`.
  public static let defaultStepMilliseconds = 10_000

  public func evaluate(_ input: String, line: Int, profile: Profile, timeout: Duration?) -> String {
    shell.profile = profile
    let runtime = shell.runtime
    let saved = runtime.limits
    defer { runtime.limits = saved }
    // A step that never ends is stopped when its time is up, on the host's clock.
    runtime.limits.wallMillisecondsPerStep = EmbeddedShell.defaultStepMilliseconds
    if let timeout {
      let parts = timeout.components
      let ms = parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
      // Time is virtual while checking, so a block's timeout also bounds how far its
      // `after` clauses and sleeps may move the clock.
      runtime.limits.virtualMillisecondsPerStep = ms
      runtime.limits.wallMillisecondsPerStep = Int(clamping: max(ms, 1))
    }
    guard traceRenderer != nil else { return shell.evaluate(source: input, line: line) }
    lastTrace = runtime.startTrace()
    defer { runtime.trace = nil }
    return shell.evaluate(source: input, line: line)
  }

  public var lastEvaluationTimedOut: Bool { shell.lastFormTimedOut }

  public var hasStopped: Bool { shell.exitRequested }

  public func busyProcesses() -> [BusyProcess] { shell.busyProcesses() }

  /// One runtime per course, on virtual time, reading files from the course's workspace;
  /// a new shell per page, so modules compiled by earlier pages stay loaded.
  public static let factory: ShellFactory = factory(tracing: nil)

  /// The same, tracing each exchange for `renderer` when it is given.
  public static func factory(tracing renderer: TraceRenderer?) -> ShellFactory {
    { workspace in
      let runtime = Runtime(clock: .virtual)
      runtime.readFile = { name in try CourseWorkspace.read(name, in: workspace) }
      return {
        let session = EmbeddedShell(shell: Shell(runtime: runtime, profile: .lfe2))
        session.traceRenderer = renderer
        return session
      }
    }
  }

  /// Finds a module not loaded yet by compiling its file from the workspace, as
  /// Erlang's code server finds `.beam` files in the working directory: for a runtime
  /// that did not see the earlier pages of its course.
  public static func workspaceAutoloader(_ workspace: URL) -> (Runtime, String) -> Bool {
    { runtime, module in
      guard let source = try? CourseWorkspace.read(module + ".lfe", in: workspace),
        let loaded = try? ModuleCompiler.compileAndLoad(
          source: source, file: module + ".lfe", runtime: runtime)
      else { return false }
      return loaded.module == module
    }
  }
}
