import Lessons

/// `tutor progress` output: a line per page, or the same as JSON.
public enum ProgressReport {
  /// Titles longer than this are cut, so a hostile title cannot push the counts away.
  static let titleWidth = 48

  /// ```
  /// [x] 1  Hello, processes     6/6 steps  1 solved  0 skipped  at 01-hello#6
  /// [~] 2  Spawning processes   3/9 steps  0 solved  1 skipped  at 02-spawning#4
  /// ```
  public static func text(_ pages: [PageSummary], file: String, color: Bool) -> String {
    let titles = pages.map { Self.title(of: $0) }
    let titleWidth = titles.map(\.count).max() ?? 0
    let guides = pages.map { $0.guide.map(String.init) ?? "-" }
    let guideWidth = guides.map(\.count).max() ?? 0
    let counts = pages.map { "\($0.finished)/\($0.steps) steps" }
    let countWidth = counts.map(\.count).max() ?? 0
    var out = ""
    for (index, page) in pages.enumerated() {
      var line = paint(page.mark.symbol, page.mark, color: color) + " "
      line += pad(guides[index], guideWidth, left: true) + "  " + pad(titles[index], titleWidth)
      line += "  " + pad(counts[index], countWidth, left: true)
      line += "  \(page.solved) solved  \(page.skipped) skipped"
      if let position = page.position { line += "  at \(position)" }
      out += line + "\n"
    }
    let done = pages.filter { $0.mark == .done }.count
    let finished = pages.reduce(0) { $0 + $1.finished }
    let steps = pages.reduce(0) { $0 + $1.steps }
    out +=
      "\(done) of \(pages.count) page\(pages.count == 1 ? "" : "s") done, \(finished) of \(steps) steps\n"
    out += "progress file: \(file)\n"
    return out
  }

  public static func json(_ pages: [PageSummary], course: String, file: String) -> String {
    JSONValue.object([
      ("course", .string(course)), ("file", .string(file)),
      ("pages", .array(pages.map(json))),
    ]).rendered() + "\n"
  }

  private static func json(_ page: PageSummary) -> JSONValue {
    .object([
      ("page", .string(page.stem)), ("path", .string(page.path)),
      ("guide", page.guide.map(JSONValue.integer) ?? .null),
      ("title", .optional(page.title)), ("mark", .string(page.mark.rawValue)),
      ("steps", .integer(page.steps)),
      ("finished", .integer(page.finished)), ("done", .integer(page.done)), ("solved", .integer(page.solved)),
      ("skipped", .integer(page.skipped)), ("started", .integer(page.started)),
      ("position", .optional(page.position)),
    ])
  }

  private static func title(of page: PageSummary) -> String {
    // Control characters would move the cursor or ring the bell.
    let title = String(
      (page.title ?? page.stem).unicodeScalars.map {
        $0.properties.generalCategory == .control ? " " : Character($0)
      })
    return title.count > titleWidth ? String(title.prefix(titleWidth - 3)) + "..." : title
  }

  private static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return left ? fill + text : text + fill
  }

  private static func paint(_ text: String, _ mark: PageMark, color: Bool) -> String {
    guard color else { return text }
    switch mark {
    case .notStarted: return text
    case .inProgress: return "\u{1B}[33m" + text + "\u{1B}[0m"
    case .done: return "\u{1B}[32m" + text + "\u{1B}[0m"
    }
  }
}
