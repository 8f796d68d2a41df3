import Lessons

/// The report `tutor check` and `tutor test` print by default: a verdict line per page,
/// each problem as `path:line: error: ...` with the input and a diff, and the totals.
public enum TextReport {
  public static func render(_ pages: [PageResult], color: Bool) -> String {
    var out = ""
    for page in pages {
      out += verdictLine(page, color: color) + "\n"
      if !page.profile.isEmpty && !page.profile.hasPrefix("lfe2 (") {
        out += "  profile: \(page.profile)\n"
      }
      for diagnostic in page.loadErrors + page.diagnostics {
        out += "\(diagnostic)\n"
      }
      for result in page.exchanges where result.status == .failed {
        out += "\(page.path):\(result.exchange.line):\(result.column): error: \(result.message ?? "failed")\n"
        out += input(result.exchange)
        for note in result.notes { out += "\(note)\n" }
        if let diff = result.diff { out += diff.rendered(color: color) }
      }
    }
    out += RunSummary(pages).line + "\n"
    return out
  }

  /// `FAIL path: 0 passed, 3 failed`.
  static func verdictLine(_ page: PageResult, color: Bool) -> String {
    let (word, code) =
      switch page.verdict {
      case .passed: ("PASS", "32")
      case .failed: ("FAIL", "31")
      case .broken: ("ERROR", "31")
      }
    var line = (color ? "\u{1B}[1;\(code)m\(word)\u{1B}[0m" : word) + " \(page.path)"
    if page.verdict == .broken { return line + ": cannot be run" }
    line += ": \(page.passed) passed"
    if page.failed > 0 { line += ", \(page.failed) failed" }
    if page.unchecked > 0 { line += ", \(page.unchecked) unchecked" }
    if page.skipped > 0 { line += ", \(page.skipped) skipped" }
    return line
  }

  /// The input as the page shows it, indented under the error line.
  static func input(_ exchange: Exchange) -> String {
    let indent = String(repeating: " ", count: exchange.prompt.count)
    return exchange.inputLines.enumerated().map { index, line in
      "    " + (index == 0 ? exchange.prompt : indent) + line.text + "\n"
    }.joined()
  }
}
