import ArgumentParser
import DocTest
import Foundation

/// `tutor run-course`, hidden: runs one course and writes its results as JSON, for a
/// `check` or `test` that runs each course in a child process of its own.
struct RunCourseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: IsolatedCourseRun.subcommand,
    abstract: "Run one course and write its results as JSON (used by check and test).",
    shouldDisplay: false)

  @Option(help: "check or test.")
  var mode: String = "test"

  @Option(help: "The course's directory.")
  var directory: String

  @Argument(help: "The course's pages, in course order.")
  var pages: [String] = []

  func run() throws {
    guard let mode = CourseRunner.Mode(rawValue: mode) else { throw ExitCode(2) }
    let data = IsolatedCourseRun.runChild(directory: directory, pages: pages, mode: mode)
    FileHandle.standardOutput.write(data)
  }
}
