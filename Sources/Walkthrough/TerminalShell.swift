import Foundation
import LFE

/// The LFE shell at a terminal: forms read with the line editor (continuation lines
/// until a form is whole), evaluated with Ctrl-C able to stop them, and the runtime kept
/// running while the prompt waits, so a process that wakes up prints above the prompt.
/// `tutor repl` runs it as it is; `tutor learn` reads forms with it between its steps.
public final class TerminalShell {
  public let shell: Shell
  public let editor: LineEditor
  /// Milliseconds the background gets at each pause of the prompt.
  public var backgroundMilliseconds = 20
  /// Prints what the shell prints.
  public var write: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }
  private var continuationHintShown = false

  /// `shell` should run on a real clock to be live; the terminal's Ctrl-C goes to its
  /// runtime, its output is printed as it comes, and it gives the prompt back soon after
  /// each form (the rest runs while the prompt waits).
  public init(shell: Shell, editor: LineEditor) {
    self.shell = shell
    self.editor = editor
    LineEditor.installInterruptHandler()
    shell.runtime.interrupted = { [weak self] in
      guard LineEditor.takeInterrupt() else { return false }
      // The terminal echoed ^C where the cursor was; the shell's message starts a line.
      self?.write("\n")
      return true
    }
    shell.settleMilliseconds = TerminalShell.settleMilliseconds
    shell.runtime.output.echo = { [weak self] text in self?.write(text) }
  }

  /// How long the shell lets other processes run after a form before the prompt shows.
  public static let settleMilliseconds = 50

  /// What the prompt read.
  public enum Input: Equatable {
    /// A whole form (maybe with the rest of its last line, which the shell ignores).
    case form(String)
    /// A line starting with `:`, read as a command of the terminal, not LFE.
    case command(String)
    /// Ctrl-C: the form being typed was dropped.
    case interrupted
    /// Ctrl-D on an empty prompt, or the end of the input.
    case endOfInput
  }

  /// The prompt a form's further lines get: as wide as the first, so they line up.
  public var continuationPrompt: String {
    let width = shell.profile.prompt.count
    return String(repeating: ".", count: max(3, width - 2)) + "> "
  }

  /// Reads one form, over as many lines as it takes, running the background meanwhile.
  public func readForm() -> Input {
    var buffer = ""
    var prompt = shell.profile.prompt
    let shell = self.shell
    let slice = backgroundMilliseconds
    while true {
      switch editor.read(prompt: prompt, idle: { shell.runBackground(milliseconds: slice) }) {
      case .endOfInput:
        return .endOfInput
      case .interrupted:
        return .interrupted
      case .line(let text):
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if buffer.isEmpty && trimmed.hasPrefix(":") { return .command(trimmed) }
        buffer += text + "\n"
        switch Shell.read(buffer) {
        case .incomplete:
          if !continuationHintShown {
            continuationHintShown = true
            write("(the form goes on: type the rest of it, or press Ctrl-C to drop it)\n")
          }
          prompt = continuationPrompt
        case .empty:
          buffer = ""
          prompt = shell.profile.prompt
        case .form, .error:
          return .form(buffer)
        }
      }
    }
  }

  /// Evaluates a form read by `readForm` and prints what the shell prints.
  public func evaluate(_ source: String) {
    write(shell.evaluate(source: source))
  }

  /// Runs `:ps`, `:mailbox` and `:trace`; false for a command it does not know.
  @discardableResult
  public func runCommand(_ command: String) -> Bool {
    let words = command.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    switch words.first {
    case ":ps":
      write(shell.processTableText())
    case ":mailbox", ":mb":
      let target = words.count > 1 ? words[1] : nil
      guard let text = shell.mailboxText(target) else {
        write("no process \(target ?? "evaluates the shell's forms") is alive\n")
        return true
      }
      write(text.isEmpty ? "(no messages waiting)\n" : text)
    case ":trace":
      let (form, full) = TracedEvaluation.parseCommand(String(command.dropFirst(":trace".count)))
      guard !form.isEmpty else {
        write("usage: :trace [full] FORM, such as :trace (! (self) 'hello)\n")
        return true
      }
      let (output, diagram) = TracedEvaluation.run(form, in: shell)
      write(output)
      write(TextDiagramRenderer.forStandardOutput(full: full).render(diagram))
    default:
      return false
    }
    return true
  }

  /// The read-eval-print loop, until Ctrl-D, the end of the input or `(exit)`.
  public func run() {
    while !shell.exitRequested {
      switch readForm() {
      case .endOfInput:
        return
      case .interrupted:
        continue
      case .command(let command):
        if !runCommand(command) {
          write(
            "unknown command \(command); the commands are :ps, :mailbox [pid or name] and :trace [full] FORM\n"
          )
        }
      case .form(let source):
        evaluate(source)
      }
    }
  }
}
