import DocTest
import Foundation
import LFE
import Lessons

/// The LFE session a learner works in on one page: a shell whose bindings, modules and
/// processes last from step to step, the workspace its files are saved in, and the pids
/// the page's transcripts have bound so far.
final class PageSession {
  let runtime: Runtime
  let shell: Shell
  let workspace: URL
  let page: Page
  let pageProfile: Profile
  var bindings = PidBindings()
  /// What processes printed since the last `takeOutput`, when echoing to a terminal.
  private var captured = ""

  /// A session on its own runtime; modules compiled on earlier pages are found again
  /// by compiling their files from the workspace when first called.
  init(page: Page, workspace: URL, clock: ClockMode, limits: Limits = Limits()) {
    self.page = page
    self.workspace = workspace
    pageProfile = Self.profile(of: page)
    runtime = Runtime(clock: clock, limits: limits)
    runtime.readFile = { name in try CourseWorkspace.read(name, in: workspace) }
    runtime.autoloader = EmbeddedShell.workspaceAutoloader(workspace)
    shell = Shell(runtime: runtime, profile: pageProfile)
  }

  /// A session on a runtime shared by a course's pages (a playthrough, as `tutor check`
  /// runs a course).
  init(page: Page, workspace: URL, runtime: Runtime) {
    self.page = page
    self.workspace = workspace
    pageProfile = Self.profile(of: page)
    self.runtime = runtime
    shell = Shell(runtime: runtime, profile: pageProfile)
  }

  static func profile(of page: Page) -> Profile {
    if case .success(let choice) = ProfileResolver.resolve(page) { return choice.profile }
    return .lfe2
  }

  func profile(for block: CodeBlock) -> Profile {
    ProfileResolver.blockProfile(block, page: page, pageProfile: pageProfile) ?? pageProfile
  }

  /// Prints processes' output as it comes (on a terminal) while keeping it for judging.
  func echo(to write: @escaping (String) -> Void) {
    runtime.output.echo = { [unowned self] text in
      self.captured += text
      write(text)
    }
  }

  /// Evaluates typed input (its first form) and returns everything the shell printed.
  func evaluate(_ input: String, line: Int = 1, profile: Profile? = nil) -> String {
    shell.profile = profile ?? pageProfile
    captured = ""
    let text = shell.evaluate(source: input, line: line)
    defer { captured = "" }
    return captured + text
  }

  /// Output that arrived since the last evaluation (background processes at the prompt).
  func takeOutput() -> String {
    defer { captured = "" }
    return captured + runtime.output.drain()
  }

  /// Judges output against the exchange, keeping the pids it binds when it passes.
  func judge(_ exchange: Exchange, output: String, in block: CodeBlock) -> ExchangeJudge.Verdict {
    let verdict = ExchangeJudge.judge(
      exchange, output: output, unordered: block.options.unordered, bindings: bindings)
    if case .passed(let extended) = verdict { bindings = extended }
    return verdict
  }

  /// Saves text as a workspace file.
  func save(_ text: String, as file: String) throws {
    try CourseWorkspace.write(text, to: file, in: workspace)
  }

  /// The text of a workspace file, nil when it is missing.
  func read(_ file: String) -> String? { try? CourseWorkspace.read(file, in: workspace) }

  /// Compiles and loads a workspace file that defines a module; the messages as the
  /// shell's `c` prints them (`m.lfe:5: ...`), empty when it compiled cleanly. Files
  /// without a module are not compiled.
  func compile(_ file: String) -> (ok: Bool, messages: String) {
    guard let source = read(file) else { return (false, "\(file):none: no such file or directory\n") }
    guard source.contains("(defmodule") else { return (true, "") }
    do {
      let loaded = try ModuleCompiler.compileAndLoad(source: source, file: file, runtime: runtime)
      return (true, loaded.warnings.map { "\(file):\($0.location.line): Warning: \($0.message)\n" }.joined())
    } catch {
      return (false, error.errors.map { "\(file):\($0.location.line): \($0.message)\n" }.joined())
    }
  }
}
