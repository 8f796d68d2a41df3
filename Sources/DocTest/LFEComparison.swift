import Foundation
import LFE
import Lessons

/// `tutor check --against lfe`: each page's inputs run through real LFE's shell too, and
/// every exchange compared three ways: what the page shows, what `tutor` printed, what
/// real LFE printed.
///
/// Real LFE is concurrent: what other processes print can land before or after the next
/// prompt, so where two outputs hold the same lines in another order they count as the
/// same, and the report says the order was racy.
public struct LFEComparison {
  public enum Agreement: String, Sendable {
    case same
    /// The same lines as a multiset: only the order differs.
    case sameIgnoringOrder
    case different
    /// Real LFE printed nothing for it: it stopped before reaching it.
    case missing
  }

  /// One exchange, three ways.
  public struct Row: Sendable {
    public var path: String
    public var exchange: Exchange
    public var column: Int
    public var expected: [String]
    public var tutor: [String]
    public var real: [String]?
    public var pageVsTutor: Bool
    public var pageVsReal: Agreement
    public var tutorVsReal: Agreement
  }

  public var lfe: RealLFE
  /// How long real LFE may take over one course.
  public var timeout: TimeInterval

  public init(lfe: RealLFE, timeout: TimeInterval = 120) {
    self.lfe = lfe
    self.timeout = timeout
  }

  /// What real LFE made of the courses, beside `tutor`'s results for the same pages;
  /// also each course real LFE had to be stopped in.
  public func compare(_ courses: [Course], results: [PageResult]) -> (rows: [Row], stopped: [String]) {
    var byPath: [String: PageResult] = [:]
    for result in results { byPath[result.path] = result }
    var rows: [Row] = []
    var stopped: [String] = []
    for course in courses {
      let (script, marks) = Self.script(for: course)
      guard let workspace = try? CourseWorkspace.makeTemporary() else { continue }
      defer { try? FileManager.default.removeItem(at: workspace) }
      CourseWorkspace.seed(workspace, from: course.directory)
      let (output, timedOut) = lfe.run(script, in: workspace, timeout: timeout)
      if timedOut { stopped.append(course.directory) }
      let segments = Self.segments(output, marks: marks.count)
      for (index, mark) in marks.enumerated() {
        guard case .exchange(let page, let exchange, let unordered) = mark, let result = byPath[page.path],
          let tutor = result.exchanges.first(where: { $0.exchange == exchange })
        else { continue }
        let real = index < segments.count ? segments[index] : nil
        let expected = exchange.expected.map { $0.text.trimmingTrailingWhitespace() }
        rows.append(
          Row(
            path: page.path, exchange: exchange, column: tutor.column, expected: expected,
            tutor: tutor.actual,
            real: real, pageVsTutor: tutor.status == .passed,
            pageVsReal: Self.pageAgreement(expected, real, unordered: unordered),
            tutorVsReal: Self.agreement(tutor.actual, real)))
      }
    }
    return (rows, stopped)
  }

  enum Mark {
    /// A file saved before the next input; its output (`ok`) is not compared.
    case file
    case exchange(Page, Exchange, unordered: Bool)
  }

  /// The input for real LFE's shell: each page's files saved and inputs typed in page
  /// order, each followed by a marker form whose value splits the output per exchange.
  static func script(for course: Course) -> (String, [Mark]) {
    var script = ""
    var marks: [Mark] = []
    func mark(_ kind: Mark) {
      script += "(quote tutor-mark-\(marks.count))\n"
      marks.append(kind)
    }
    for page in course.pages {
      for block in page.blocks where !block.options.skip {
        switch block.kind {
        case .source:
          guard let file = block.file, CourseWorkspace.isSafe(file) else { continue }
          script +=
            "(file:write_file \(literal(file)) (unicode:characters_to_binary \(literal(block.text))))\n"
          mark(.file)
        case .transcript:
          for exchange in block.exchanges {
            script += exchange.input + "\n"
            mark(.exchange(page, exchange, unordered: block.options.unordered))
          }
        case .other:
          continue
        }
      }
    }
    // At end of input LFE's reader crashes and can cut off output still on its way.
    script += "(erlang:halt 0)\n"
    return (script, marks)
  }

  /// An LFE string literal.
  static func literal(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      + "\""
  }

  /// The output between one marker and the next, prompts taken out, as lines compared
  /// the way `tutor check` compares them.
  static func segments(_ output: String, marks: Int) -> [[String]] {
    var segments: [[String]] = []
    var current: [String] = []
    for raw in output.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = Substring(raw)
      while line.hasPrefix("lfe> ") { line = line.dropFirst(5) }
      let marker = "tutor-mark-\(segments.count)"
      if line.hasSuffix(marker) {
        let before = line.dropLast(marker.count)
        if !before.isEmpty { current.append(String(before)) }
        segments.append(PageRunner.lines(of: current.joined(separator: "\n")))
        current = []
        if segments.count == marks { break }
      } else {
        current.append(String(line))
      }
    }
    return segments
  }

  static func pageAgreement(_ expected: [String], _ real: [String]?, unordered: Bool) -> Agreement {
    guard let real else { return .missing }
    if OutputMatcher(expected: expected, unordered: unordered).match(real, PidBindings()) != nil {
      return .same
    }
    if OutputMatcher(expected: expected, unordered: true).match(real, PidBindings()) != nil {
      return .sameIgnoringOrder
    }
    return .different
  }

  static func agreement(_ tutor: [String], _ real: [String]?) -> Agreement {
    guard let real else { return .missing }
    let left = tutor.map(normalized)
    let right = real.map(normalized)
    if left == right { return .same }
    return left.sorted() == right.sorted() ? .sameIgnoringOrder : .different
  }

  /// A line with what differs between any two runs made alike: pid numbers, funs,
  /// references and the time in error reports.
  static func normalized(_ line: String) -> String {
    var text = LinePattern.rewritingPids(line) { _ in "_" }
    for (pattern, replacement) in Self.volatile {
      text = pattern.stringByReplacingMatches(
        in: text, range: NSRange(text.startIndex..., in: text), withTemplate: replacement)
    }
    return text
  }

  static let volatile: [(NSRegularExpression, String)] = [
    ("#Fun<[^>]*>", "#Fun<>"), ("#Ref<[^>]*>", "#Ref<>"), ("#Port<[^>]*>", "#Port<>"),
    ("^=([A-Z ]+) REPORT==== .* ===$", "=$1 REPORT===="),
  ].compactMap { pattern, replacement in
    (try? NSRegularExpression(pattern: pattern)).map { ($0, replacement) }
  }

  /// The comparison in words: each exchange where the three disagree, with its three
  /// outputs, then the totals.
  public static func render(
    _ rows: [Row], stopped: [String], profiles: [String: String], lfe: RealLFE
  ) -> String {
    var out = "\nAgainst real LFE (\(lfe.erl) -pa \(lfe.ebin)):\n"
    var notedProfile: Set<String> = []
    for row in rows {
      let allSame = row.pageVsTutor && row.pageVsReal == .same && row.tutorVsReal == .same
      guard !allSame else { continue }
      if let profile = profiles[row.path], !profile.hasPrefix("lfe2 ("),
        notedProfile.insert(row.path).inserted
      {
        out +=
          "\(row.path): note: this page runs as \(profile); real LFE 2.2.1 prints as lfe2, so pids, `c` "
          + "and `defun` values may differ for that reason alone\n"
      }
      out += "\(row.path):\(row.exchange.line):\(row.column): \(verdict(row))\n"
      out += TextReport.input(row.exchange)
      if row.tutorVsReal == .sameIgnoringOrder || row.pageVsReal == .sameIgnoringOrder {
        out +=
          "  (compared as a multiset: real LFE runs other processes at the same time as the shell, so "
          + "the order of their lines is racy)\n"
      }
      out += side("page", row.expected)
      out += side("tutor", row.tutor)
      out += row.real.map { side("real LFE", $0) } ?? "  real LFE: (nothing: it stopped before this input)\n"
    }
    for course in stopped {
      out += "\(course): real LFE did not finish within the time allowed and was stopped\n"
    }
    let count = rows.count
    let three = rows.count {
      $0.real != nil && $0.pageVsTutor && $0.pageVsReal != .different && $0.tutorVsReal != .different
    }
    let tutorReal = rows.count { $0.tutorVsReal == .same || $0.tutorVsReal == .sameIgnoringOrder }
    let racy = rows.count { $0.tutorVsReal == .sameIgnoringOrder }
    let pageReal = rows.count { $0.pageVsReal == .same || $0.pageVsReal == .sameIgnoringOrder }
    let missing = rows.count { $0.real == nil }
    out += "real LFE: \(count) exchange\(count == 1 ? "" : "s") compared; all three agree on \(three); "
    out += "tutor and real LFE agree on \(tutorReal)"
    if racy > 0 { out += " (\(racy) only as a multiset: racy order)" }
    out += "; the page and real LFE agree on \(pageReal)"
    if missing > 0 { out += "; real LFE printed nothing for \(missing)" }
    return out + "\n"
  }

  static func verdict(_ row: Row) -> String {
    func order(_ agreement: Agreement) -> String {
      agreement == .sameIgnoringOrder ? " (in another order)" : ""
    }
    let pageReal = row.pageVsReal != .different
    let tutorReal = row.tutorVsReal != .different
    switch (row.pageVsTutor, pageReal, tutorReal) {
    case (true, true, true): return "all three agree\(order(row.tutorVsReal))"
    case (true, true, false): return "tutor and real LFE print differently, though both match the page"
    case (true, false, true): return "real LFE does not match the page, though tutor does"
    case (true, false, false): return "real LFE differs from the page and from tutor"
    case (false, true, true):
      return "tutor fails the page but real LFE matches it\(order(row.pageVsReal)); tutor and real LFE agree"
        + order(row.tutorVsReal)
    case (false, true, false): return "tutor differs from the page and from real LFE\(order(row.pageVsReal))"
    case (false, false, true): return "the page differs from tutor and real LFE\(order(row.tutorVsReal))"
    case (false, false, false): return "all three differ"
    }
  }

  static func side(_ name: String, _ lines: [String]) -> String {
    guard !lines.isEmpty else { return "  \(name): (nothing)\n" }
    return "  \(name):\n" + lines.map { "    | \($0)\n" }.joined()
  }
}
