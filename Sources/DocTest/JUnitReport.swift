import Lessons

/// The report as JUnit XML, which CI systems show natively: a test suite per page, a test
/// case per exchange, failures carrying the diff.
public enum JUnitReport {
  public static func render(_ pages: [PageResult]) -> String {
    let summary = RunSummary(pages)
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<testsuites name=\"tutor\" tests=\"\(pages.map(testCount).reduce(0, +))\" "
      + "failures=\(attribute(summary.failed + lintFailures(pages))) errors=\(attribute(summary.brokenPages)) "
      + "skipped=\(attribute(summary.skipped + summary.unchecked))>\n"
    for page in pages {
      let errors = (page.loadErrors + page.diagnostics).filter(\.isError)
      let broken = page.verdict == .broken
      let lintFailure = !broken && !errors.isEmpty ? 1 : 0
      out +=
        "  <testsuite name=\(attribute(page.path)) tests=\"\(testCount(page))\" "
        + "failures=\"\(page.failed + lintFailure)\" errors=\"\(broken ? 1 : 0)\" skipped=\"\(page.skipped + page.unchecked)\">\n"
      out += "    <properties><property name=\"profile\" value=\(attribute(page.profile))/></properties>\n"
      if !errors.isEmpty {
        let name = broken ? "load" : "lint"
        let element = broken ? "error" : "failure"
        let message = broken ? "the page cannot be run" : "lint errors"
        out += "    <testcase name=\"\(name)\" classname=\(attribute(page.path))>\n"
        out += "      <\(element) message=\"\(message)\">\(escape(errors.rendered))</\(element)>\n"
        out += "    </testcase>\n"
      }
      for result in page.exchanges {
        let name = "line \(result.exchange.line): \(TAPReport.oneLine(result.exchange.input))"
        out += "    <testcase name=\(attribute(name)) classname=\(attribute(page.path))"
        switch result.status {
        case .passed:
          out += "/>\n"
        case .skipped:
          out += ">\n      <skipped message=\"skipped by the page\"/>\n    </testcase>\n"
        case .unchecked:
          let message = "unchecked: " + (result.message ?? ExchangeResult.uncheckedReason)
          out += ">\n      <skipped message=\(attribute(message))/>\n    </testcase>\n"
        case .failed:
          var body = TextReport.input(result.exchange) + result.notes.rendered
          if let diff = result.diff { body += diff.rendered(color: false) }
          out +=
            ">\n      <failure message=\(attribute(result.message ?? "failed"))>\(escape(body))</failure>\n"
          out += "    </testcase>\n"
        }
      }
      out += "  </testsuite>\n"
    }
    return out + "</testsuites>\n"
  }

  private static func testCount(_ page: PageResult) -> Int {
    page.exchanges.count + ((page.loadErrors + page.diagnostics).containsErrors ? 1 : 0)
  }

  private static func lintFailures(_ pages: [PageResult]) -> Int {
    pages.count { $0.verdict != .broken && $0.diagnostics.containsErrors }
  }

  private static func attribute(_ value: Int) -> String { "\"\(value)\"" }

  private static func attribute(_ value: String) -> String {
    "\"" + escape(value).replacingAll("\"", "&quot;").replacingAll("\n", "&#10;") + "\""
  }

  /// XML text: markup characters escaped, and characters XML 1.0 cannot hold dropped
  /// (a shell may print control characters).
  static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

extension String {
  func replacingAll(_ target: Character, _ replacement: String) -> String {
    var out = ""
    for character in self {
      if character == target { out += replacement } else { out.append(character) }
    }
    return out
  }
}
