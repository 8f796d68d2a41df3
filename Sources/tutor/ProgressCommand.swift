import ArgumentParser
import Foundation
import LFE
import Lessons
import Walkthrough

/// `tutor progress COURSE [--reset [PAGE]] [--yes] [--json]`: what a learner has done in
/// a course, and a way to start over.
struct ProgressCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "progress",
    abstract: "Show or reset a learner's saved progress through a course.",
    discussion: """
      Prints each page of COURSE in order: [ ] not started, [~] in progress, [x] done, its \
      guide number, title, finished/total steps, how many were solved or skipped, and the \
      step the learner is at; then the progress file. Progress is kept in \
      $XDG_STATE_HOME/tutor/ (else ~/.local/state/tutor/). --reset clears the course, or \
      PAGE alone (a page's name such as 02-spawning, its file name or path); on a \
      terminal it asks first, elsewhere it needs --yes. Exits 0, or 2 on bad usage or a \
      course that cannot be read.
      """)

  @Argument(help: "The course directory.")
  var course: String

  @Argument(help: "With --reset, the page to reset.")
  var page: String?

  @Flag(help: "Clear saved progress of the course, or of PAGE.")
  var reset = false

  @Flag(help: "With --reset, clear without asking.")
  var yes = false

  @Flag(help: "Print progress as JSON.")
  var json = false

  func run() throws {
    if page != nil && !reset { fail("a PAGE is only taken with --reset") }
    let loaded = loadCourse()
    let pages = loaded.pages.map { PageSteps(page: $0) }
    var store: ProgressStore
    do {
      store = try ProgressStore(courseDirectory: loaded.directory)
    } catch {
      fail("\(error)")
    }
    if let setAside = store.setAside { say("tutor progress: warning: \(setAside)\n", toError: true) }
    store.rebase(onto: pages)
    if reset { try resetProgress(&store, pages: pages) }
    let summaries = pages.map { store.summary($0) }
    if json {
      print(
        ProgressReport.json(summaries, course: store.document.course, file: store.fileURL.path),
        terminator: "")
    } else {
      let color = isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
      print(ProgressReport.text(summaries, file: store.fileURL.path, color: color), terminator: "")
    }
  }

  private func loadCourse() -> Course {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: course, isDirectory: &isDirectory) else {
      fail("no such directory: \(course)")
    }
    guard isDirectory.boolValue else { fail("\(course) is a file; give the course directory that holds it") }
    let loaded = Course.load(directory: course, isComplete: Reader.isComplete)
    if let problem = loaded.diagnostics.first { fail(problem.description) }
    guard !loaded.pages.isEmpty else {
      let inside = Course.loadAll(under: course).filter { !$0.pages.isEmpty }.map(\.directory)
      fail(
        "no lesson pages (*.md, *.markdown, *.txt) in \(course)"
          + (inside.isEmpty ? "" : "; courses under it: " + inside.joined(separator: ", ")))
    }
    return loaded
  }

  private func resetProgress(_ store: inout ProgressStore, pages: [PageSteps]) throws {
    var target: PageSteps?
    if let page {
      let wanted = ProgressFile.canonicalPath(of: page)
      target = pages.first {
        $0.stem == page || ($0.page.path as NSString).lastPathComponent == page
          || ProgressFile.canonicalPath(of: $0.page.path) == wanted
      }
      if target == nil {
        fail("no page \(page) in \(course); its pages are: " + pages.map(\.stem).joined(separator: ", "))
      }
    }
    let what = target.map { "page \($0.stem) of \(course)" } ?? "the whole course \(course)"
    if !yes {
      guard isatty(STDIN_FILENO) != 0 else { fail("--reset asks first; give --yes when not on a terminal") }
      say("Reset progress of \(what)? [y/N] ", toError: json)
      let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
      guard answer == "y" || answer == "yes" else {
        say("Nothing reset.\n", toError: json)
        return
      }
    }
    do {
      try store.reset(page: target?.stem)
    } catch {
      fail("\(error)")
    }
    say("Reset progress of \(what).\n", toError: json)
  }

  /// Questions and confirmations; on stderr when stdout carries JSON.
  private func say(_ text: String, toError: Bool = false) {
    let handle = toError ? FileHandle.standardError : FileHandle.standardOutput
    handle.write(Data(text.utf8))
  }

  private func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("tutor progress: \(message)\n".utf8))
    Foundation.exit(2)
  }
}
