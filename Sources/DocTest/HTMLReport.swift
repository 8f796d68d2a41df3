import Foundation
import Lessons

/// The report as one self-contained HTML file for people to read in a browser: the
/// totals, then each page with its exchanges, failing ones open with their diff. Styles
/// are inline and nothing is loaded from elsewhere, so the file can be mailed or kept as
/// a CI artifact; every text from a page or the shell is escaped.
public enum HTMLReport {
  public static func render(_ pages: [PageResult], title: String = "tutor report") -> String {
    let summary = RunSummary(pages)
    var out = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escape(title))</title>
      <style>\(style)</style>
      </head>
      <body>
      <h1>\(escape(title))</h1>

      """
    let verdict = summary.exitCode == 0 ? "pass" : "fail"
    out += "<p class=\"summary \(verdict)\" id=\"summary\">\(escape(summary.line))"
    out += " &middot; \(pages.count) page\(pages.count == 1 ? "" : "s")</p>\n"
    out += "<table class=\"pages\">\n<tr><th>verdict</th><th>page</th><th>passed</th><th>failed</th>"
    out += "<th>skipped</th><th>other</th></tr>\n"
    for (index, page) in pages.enumerated() {
      let other = page.exchanges.count - page.passed - page.failed - page.skipped
      out += "<tr class=\"\(page.verdict.rawValue)\"><td class=\"verdict\">\(word(page.verdict))</td>"
      out += "<td><a href=\"#page-\(index + 1)\">\(escape(page.path))</a></td>"
      out += "<td>\(page.passed)</td><td>\(page.failed)</td><td>\(page.skipped)</td><td>\(other)</td></tr>\n"
    }
    out += "</table>\n"
    for (index, page) in pages.enumerated() {
      out += section(page, id: "page-\(index + 1)")
    }
    out += "</body>\n</html>\n"
    return out
  }

  static func section(_ page: PageResult, id: String) -> String {
    var out = "<section class=\"page \(page.verdict.rawValue)\" id=\"\(id)\">\n"
    out += "<h2><span class=\"verdict\">\(word(page.verdict))</span> \(link(page.path, line: nil))</h2>\n"
    if !page.profile.isEmpty {
      out += "<p class=\"profile\">profile: \(escape(page.profile))</p>\n"
    }
    let diagnostics = page.loadErrors + page.diagnostics
    if !diagnostics.isEmpty {
      out += "<ul class=\"diagnostics\">\n"
      for diagnostic in diagnostics {
        out += "<li class=\"\(diagnostic.severity.rawValue)\">"
        out += link(
          diagnostic.location.path, line: diagnostic.location.line, column: diagnostic.location.column)
        out += ": <b>\(diagnostic.severity.rawValue)</b>: \(escape(diagnostic.message))</li>\n"
      }
      out += "</ul>\n"
    }
    for result in page.exchanges {
      out += exchange(result, path: page.path)
    }
    out += "</section>\n"
    return out
  }

  static func exchange(_ result: ExchangeResult, path: String) -> String {
    let status = result.status.rawValue
    let failed = result.status == .failed
    var out = "<details class=\"exchange \(status)\"\(failed ? " open" : "")>\n<summary>"
    out += "<span class=\"status\">\(escape(status))</span> "
    out += link(path, line: result.exchange.line, column: result.column)
    out +=
      " <code class=\"input\">\(escape(result.exchange.prompt + result.exchange.input))</code></summary>\n"
    if let message = result.message, failed {
      out += "<p class=\"message\">\(escape(message))</p>\n"
    }
    for note in result.notes {
      out +=
        "<p class=\"note\">\(link(note.location.path, line: note.location.line, column: note.location.column))"
      out += ": \(escape(note.message))</p>\n"
    }
    if let diff = result.diff, failed {
      out += diffTable(diff)
    }
    out += "<div class=\"sides\"><div><h4>expected (the page)</h4><pre class=\"expected\">"
    out += escape(result.exchange.expected.map(\.text).joined(separator: "\n"))
    out += "</pre></div><div><h4>actual (tutor)</h4><pre class=\"actual\">"
    out += escape(result.actual.joined(separator: "\n"))
    out += "</pre></div></div>\n</details>\n"
    return out
  }

  /// The unified diff as lines coloured by kind, with the page's line numbers.
  static func diffTable(_ diff: UnifiedDiff) -> String {
    var out = "<pre class=\"diff\">"
    out += "<span class=\"head\">--- \(escape(diff.oldName))</span>\n"
    out += "<span class=\"head\">+++ \(escape(diff.newName))</span>\n"
    var old = diff.oldStart
    for line in diff.lines {
      switch line.kind {
      case .context:
        out += "<span class=\"context\"><i>\(old)</i> \(escape(line.text))</span>\n"
        old += 1
      case .removed:
        out += "<span class=\"removed\"><i>\(old)</i>-\(escape(line.text))</span>\n"
        old += 1
      case .added:
        out += "<span class=\"added\"><i></i>+\(escape(line.text))</span>\n"
      }
    }
    return out + "</pre>\n"
  }

  static func word(_ verdict: PageResult.Verdict) -> String {
    switch verdict {
    case .passed: return "PASS"
    case .failed: return "FAIL"
    case .broken: return "ERROR"
    }
  }

  /// `path:line:col` as a link to the file (browsers open file:// links to local files;
  /// they have no way to jump to a line, so the text says it).
  static func link(_ path: String, line: Int?, column: Int = 1) -> String {
    var text = path
    if let line { text += ":\(line):\(column)" }
    return "<a class=\"file\" href=\"\(escape(fileURL(path)))\">\(escape(text))</a>"
  }

  static func fileURL(_ path: String) -> String {
    let absolute = URL(fileURLWithPath: path).standardizedFileURL
    return absolute.absoluteString
  }

  /// Text for HTML content and attribute values.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}":
        out += "&#xFFFD;"
      default: out.unicodeScalars.append(character)
      }
    }
    return out
  }

  static let style = """
    body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
    h1{font-size:1.5em}h2{font-size:1.15em;margin:1.5em 0 .4em}
    .summary{font-size:1.2em;padding:.5em .8em;border-radius:4px}
    .summary.pass{background:#e3f6e3}.summary.fail{background:#fbe3e3}
    table.pages{border-collapse:collapse}table.pages td,table.pages th{padding:.15em .7em;text-align:left}
    tr.failed .verdict,tr.broken .verdict,section.failed h2 .verdict,section.broken h2 .verdict{color:#b00}
    tr.passed .verdict,section.passed h2 .verdict{color:#080}
    .verdict{font-weight:bold}
    .profile{color:#555;margin:.2em 0}
    ul.diagnostics{padding-left:1.2em}li.error b{color:#b00}li.warning b{color:#a60}
    details.exchange{border-left:4px solid #8c8;margin:.3em 0;padding:.2em .6em;background:#fafafa}
    details.exchange.failed{border-color:#d44;background:#fff6f6}
    details.exchange.skipped{border-color:#aaa}
    summary{cursor:pointer}summary .status{display:inline-block;min-width:5em;font-weight:bold}
    details.failed .status{color:#b00}details.passed .status{color:#080}
    code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
    pre{background:#fff;border:1px solid #ddd;padding:.4em;overflow:auto;margin:.3em 0}
    pre.diff span{display:inline-block;width:100%}pre.diff i{display:inline-block;width:3em;color:#999;font-style:normal}
    .removed{background:#fdd;color:#900}.added{background:#dfd;color:#060}.head{font-weight:bold}
    .sides{display:flex;gap:1em}.sides>div{flex:1;min-width:0}h4{margin:.3em 0 0;font-size:.85em;color:#555}
    .message{color:#b00;margin:.3em 0}.note{color:#555;margin:.2em 0}a.file{color:#246}
    """
}
