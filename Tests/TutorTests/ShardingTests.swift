import Foundation
import XCTest

/// End-to-end: `tutor test --shard I/N` for CI matrices, and `--output` guarding pages.
final class ShardingTests: TutorTestCase {
  /// Seven one-page courses under a fresh directory.
  func courses() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tutor-shard-\(UUID().uuidString)")
    for name in ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"] {
      let course = dir.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
      for page in ["1-one.md", "2-two.md"] {
        try "# \(name)\n\n```lfe\nlfe> (+ 1 2)\n3\n```\n".write(
          to: course.appendingPathComponent(page), atomically: true, encoding: .utf8)
      }
    }
    return dir
  }

  /// The page paths a JSON report lists.
  func pagePaths(_ json: String) throws -> [String] {
    let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    let pages = root?["pages"] as? [[String: Any]] ?? []
    return pages.compactMap { $0["path"] as? String }
  }

  func testShardsSplitByCourseAndCoverEveryPageOnce() throws {
    let dir = try courses()
    defer { try? FileManager.default.removeItem(at: dir) }
    let all = try pagePaths(try tutor(["test", ".", "--format", "json"], in: dir).stdout)
    XCTAssertEqual(all.count, 14)
    var seen: [String] = []
    for index in 1...3 {
      let run = try tutor(["test", ".", "--shard", "\(index)/3", "--format", "json"], in: dir)
      XCTAssertEqual(run.status, 0, run.stderr)
      let pages = try pagePaths(run.stdout)
      // A course is never split: both of its pages are in the same shard.
      let courses = Set(pages.map { ($0 as NSString).deletingLastPathComponent })
      XCTAssertEqual(pages.count, courses.count * 2, "\(pages)")
      // Stable: the same shard again holds the same pages.
      let again = try tutor(["test", "--shard", "\(index)/3", ".", "--format", "json"], in: dir)
      XCTAssertEqual(try pagePaths(again.stdout), pages)
      seen += pages
    }
    XCTAssertEqual(seen.sorted(), all.sorted())
    XCTAssertGreaterThan(Set(seen).count, 0)
    // `./alpha` and `alpha` are the same course path, so they land in the same shard.
    let direct = try (1...3).map { index in
      try pagePaths(
        try tutor(["test", "alpha", "--shard", "\(index)/3", "--format", "json"], in: dir).stdout)
    }
    let dotted = try (1...3).map { index in
      try pagePaths(
        try tutor(["test", "./alpha/", "--shard", "\(index)/3", "--format", "json"], in: dir).stdout)
    }
    XCTAssertEqual(direct.map(\.isEmpty), dotted.map(\.isEmpty))
    XCTAssertEqual(direct.filter { !$0.isEmpty }.count, 1)
  }

  func testBadShardsAreUsageErrors() throws {
    for bad in ["0/3", "4/3", "1/0", "two/3", "1-3"] {
      let run = try tutor(["test", "lessons", "--shard", bad])
      XCTAssertEqual(run.status, 2, bad)
      XCTAssertTrue(run.stderr.contains("--shard takes I/N"), run.stderr)
    }
  }

  func testOutputRefusesToOverwriteAPage() throws {
    let dir = try courses()
    defer { try? FileManager.default.removeItem(at: dir) }
    let page = dir.appendingPathComponent("beta/1-one.md")
    let before = try String(contentsOf: page, encoding: .utf8)
    for target in ["beta/1-one.md", "./beta/../beta/1-one.md", page.path] {
      let run = try tutor(["test", ".", "--format", "junit", "--output", target], in: dir)
      XCTAssertEqual(run.status, 2, target)
      XCTAssertTrue(run.stderr.contains("is one of the pages being checked"), run.stderr)
    }
    XCTAssertEqual(try String(contentsOf: page, encoding: .utf8), before)
    let report = dir.appendingPathComponent("report.xml")
    XCTAssertEqual(try tutor(["test", ".", "--format", "junit", "--output", report.path], in: dir).status, 0)
  }
}
