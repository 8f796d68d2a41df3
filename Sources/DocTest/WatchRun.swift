import Foundation
import Lessons

/// `tutor check --watch`: checks the paths once, then re-runs what changes. A saved page
/// re-runs from that page to the end of its course (later pages build on it; earlier ones
/// run again unreported, to rebuild the workspace it starts from); a changed `.lfe` file
/// beside the pages re-runs its whole course; Enter re-runs everything.
public struct WatchRun {
  public var paths: [String]
  public var run: DocTestRun
  /// Poll file stamps only, for file systems that send no inotify events.
  public var polling: Bool
  /// How often stamps are compared, in milliseconds.
  public var interval: Int32 = 1000

  public init(paths: [String], run: DocTestRun, polling: Bool) {
    self.paths = paths
    self.run = run
    self.polling = polling
  }

  /// A file's identity and last change, to tell a saved file from an untouched one.
  struct Stamp: Equatable {
    var modified: Date
    var size: Int
    var inode: Int
  }

  /// Runs until the process is stopped. `report` shows each run's pages; `say` prints
  /// the watch loop's own lines.
  public func loop(report: ([PageResult]) -> Void, say: (String) -> Void) -> Never {
    let watcher = FileWatcher(polling: polling, readsInput: true)
    var (courses, errors) = DocTestRun.load(paths: paths)
    errors.forEach { say("tutor check: \($0)") }
    report(run.run(courses))
    var stamps = Self.stamps(courses)
    watcher.watch(courses.map(\.directory))
    let how =
      watcher.usesEvents ? "inotify, and every \(interval / 1000) s" : "every \(interval / 1000) s (polling)"
    say(
      "watching \(stamps.count) file\(stamps.count == 1 ? "" : "s") for changes (\(how)); "
        + "Enter re-runs everything, Ctrl-C stops")
    while true {
      let wake = watcher.wait(milliseconds: interval)
      if wake == .fileEvent {
        // Editors save in steps (write, rename); let them finish before reading.
        Thread.sleep(forTimeInterval: 0.1)
        while watcher.wait(milliseconds: 50) == .fileEvent {}
      }
      (courses, errors) = DocTestRun.load(paths: paths)
      let now = Self.stamps(courses)
      if wake == .enter {
        say("re-running everything")
        errors.forEach { say("tutor check: \($0)") }
        report(run.run(courses))
        stamps = now
        continue
      }
      guard now != stamps else { continue }
      watcher.watch(courses.map(\.directory))
      var selected: [(course: Course, from: Int)] = []
      for course in courses {
        let files = Self.files(of: course)
        let removed = stamps.keys.contains {
          ($0 as NSString).deletingLastPathComponent == course.directory && now[$0] == nil
        }
        let extraChanged = removed || files.contains { now[$0] != stamps[$0] }
        let first = course.pages.firstIndex { now[$0.path] != stamps[$0.path] }
        if let first {
          selected.append((course, first))
        } else if extraChanged {
          selected.append((course, 0))
        }
      }
      stamps = now
      errors.forEach { say("tutor check: \($0)") }
      guard !selected.isEmpty else { continue }
      let names = selected.map { entry -> String in
        let page = entry.course.pages[entry.from].path
        let later = entry.course.pages.count - entry.from - 1
        return later > 0 ? "\(page) and \(later) later page\(later == 1 ? "" : "s")" : page
      }
      say("changed: re-running \(names.joined(separator: "; "))")
      let results = run.run(selected.map(\.course))
      var shown: [PageResult] = []
      var offset = 0
      for entry in selected {
        let count = entry.course.pages.count
        shown += results[min(offset + entry.from, results.count)..<min(offset + count, results.count)]
        offset += count
      }
      report(shown)
    }
  }

  /// The pages of each course and the `.lfe` files beside them.
  static func files(of course: Course) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: course.directory)) ?? []
    let sources = names.filter { $0.hasSuffix(".lfe") }.sorted().map {
      (course.directory as NSString).appendingPathComponent($0)
    }
    return course.pages.map(\.path) + sources
  }

  static func stamps(_ courses: [Course]) -> [String: Stamp] {
    var stamps: [String: Stamp] = [:]
    for course in courses {
      for file in files(of: course) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file) else { continue }
        stamps[file] = Stamp(
          modified: attributes[.modificationDate] as? Date ?? .distantPast,
          size: (attributes[.size] as? NSNumber)?.intValue ?? -1,
          inode: (attributes[.systemFileNumber] as? NSNumber)?.intValue ?? -1)
      }
    }
    return stamps
  }
}
