import Foundation
import Lessons

/// Judges one exchange's output against the page, by the matching rules `tutor check`
/// uses, for front ends that run exchanges one at a time (the learner's walkthrough).
public enum ExchangeJudge {
  public enum Verdict: Sendable {
    /// The output matches; the bindings now hold the pids it bound.
    case passed(PidBindings)
    /// The page shows no output for the exchange: nothing to compare.
    case unchecked
    /// The output differs: expected against actual, lines numbered from the page.
    case failed(UnifiedDiff, lines: [OutputMatcher.Step], matcher: OutputMatcher)

    public var passed: Bool {
      if case .passed = self { return true }
      return false
    }
  }

  /// Compares what the shell printed for `exchange` with what the page shows.
  public static func judge(
    _ exchange: Exchange, output: String, unordered: Bool, bindings: PidBindings
  ) -> Verdict {
    guard !exchange.expected.isEmpty else { return .unchecked }
    let actual = PageRunner.lines(of: output)
    let expected = exchange.expected.map { $0.text.trimmingTrailingWhitespace() }
    let matcher = OutputMatcher(expected: expected, unordered: unordered)
    if let extended = matcher.match(actual, bindings) { return .passed(extended) }
    let steps = matcher.align(actual, bindings)
    var diff = PageRunner.diff(
      steps, expected: matcher.expected, actual: actual, firstLine: exchange.expected[0].line)
    if diff.isEmpty {
      // Each line matches alone; together they bind one written pid to two pids.
      diff.lines = expected.map { .init(.removed, $0) } + actual.map { .init(.added, $0) }
    }
    return .failed(diff, lines: steps, matcher: matcher)
  }

  /// Whether an output alone cannot tell a right input from a wrong one: nothing, `ok`,
  /// a pid, a fun or a reference. Such a step needs the page's own input.
  public static func outputIsUninformative(_ exchange: Exchange) -> Bool {
    let lines = exchange.expected.map { $0.text.trimmingTrailingWhitespace() }.filter { !$0.isEmpty }
    guard let line = lines.first else { return true }
    // Several lines (a print and a value) tell more than any one of them.
    if lines.count > 1 { return false }
    if line == "ok" { return true }
    let pattern = LinePattern(line)
    if pattern.isEllipsis { return true }
    // A line that is one hole and nothing else: a pid, `#Fun<...>` or `#Ref<...>`.
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if (trimmed.hasPrefix("#Fun<") || trimmed.hasPrefix("#Ref<")) && trimmed.hasSuffix(">") { return true }
    let pids = LinePattern.pids(in: trimmed)
    return pids.count == 1
      && (trimmed == "<\(pids[0])>" || trimmed == "#Pid<\(pids[0])>")
  }
}
