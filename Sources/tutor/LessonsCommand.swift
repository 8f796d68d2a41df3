import ArgumentParser
import Foundation
import LFE
import Lessons

/// `tutor lessons PATH... [--json]`: what the loader makes of pages, before anything runs.
struct LessonsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lessons",
    abstract: "Show how lesson pages are read: headings, code blocks, transcripts, diagnostics.",
    discussion: """
      Each PATH is a page or a course directory; a directory's subdirectories that hold \
      pages are courses too. Diagnostics go to stderr as path:line:col: error: message. \
      Exits 0, or 2 when a path cannot be read or a page has an error.
      """)

  @Argument(help: "Lesson pages or course directories.")
  var paths: [String] = []

  @Flag(help: "Print the model as JSON instead of text.")
  var json = false

  func run() throws {
    guard !paths.isEmpty else {
      printError("tutor lessons: give at least one page or course directory")
      throw ExitCode(2)
    }
    var pages: [Page] = []
    var diagnostics: [Diagnostic] = []
    var failed = false
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        printError("tutor lessons: no such file or directory: \(path)")
        failed = true
        continue
      }
      if isDirectory.boolValue {
        let courses = Course.loadAll(under: path, isComplete: Reader.isComplete)
        if courses.isEmpty {
          printError("tutor lessons: no lesson pages (*.md, *.markdown, *.txt) under \(path)")
          failed = true
        }
        for course in courses {
          pages += course.pages
          diagnostics += course.diagnostics
        }
      } else {
        pages.append(Page.load(path: path, isComplete: Reader.isComplete))
      }
    }
    diagnostics += pages.flatMap(\.diagnostics)
    print(json ? LessonReport.json(pages) : LessonReport.text(pages), terminator: "")
    if !diagnostics.isEmpty { printError(diagnostics.rendered, terminator: "") }
    if failed || diagnostics.containsErrors { throw ExitCode(2) }
  }

  private func printError(_ message: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((message + terminator).utf8))
  }
}
