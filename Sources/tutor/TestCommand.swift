import ArgumentParser
import DocTest
import Foundation
import Lessons

/// `tutor test PATH...`: run the pages and report, for CI. No lint, no rewriting.
struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run lesson pages and check their transcripts, for CI.",
    discussion: """
      Each PATH is a page or a course directory; pages of a course run in order in one \
      workspace, courses in parallel. --shard I/N runs the I-th of N shares of the \
      courses, for a CI matrix: a course goes to the share its path hashes to (FNV-1a of \
      the path as given, such as lessons/processes), so it is never split and stays in \
      the same share on every machine. Exits 0 when every exchange passes, 1 on a \
      failure, 2 on a page that cannot be loaded or on bad usage.
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

  @Option(help: "Report format: text, junit, tap, json or html.")
  var format: String = "text"

  @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
  var output: String?

  // Unconditional, so `--jobs -1` reaches the range check instead of reading as an option.
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Courses run at once; the number of cores when not given.", valueName: "n"))
  var jobs: Int?

  @Option(
    help: ArgumentHelp("Run only the I-th of N shares of the courses (for CI matrices).", valueName: "I/N"))
  var shard: String?

  /// What a run produced, and the exit code to leave with.
  struct Outcome {
    var pages: [PageResult]
    var exitCode: Int32
    /// The courses that ran, for work after the report.
    var courses: [Course] = []

    func finish() throws {
      if exitCode != 0 { throw ExitCode(exitCode) }
    }
  }

  /// Loads, runs and reports; usage problems exit 2 before anything runs.
  func execute(
    mode: CourseRunner.Mode, command: String, factory: @escaping ShellFactory = EmbeddedShell.factory,
    isolate: Bool = true
  ) throws -> Outcome {
    // Checked here rather than in `validate()`, which would exit 64, not 2.
    guard !paths.isEmpty else { throw usage(command, "give at least one page or course directory") }
    guard let format = DocTestRun.Format(rawValue: format) else {
      throw usage(command, "unknown format '\(format)'; choose one of text, junit, tap, json, html")
    }
    let jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
    guard jobs >= 1 else { throw usage(command, "--jobs must be at least 1, not \(jobs)") }
    var selected: Shard?
    if let shard {
      guard let parsed = Shard(shard) else {
        throw usage(command, "--shard takes I/N with 1 <= I <= N, such as 2/4; not '\(shard)'")
      }
      selected = parsed
    }
    var (courses, errors) = DocTestRun.load(paths: paths)
    guard errors.isEmpty else {
      for error in errors { Self.printError("tutor \(command): \(error)") }
      throw ExitCode(2)
    }
    if let output, let page = DocTestRun.page(at: output, in: courses) {
      throw usage(
        command, "--output \(output) is one of the pages being checked (\(page)); write the report elsewhere")
    }
    if let selected { courses = DocTestRun.select(courses, shard: selected) }
    var run = DocTestRun(mode: mode, jobs: jobs, factory: factory)
    // Each course in a child process of its own, so one that crashes costs no other.
    // A lone course runs here: there is no other to save, and a child would double
    // the start-up time of checking one page. A child runs the plain embedded shell,
    // so a run that traces stays in this process.
    if courses.count > 1 && isolate { run.isolation = IsolatedCourseRun.currentExecutable }
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
    return Outcome(pages: pages, exitCode: RunSummary(pages).exitCode, courses: courses)
  }

  /// `check --watch`: a text report per run on stdout, until the process is stopped.
  func watch(polling: Bool) throws -> Never {
    guard !paths.isEmpty else { throw usage("check", "give at least one page or course directory") }
    let (_, errors) = DocTestRun.load(paths: paths)
    guard errors.isEmpty else {
      for error in errors { Self.printError("tutor check: \(error)") }
      throw ExitCode(2)
    }
    let color = isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    let run = DocTestRun(mode: .check, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    WatchRun(paths: paths, run: run, polling: polling).loop(
      report: { Self.write(TextReport.render($0, color: color)) }, say: { Self.write("-- \($0)\n") })
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
