import ArgumentParser
import DocTest
import Foundation
import LFE
import Walkthrough

struct ReplCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repl",
    abstract: "Start the embedded LFE shell.",
    discussion: """
      On a terminal the prompt has line editing and history. With input from a pipe it
      prints what LFE's own shell prints for the same input, and exits 0 at end of input.
      """)

  @Option(help: "How the shell prints: \(Profile.names.joined(separator: ", ")).")
  var profile: String = "lfe2"

  @Flag(help: "Virtual time: timeouts fire at once when every process waits (as `tutor check` runs).")
  var virtualTime = false

  func validate() throws {
    if Profile.named(profile) == nil {
      throw ValidationError(
        "unknown profile '\(profile)'; choose one of \(Profile.names.joined(separator: ", "))")
    }
  }

  func run() throws {
    let runtime = Runtime(clock: virtualTime ? .virtual : .real)
    runtime.readFile = Workspace.current.read
    let shell = Shell(runtime: runtime, profile: Profile.named(profile)!)
    let repl = Repl(shell: shell)
    if isatty(STDIN_FILENO) != 0 {
      // Ctrl-C during an evaluation stops it and gives the prompt back; at the prompt it
      // ends the session as in most command lines (libedit reads with its own handling).
      runtime.interrupted = {
        if interruptRequested == 0 { return false }
        interruptRequested = 0
        return true
      }
      let editor = LineEditor(historyName: "repl")
      runtime.output.echo = { text in FileHandle.standardOutput.write(Data(text.utf8)) }
      repl.run(
        readLine: { prompt in
          signal(SIGINT, SIG_DFL)
          let line = editor.readLine(prompt: prompt)
          interruptRequested = 0
          signal(SIGINT) { _ in interruptRequested = 1 }
          return line
        }, write: { Output.write($0) })
      Output.write("\n")
    } else {
      repl.run(
        readLine: { prompt in
          Output.write(prompt)
          return Swift.readLine(strippingNewline: true)
        }, write: { Output.write($0) })
    }
  }
}

/// Set by the SIGINT handler, read by the runtime between time slices. A signal
/// handler can only reach global state, and `sig_atomic_t` is what it may write.
nonisolated(unsafe) private var interruptRequested: sig_atomic_t = 0

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
