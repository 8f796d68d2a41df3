@testable import LFE

/// What `tutor repl` prints for `lines` piped into it: each prompt, then the shell's output.
enum PipedRepl {
  static func run(_ lines: [String], shell: Shell) -> String {
    var index = 0
    var out = ""
    Repl(shell: shell).run(
      readLine: { prompt in
        out += prompt
        guard index < lines.count else { return nil }
        index += 1
        return lines[index - 1]
      }, write: { out += $0 })
    return out
  }
}
