import Foundation
import Lessons

/// The report as TAP version 13: a test point per exchange, and one per page for its
/// load and lint errors, with YAML blocks for the details.
public enum TAPReport {
  private struct Point {
    var ok: Bool
    var description: String
    var details: [(String, String)] = []
  }

  public static func render(_ pages: [PageResult]) -> String {
    var points: [Point] = []
    for page in pages {
      let errors = (page.loadErrors + page.diagnostics).filter(\.isError)
      if !errors.isEmpty {
        let what = page.verdict == .broken ? "cannot be run" : "lint"
        points.append(
          Point(ok: false, description: "\(page.path): \(what)", details: [("diagnostics", errors.rendered)]))
      }
      for result in page.exchanges {
        let name = "\(page.path):\(result.exchange.line) \(oneLine(result.exchange.input))"
        switch result.status {
        case .passed: points.append(Point(ok: true, description: name))
        case .skipped: points.append(Point(ok: true, description: name + " # SKIP skipped by the page"))
        case .unchecked:
          let reason = result.message ?? ExchangeResult.uncheckedReason
          points.append(Point(ok: true, description: name + " # SKIP unchecked: " + reason))
        case .failed:
          var details = [("message", result.message ?? "failed")]
          if !result.notes.isEmpty { details.append(("notes", result.notes.rendered)) }
          if let diff = result.diff { details.append(("diff", diff.rendered(color: false))) }
          points.append(Point(ok: false, description: name, details: details))
        }
      }
    }
    var out = "TAP version 13\n1..\(points.count)\n"
    for (index, point) in points.enumerated() {
      out += "\(point.ok ? "ok" : "not ok") \(index + 1) - \(point.description)\n"
      if !point.details.isEmpty { out += yaml(point.details) }
    }
    out += "# \(RunSummary(pages).line)\n"
    return out
  }

  private static func yaml(_ fields: [(String, String)]) -> String {
    var out = "  ---\n"
    for (key, value) in fields {
      if value.contains("\n") {
        out += "  \(key): |\n"
        var lines = value.split(separator: "\n", omittingEmptySubsequences: false)
        if value.hasSuffix("\n") { lines.removeLast() }
        for line in lines { out += "    \(line)\n" }
      } else {
        out += "  \(key): \(JSONValue.quote(value))\n"
      }
    }
    return out + "  ...\n"
  }

  static func oneLine(_ input: String) -> String {
    input.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(
      separator: " ")
  }
}
