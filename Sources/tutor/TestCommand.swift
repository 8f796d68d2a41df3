import ArgumentParser
import DocTest
import Foundation

/// `tutor test PATH...`: run the pages and report, for CI. No lint, no rewriting.
struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run lesson pages and check their transcripts, for CI.",
    discussion: """
      Each PATH is a page or a course directory; pages of a course run in order in one \
      workspace, courses in parallel. Exits 0 when every exchange passes, 1 on a failure, \
      2 on a page that cannot be loaded or on bad usage.
      """)

  @OptionGroup var options: DocTestOptions

  func run() throws {
    try options.execute(mode: .test, command: "test").finish()
  }
}

/// The arguments `check` and `test` share, and the run they drive.
struct DocTestOptions: ParsableArguments {
  @Argument(help: "Lesson pages or course directories.")
  var paths: [String] = []

  @Option(help: "Report format: text, junit, tap or json.")
  var format: String = "text"

  @Option(help: "Write the report to this file instead of standard output.")
  var output: String?

  @Option(help: "Courses run at once (default: the number of cores).")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  /// What a run produced, and the exit code to leave with.
  struct Outcome {
    var pages: [PageResult]
    var exitCode: Int32

    func finish() throws {
      if exitCode != 0 { throw ExitCode(exitCode) }
    }
  }

  /// Loads, runs and reports; usage problems exit 2 before anything runs.
  func execute(mode: CourseRunner.Mode, command: String) throws -> Outcome {
    // Checked here rather than in `validate()`, which would exit 64, not 2.
    guard !paths.isEmpty else { throw usage(command, "give at least one page or course directory") }
    guard let format = DocTestRun.Format(rawValue: format) else {
      throw usage(command, "unknown format '\(format)'; choose one of text, junit, tap, json")
    }
    guard jobs >= 1 else { throw usage(command, "--jobs must be at least 1") }
    let (courses, errors) = DocTestRun.load(paths: paths)
    guard errors.isEmpty else {
      for error in errors { Self.printError("tutor \(command): \(error)") }
      throw ExitCode(2)
    }
    var run = DocTestRun(mode: mode, jobs: jobs)
    // Each course in a child process of its own, so one that crashes costs no other.
    // A lone course runs here: there is no other to save, and a child would double
    // the start-up time of checking one page.
    if courses.count > 1 { run.isolation = IsolatedCourseRun.currentExecutable }
    let pages = run.run(courses)
    let color =
      format == .text && output == nil && isatty(STDOUT_FILENO) != 0
      && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    let report = DocTestRun.render(pages, format: format, color: color)
    if let output {
      do {
        try Data(report.utf8).write(to: URL(fileURLWithPath: output))
      } catch {
        Self.printError("tutor \(command): cannot write \(output): \(error.localizedDescription)")
        throw ExitCode(2)
      }
    } else {
      Self.write(report)
    }
    return Outcome(pages: pages, exitCode: RunSummary(pages).exitCode)
  }

  /// Where messages that are not the report go: stdout beside a text report there,
  /// stderr when stdout holds a machine-readable report.
  var sideChannelIsStdout: Bool { format == "text" && output == nil }

  private func usage(_ command: String, _ message: String) -> ExitCode {
    Self.printError("tutor \(command): \(message)")
    return ExitCode(2)
  }

  static func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}
