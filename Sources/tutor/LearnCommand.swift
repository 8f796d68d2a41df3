import ArgumentParser
import Foundation
import LFE
import Lessons
import Walkthrough

/// `tutor learn PATH`: a course (or one page) step by step at a real LFE prompt; played
/// through with PASS and FAIL marks when there is no terminal.
struct LearnCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "learn",
    abstract: "Walk through a course of lessons at a live LFE prompt.",
    discussion: """
      PATH is a course directory or one page. On a terminal, each page shows its prose \
      and asks you to type each exchange; what you type runs in a real LFE shell and is \
      checked against the page. Progress is saved after every step. Without a terminal \
      the course is played through, every input as the page types it, and the exit code \
      is 0 only when every step passes.
      """)

  @Argument(help: "A course directory or a lesson page.")
  var path: String

  @Option(help: "Where your files go (default: ~/tutor/COURSE).")
  var workspace: String?

  @Option(help: "Colour: auto, never or always.")
  var color: String = "auto"

  @Flag(help: "Plain output for screen readers: words (PASS, FAIL, HINT), no colour or symbols.")
  var plain = false

  @Option(help: "How long one evaluation may run before it is stopped, e.g. 10s or 500ms.")
  var stepTimeout: String = "10s"

  func run() throws {
    guard let choice = ColorChoice(rawValue: color) else {
      throw usage("unknown --color '\(color)'; choose auto, never or always")
    }
    guard let timeout = BlockOptions.parseDuration(stepTimeout), timeout > .zero else {
      throw usage("--step-timeout needs a duration such as 10s or 500ms")
    }
    let course = try loadCourse()
    let environment = ProcessInfo.processInfo.environment
    let interactive = isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
    let style = TerminalStyle.resolve(
      color: choice, plain: plain, isTerminal: isatty(STDOUT_FILENO) != 0, environment: environment,
      width: nil)
    guard interactive else {
      let summary = Playthrough(course: course, style: style) { text in
        FileHandle.standardOutput.write(Data(text.utf8))
      }.run()
      if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
      return
    }
    let directory: URL
    if let workspace {
      directory = URL(fileURLWithPath: workspace)
    } else {
      guard let home = environment["HOME"], !home.isEmpty else {
        throw usage("HOME is not set: give a workspace with --workspace DIR")
      }
      let name = URL(fileURLWithPath: course.directory).standardizedFileURL.lastPathComponent
      directory = URL(fileURLWithPath: home).appendingPathComponent("tutor").appendingPathComponent(name)
    }
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw usage("cannot make the workspace \(directory.path): \(error.localizedDescription)")
    }
    let progress: LearnerProgress
    do {
      progress = try LearnerProgress(course: course, environment: environment)
    } catch {
      throw usage("\(error)")
    }
    let learner = Learner(
      course: course,
      options: .init(workspace: directory, style: style, stepTimeout: timeout, environment: environment),
      progress: progress, editor: LineEditor(historyName: "learn"))
    let code = learner.run()
    if code != 0 { throw ExitCode(code) }
  }

  /// The course PATH names: a directory's pages, or one page as a course of its own.
  private func loadCourse() throws -> Course {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw usage("no such file or directory: \(path)")
    }
    let course: Course
    if isDirectory.boolValue {
      course = Course.load(directory: path, isComplete: Reader.isComplete)
      if course.pages.isEmpty && course.diagnostics.isEmpty {
        throw usage("no lesson pages (*.md, *.markdown, *.txt) in \(path)")
      }
    } else {
      let page = Page.load(path: path, isComplete: Reader.isComplete)
      let directory = (path as NSString).deletingLastPathComponent
      course = Course(directory: directory.isEmpty ? "." : directory, pages: [page])
    }
    let problems = course.diagnostics.filter(\.isError)
    if !problems.isEmpty {
      FileHandle.standardError.write(Data(problems.map { $0.description + "\n" }.joined().utf8))
      throw ExitCode(2)
    }
    return course
  }

  private func usage(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("tutor learn: \(message)\n".utf8))
    return ExitCode(2)
  }
}
