import DocTest
import LFE
import Lessons

/// The hints a step offers, one per `:hint`: the author's first, then what the engine
/// reads from the last wrong answer and from the runtime, and last the input itself.
enum HintLadder {
  static func hints(
    author: [String], failure: ExchangeJudge.Verdict?, shell: Shell?, expectedInput: String?
  ) -> [String] {
    var hints = author
    if case .failed(_, let steps, let matcher)? = failure {
      hints += fromDiff(steps, matcher: matcher)
    }
    if let shell { hints += fromRuntime(shell) }
    if let expectedInput {
      hints.append("the page types: \(expectedInput.replacingOccurrences(of: "\n", with: " "))")
    }
    return hints
  }

  /// What a diff says in words: lines missing, lines extra, a line changed.
  static func fromDiff(_ steps: [OutputMatcher.Step], matcher: OutputMatcher) -> [String] {
    var missing: [String] = []
    var extra = 0
    for step in steps {
      switch step {
      case .missing(let index): missing.append(matcher.expected[index].text)
      case .extra: extra += 1
      default: break
      }
    }
    switch (missing.count, extra) {
    case (0, 0): return []
    case (0, let n):
      return ["your input printed \(n) line\(n == 1 ? "" : "s") more than the page shows"]
    case (let n, 0):
      return [
        "the page shows \(n) line\(n == 1 ? "" : "s") your input did not print, such as: \(missing[0])"
      ]
    default:
      return ["the page expects \(missing[0]) where your input printed something else"]
    }
  }

  /// What the runtime shows: messages no receive took, processes still waiting.
  static func fromRuntime(_ shell: Shell) -> [String] {
    var hints: [String] = []
    let waiting = shell.mailboxLength
    if waiting > 0 {
      hints.append(
        "the shell's mailbox holds \(waiting) message\(waiting == 1 ? "" : "s") that no receive took "
          + "(:mailbox shows them; (flush) empties it)")
    }
    let others = shell.processSnapshots().filter { !$0.isShellEvaluator && $0.status.hasPrefix("waiting") }
    for process in others.suffix(2) {
      let name = process.registeredName.map { " (\($0))" } ?? ""
      hints.append("process \(process.pid)\(name) is still waiting in \(process.currentFunction)")
    }
    return hints
  }
}
