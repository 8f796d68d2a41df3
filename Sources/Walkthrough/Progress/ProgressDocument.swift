import Lessons

/// The progress file's contents: the learner's progress through one course.
///
/// ```
/// {"version": 1, "course": "/abs/course", "pages": {"02-spawning": {"position": "02-spawning#4",
///   "positionHash": "...", "steps": {"02-spawning#1": {"hash": "...", "status": "done",
///   "tries": 1, "inputs": ["(c \"messenger\")"], "updated": "2026-12-05T22:47:15Z"}}}}}
/// ```
public struct ProgressDocument: Hashable, Sendable {
  /// The only version this build reads and writes; a file with another is set aside.
  public static let currentVersion = 1

  public var version: Int
  /// The course directory's real absolute path.
  public var course: String
  /// Keyed by page stem (the page's file name without extension).
  public var pages: [String: PageProgress]

  public init(course: String, pages: [String: PageProgress] = [:]) {
    version = Self.currentVersion
    self.course = course
    self.pages = pages
  }

  /// Two-space indented JSON, pages by stem and steps in page order, so the file reads
  /// and diffs well.
  var rendered: String {
    let pagePairs = pages.keys.sorted().compactMap { stem in pages[stem].map { (stem, $0.json) } }
    return JSONValue.object([
      ("version", .integer(version)), ("course", .string(course)), ("pages", .object(pagePairs)),
    ]).rendered() + "\n"
  }
}

extension ProgressDocument: Decodable {
  enum CodingKeys: String, CodingKey {
    case version, course, pages
  }

  /// Only the version, read first so a newer file is recognised as such rather than
  /// reported as damaged.
  struct Version: Decodable {
    var version: Int
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    version = try container.decode(Int.self, forKey: .version)
    course = try container.decode(String.self, forKey: .course)
    pages = try container.decodeIfPresent([String: PageProgress].self, forKey: .pages) ?? [:]
  }
}
