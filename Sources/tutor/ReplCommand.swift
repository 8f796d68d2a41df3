import ArgumentParser
import DocTest
import Foundation
import LFE
import Lessons
import Walkthrough

struct ReplCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repl",
    abstract: "Start the embedded LFE shell.",
    discussion: """
      On a terminal the prompt has line editing and history. With input from a pipe it \
      prints what LFE's own shell prints for the same input, and exits 0 at end of input.
      """)

  @Option(help: "How the shell prints: \(Profile.names.joined(separator: ", ")).")
  var profile: String = "lfe2"

  @Flag(help: "Virtual time: timeouts fire at once when every process waits (as `tutor check` runs).")
  var virtualTime = false

  @Option(
    help: ArgumentHelp(
      "How long one form may run before it is stopped (e.g. 10s, 500ms; none for no limit).",
      valueName: "time"))
  var stepTimeout: String = "10s"

  func validate() throws {
    if Profile.named(profile) == nil {
      throw ValidationError(
        "unknown profile '\(profile)'; choose one of \(Profile.names.joined(separator: ", "))")
    }
    if stepTimeout != "none" && BlockOptions.parseDuration(stepTimeout) == nil {
      throw ValidationError("--step-timeout takes a time such as 10s or 500ms, or none; not '\(stepTimeout)'")
    }
  }

  /// The step timeout in milliseconds; nil for none.
  var stepMilliseconds: Int? {
    guard stepTimeout != "none", let d = BlockOptions.parseDuration(stepTimeout) else { return nil }
    let parts = d.components
    return Int(clamping: max(1, parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000))
  }

  func run() throws {
    let runtime = Runtime(clock: virtualTime ? .virtual : .real)
    runtime.readFile = Workspace.current.read
    runtime.limits.wallMillisecondsPerStep = stepMilliseconds
    let shell = Shell(runtime: runtime, profile: Profile.named(profile)!)
    if isatty(STDIN_FILENO) != 0 {
      TerminalShell(shell: shell, editor: LineEditor(historyName: "repl")).run()
      Output.write("\n")
    } else {
      Repl(shell: shell).run(
        readLine: { prompt in
          Output.write(prompt)
          return Swift.readLine(strippingNewline: true)
        }, write: { Output.write($0) })
    }
  }
}

/// Files of the directory LFE code may read (`c` compiles from here); nothing outside it.
struct Workspace {
  let directory: URL

  static var current: Workspace {
    Workspace(directory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
  }

  var read: (String) throws -> String? {
    let dir = directory
    return { name in try CourseWorkspace.read(name, in: dir) }
  }
}

/// Unbuffered standard output, so prompts show before input is read.
enum Output {
  static func write(_ s: String) {
    FileHandle.standardOutput.write(Data(s.utf8))
  }
}
