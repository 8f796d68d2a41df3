import Foundation

/// One lesson page, loaded: what the page says and where, ready to be run or shown.
///
/// Loading never fails: a page that cannot be read or parsed comes back with error
/// diagnostics, so a front end can report every problem of a course in one go.
public struct Page: Hashable, Sendable {
  public var path: String
  /// The YAML front matter (`layout`, `guide`, `total_guides`, `tutor`, anything else).
  public var frontMatter: [String: FrontMatterValue]
  /// Where each front matter value was written, keyed by its dotted path (`guide`,
  /// `tutor.timeout`), so later checks can point at it.
  public var frontMatterLocations: [String: SourceLocation]
  /// Options every block starts from, from the front matter's `tutor:` mapping.
  public var defaults: BlockOptions
  public var headings: [Heading]
  /// Every code block, in page order.
  public var blocks: [CodeBlock]
  /// The page's text as blocks of prose (code blocks included), top level in page order.
  public var prose: [ProseBlock]
  public var diagnostics: [Diagnostic]
  /// Set when the file could not be read, so course checks do not pile onto it.
  var isUnreadable = false

  /// Parses page text. `isComplete` says whether a transcript input is a whole form; the
  /// default counts brackets, and the LFE reader's answer can replace it.
  public init(
    path: String, text: String, isComplete: InputCompleteness = BalancedBrackets.isComplete
  ) {
    self.path = path
    // Foundation's replacing costs more than the rest of loading a short page; most
    // pages have no carriage return to replace.
    var normalized =
      text.utf8.contains(13)
      ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text
    if normalized.hasPrefix("\u{FEFF}") { normalized.removeFirst() }
    var lines = splitLines(normalized)
    var diagnostics: [Diagnostic] = []

    let frontMatter = FrontMatterParser(path: path).parse(lines)
    diagnostics += frontMatter.diagnostics
    if let closing = frontMatter.closingLineIndex {
      for index in 0...closing { lines[index] = "" }
    }
    self.frontMatter = frontMatter.values
    self.frontMatterLocations = frontMatter.locations

    diagnostics += LiquidRewriter(path: path).rewrite(&lines)
    var defaults = BlockOptions()
    Self.readDefaults(frontMatter, path: path, into: &defaults, diagnostics: &diagnostics)
    Self.checkGuide(frontMatter, path: path, diagnostics: &diagnostics)
    self.defaults = defaults

    var built = PageBuilder(path: path, lines: lines, defaults: defaults)
    built.build(isComplete: isComplete)
    headings = built.headings
    blocks = built.blocks
    Self.linkExercises(&blocks, path: path, diagnostics: &diagnostics)
    prose = built.prose
    self.diagnostics = (diagnostics + built.diagnostics).sorted {
      ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
    }
  }

  /// Reads and parses a page file; an unreadable file gives a page with one error.
  public static func load(
    path: String, isComplete: InputCompleteness = BalancedBrackets.isComplete
  ) -> Page {
    switch readText(path: path) {
    case .success(let text):
      return Page(path: path, text: text, isComplete: isComplete)
    case .failure(let diagnostic):
      var page = Page(path: path, text: "")
      page.diagnostics = [diagnostic]
      page.isUnreadable = true
      return page
    }
  }

  static func readText(path: String) -> Result<String, Diagnostic> {
    let location = SourceLocation(path: path, line: 1)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return .failure(.error(at: location, "cannot read file: no such file"))
    }
    guard !isDirectory.boolValue else {
      return .failure(.error(at: location, "cannot read file: it is a directory"))
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failure(.error(at: location, "cannot read file: permission denied or I/O error"))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      return .failure(.error(at: location, "cannot read file: it is not UTF-8 text"))
    }
    return .success(text)
  }

  /// `guide:` in the front matter: this page's place in its course.
  public var guide: Int? { frontMatter["guide"]?.intValue }
  /// `total_guides:` in the front matter: how many pages the course has.
  public var totalGuides: Int? { frontMatter["total_guides"]?.intValue }
  /// The front matter's `title:`, else the first heading.
  public var title: String? { frontMatter["title"]?.stringValue ?? headings.first?.text }
  /// Whether the page has a problem that stops it from being run.
  public var hasErrors: Bool { diagnostics.containsErrors }

  /// Errors that stop the whole page, not only one of its blocks (a stray transcript
  /// line fails its block; the rest of the page still runs).
  public var pageErrors: [Diagnostic] {
    let blockErrors = Set(blocks.flatMap(\.errors))
    return diagnostics.filter { $0.isError && !blockErrors.contains($0) }
  }

  /// A place in this page, for diagnostics about it.
  public func location(line: Int, column: Int = 1) -> SourceLocation {
    SourceLocation(path: path, line: line, column: column)
  }

  private static func readDefaults(
    _ frontMatter: FrontMatterParser.Result, path: String, into defaults: inout BlockOptions,
    diagnostics: inout [Diagnostic]
  ) {
    guard let tutor = frontMatter.values["tutor"] else { return }
    let fallback = frontMatter.locations["tutor"] ?? SourceLocation(path: path, line: 2)
    guard let mapping = tutor.mappingValue else {
      diagnostics.append(
        .error(at: fallback, "'tutor' in the front matter must be a mapping, such as tutor: {profile: lfe1}"))
      return
    }
    var settings: [TutorComment.Setting] = []
    // Other keys are the shell profile's single switches: they belong to whoever runs the page.
    for key in mapping.keys.sorted() where ["skip", "unordered", "timeout", "profile", "file"].contains(key) {
      let location = frontMatter.locations["tutor.\(key)"] ?? fallback
      if key == "file" {
        diagnostics.append(
          .warning(at: location, "file cannot be a page default: name each source block's file"))
        continue
      }
      settings.append(TutorComment.Setting(key: key, value: mapping[key]!.displayText, location: location))
    }
    defaults.apply(settings, diagnostics: &diagnostics)
  }

  /// A solution block is the file of the exercise before it, whatever it looks like;
  /// an exercise needs a file, and a solution needs an exercise.
  private static func linkExercises(
    _ blocks: inout [CodeBlock], path: String, diagnostics: inout [Diagnostic]
  ) {
    var exercise: Int?
    for index in blocks.indices {
      let location = SourceLocation(path: path, line: blocks[index].fenceLine ?? blocks[index].line)
      if blocks[index].options.exercise {
        exercise = index
        if blocks[index].kind != .source || blocks[index].file == nil {
          diagnostics.append(
            .error(at: location, "an exercise's starter must be a source block with a file name"))
        }
      } else if blocks[index].options.solution {
        guard let starter = exercise, let file = blocks[starter].file else {
          diagnostics.append(.error(at: location, "a solution block must follow an exercise's starter block"))
          continue
        }
        blocks[index].kind = .source
        blocks[index].file = file
        blocks[index].fileOrigin = .comment
        exercise = nil
      }
    }
  }

  private static func checkGuide(
    _ frontMatter: FrontMatterParser.Result, path: String, diagnostics: inout [Diagnostic]
  ) {
    for key in ["guide", "total_guides"] {
      guard let value = frontMatter.values[key] else { continue }
      if (value.intValue ?? 0) < 1 {
        diagnostics.append(
          .error(
            at: frontMatter.locations[key] ?? SourceLocation(path: path, line: 2),
            "\(key) must be a whole number from 1, not '\(value.displayText)'"))
      }
    }
    if let guide = frontMatter.values["guide"]?.intValue,
      let total = frontMatter.values["total_guides"]?.intValue, total >= 1, guide > total
    {
      diagnostics.append(
        .error(
          at: frontMatter.locations["guide"] ?? SourceLocation(path: path, line: 2),
          "guide \(guide) is past total_guides \(total)"))
    }
  }
}
