import Foundation

/// A directory of lesson pages, in the order a learner takes them: by `guide:`, then by
/// file name.
///
/// Pages are `*.md` and `*.markdown` files, and `*.txt` files that open with front
/// matter (pages saved from the web often end in `.txt`).
public struct Course: Hashable, Sendable {
  public var directory: String
  public var pages: [Page]
  /// Problems with the directory itself; problems with a page, including how its guide
  /// number fits the course, are in that page's diagnostics.
  public var diagnostics: [Diagnostic]

  public init(directory: String, pages: [Page], diagnostics: [Diagnostic] = []) {
    self.directory = directory
    self.pages = pages
    self.diagnostics = diagnostics
  }

  /// Every diagnostic of the course and its pages.
  public var allDiagnostics: [Diagnostic] { diagnostics + pages.flatMap(\.diagnostics) }

  public var hasErrors: Bool { allDiagnostics.containsErrors }

  /// Loads the pages directly inside `directory` and checks their guide numbers.
  public static func load(
    directory: String, isComplete: InputCompleteness = BalancedBrackets.isComplete
  ) -> Course {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    } catch {
      return Course(
        directory: directory, pages: [],
        diagnostics: [.error(at: SourceLocation(path: directory, line: 1), "cannot read directory")])
    }
    var pages: [Page] = []
    for name in names where !name.hasPrefix(".") {
      let path = join(directory, name)
      guard isPageFile(path: path) else { continue }
      pages.append(Page.load(path: path, isComplete: isComplete))
    }
    pages.sort { ($0.guide ?? Int.max, fileName($0.path)) < ($1.guide ?? Int.max, fileName($1.path)) }
    var course = Course(directory: directory, pages: pages)
    course.checkGuides()
    return course
  }

  /// Every course under `root`: the root itself and each subdirectory that holds pages,
  /// in path order, so `tutor lessons lessons` finds `lessons/processes/`.
  public static func loadAll(
    under root: String, isComplete: InputCompleteness = BalancedBrackets.isComplete
  ) -> [Course] {
    var courses: [Course] = []
    var pending = [root]
    while let directory = pending.popLast() {
      let course = load(directory: directory, isComplete: isComplete)
      if !course.pages.isEmpty || !course.diagnostics.isEmpty { courses.append(course) }
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      // Reversed because the stack pops the last first.
      for name in names.sorted().reversed() where !name.hasPrefix(".") {
        let path = join(directory, name)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
          pending.append(path)
        }
      }
    }
    return courses
  }

  /// Whether a file is a lesson page by its name, or for `.txt`, by its front matter.
  /// A `README.md` is the directory's documentation for authors, not a page.
  public static func isPageFile(path: String) -> Bool {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
    else { return false }
    let lowered = path.lowercased()
    if fileName(lowered) == "readme.md" { return false }
    if lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown") { return true }
    guard lowered.hasSuffix(".txt"), let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 8)) ?? Data()
    let text = String(decoding: head, as: UTF8.self).replacingOccurrences(of: "\r", with: "")
    return text.hasPrefix("---\n") || text.hasPrefix("--- ") || text == "---"
  }

  private static func describe(_ first: Int, _ last: Int) -> String {
    first == last ? "guide \(first) is" : "guides \(first) to \(last) are"
  }

  private static func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  private static func fileName(_ path: String) -> String {
    String(path.split(separator: "/").last ?? Substring(path))
  }

  /// Guide numbers must run 1, 2, ... total_guides, once each, with one total for all.
  private mutating func checkGuides() {
    guard pages.contains(where: { $0.frontMatter["guide"] != nil }) else { return }
    func report(_ index: Int, at key: String, _ message: String) {
      let location = pages[index].frontMatterLocations[key] ?? pages[index].location(line: 1)
      pages[index].diagnostics.append(.error(at: location, message))
    }
    var owner: [Int: Int] = [:]
    for index in pages.indices where !pages[index].isUnreadable {
      guard pages[index].frontMatter["guide"] != nil else {
        report(index, at: "", "page has no guide number, but other pages of this course have one")
        continue
      }
      // Numbers below 1 are already reported on the page itself.
      guard let guide = pages[index].guide, guide >= 1 else { continue }
      if let first = owner[guide] {
        report(
          index, at: "guide", "guide \(guide) is also the guide number of \(Self.fileName(pages[first].path))"
        )
      } else {
        owner[guide] = index
      }
    }
    let withTotal = pages.indices.filter { pages[$0].totalGuides != nil }
    if let reference = withTotal.first {
      let total = pages[reference].totalGuides!
      for index in withTotal.dropFirst() where pages[index].totalGuides != total {
        report(
          index, at: "total_guides",
          "total_guides is \(pages[index].totalGuides!) here, but \(total) in \(Self.fileName(pages[reference].path))"
        )
      }
    }
    let total = withTotal.first.flatMap { pages[$0].totalGuides } ?? owner.keys.max() ?? 0
    // Gaps are found between the numbers present, never by counting up to total_guides,
    // which may be any number an author typed.
    var previous = 0
    for guide in owner.keys.sorted() {
      if guide > previous + 1 {
        report(
          owner[guide]!, at: "guide",
          "\(Self.describe(previous + 1, guide - 1)) missing: no page of this course comes before guide \(guide)"
        )
      }
      previous = guide
    }
    if total > previous, let reference = withTotal.first {
      report(
        reference, at: "total_guides",
        "\(Self.describe(previous + 1, total)) missing: total_guides is \(total)")
    }
    for index in pages.indices {
      pages[index].diagnostics.sort {
        ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
      }
    }
  }
}
