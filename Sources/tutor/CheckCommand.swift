import ArgumentParser
import DocTest
import Foundation
import Walkthrough

/// `tutor check PATH...`: lint and run pages, for authors; `--update` rewrites stale
/// expected output in place.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Lint lesson pages, run them and check their transcripts.",
    discussion: """
      Each PATH is a page or a course directory. Problems print as path:line:col: error: \
      message, each mismatch with its input and a diff. With --update, mismatching \
      expected output is rewritten with what the shell printed (pid spellings and `...` \
      lines kept) after showing the diff; on a terminal it asks first unless --yes.

      Warnings (a page with nothing checked, a line that looks like a prompt but is not \
      one, an input with no output shown, ...) do not fail a check unless --strict. \
      --watch keeps running and re-checks each page saved, with the later pages of its \
      course; Enter re-checks everything.

      With --against lfe, each course's inputs also run through real LFE's shell (erl \
      -noshell -pa LFE_EBIN -eval 'lfe_shell:server().') and every exchange where the \
      page, tutor and real LFE disagree is shown three ways; output whose order is racy \
      in real LFE is compared as a multiset. Without LFE that is a usage error (exit 2).

      Exits 0 when all pass, 1 on a failure, 2 on a page that cannot be loaded or on bad usage.
      """)

  @OptionGroup var options: DocTestOptions

  @Flag(help: "Rewrite mismatching expected output in the pages.")
  var update = false

  @Flag(help: "With --update, rewrite without asking.")
  var yes = false

  @Flag(help: "Count warnings as failures: exit 1 when a page has any.")
  var strict = false

  @Flag(help: "Keep running: re-check a page when it is saved (and the later pages of its course).")
  var watch = false

  @Flag(help: "With --watch, compare file times every second instead of using inotify.")
  var poll = false

  @Option(
    help: ArgumentHelp(
      "Also run each page's inputs through real LFE and compare, exchange by exchange.", valueName: "lfe"))
  var against: String?

  @Option(
    help: ArgumentHelp(
      "With --against lfe: LFE's lfe script, directory or ebin (default: LFE_EBIN, else the lfe on the PATH).",
      valueName: "path"))
  var lfe: String?

  @Option(
    help: ArgumentHelp(
      "For each failing exchange, write a sequence diagram of what the processes did (text and SVG) here.",
      valueName: "dir"))
  var trace: String?

  func validate() throws {
    if let against, against != "lfe" { throw ValidationError("--against takes lfe, not '\(against)'") }
    if lfe != nil && against == nil { throw ValidationError("--lfe goes with --against lfe") }
    if watch && update { throw ValidationError("--watch and --update do not go together") }
    if poll && !watch { throw ValidationError("--poll goes with --watch") }
    if watch && (options.format != "text" || options.output != nil || against != nil) {
      throw ValidationError("--watch prints text reports as it goes; drop --format, --output and --against")
    }
  }

  func run() throws {
    if watch {
      try options.watch(polling: poll)
    }
    var realLFE: RealLFE?
    if against != nil {
      switch RealLFE.locate(option: lfe, environment: ProcessInfo.processInfo.environment) {
      case .success(let found): realLFE = found
      case .failure(let problem):
        DocTestOptions.printError("tutor check --against lfe: \(problem.message)")
        throw ExitCode(2)
      }
    }
    var outcome = try options.execute(
      mode: .check, command: "check",
      factory: trace == nil ? EmbeddedShell.factory : EmbeddedShell.factory(tracing: TraceFiles.render),
      isolate: trace == nil)
    if let trace { try TraceFiles.write(outcome.pages, into: trace) }
    if let realLFE {
      let comparison = LFEComparison(lfe: realLFE)
      let (rows, stopped) = comparison.compare(outcome.courses, results: outcome.pages)
      var profiles: [String: String] = [:]
      for page in outcome.pages { profiles[page.path] = page.profile }
      let text = LFEComparison.render(rows, stopped: stopped, profiles: profiles, lfe: realLFE)
      if options.sideChannelIsStdout {
        DocTestOptions.write(text)
      } else {
        FileHandle.standardError.write(Data(text.utf8))
      }
    }
    if update {
      let applied = applyUpdates(outcome.pages)
      outcome.exitCode = DocTestRun.exitCode(outcome.pages, updated: applied)
    }
    let warnings = outcome.pages.reduce(0) { $0 + $1.diagnostics.count { !$0.isError } }
    if strict && warnings > 0 && outcome.exitCode == 0 {
      DocTestOptions.printError(
        "tutor check: --strict: \(warnings) warning\(warnings == 1 ? "" : "s") count as failures")
      outcome.exitCode = 1
    }
    try outcome.finish()
  }

  /// Shows and writes each page's update; the paths it wrote.
  private func applyUpdates(_ pages: [PageResult]) -> Set<String> {
    let toStdout = options.sideChannelIsStdout
    func say(_ text: String) {
      if toStdout { DocTestOptions.write(text) } else { FileHandle.standardError.write(Data(text.utf8)) }
    }
    let color =
      options.sideChannelIsStdout && isatty(STDOUT_FILENO) != 0
      && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    let ask = !yes && isatty(STDIN_FILENO) != 0
    var applied: Set<String> = []
    for page in pages {
      switch PageUpdate.make(for: page) {
      case .failure(let diagnostic):
        DocTestOptions.printError(diagnostic.description)
      case .success(nil):
        continue
      case .success(let update?):
        say(update.diff.rendered(color: color))
        if ask {
          say(
            "Rewrite \(update.exchanges) exchange\(update.exchanges == 1 ? "" : "s") in \(update.path)? [y/N] "
          )
          let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
          guard answer == "y" || answer == "yes" else { continue }
        }
        do {
          try update.apply()
          applied.insert(update.path)
          say(
            "updated \(update.path): \(update.exchanges) exchange\(update.exchanges == 1 ? "" : "s") rewritten\n"
          )
        } catch {
          DocTestOptions.printError("tutor check: cannot write \(update.path): \(error.localizedDescription)")
        }
      }
    }
    return applied
  }
}
