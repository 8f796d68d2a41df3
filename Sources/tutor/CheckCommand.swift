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
      lines kept) after showing the diff; on a terminal it asks first unless --yes. \
      Exits 0 when all pass, 1 on a failure, 2 on a page that cannot be loaded or on bad usage.
      """)

  @OptionGroup var options: DocTestOptions

  @Flag(help: "Rewrite mismatching expected output in the pages.")
  var update = false

  @Flag(help: "With --update, rewrite without asking.")
  var yes = false

  @Option(
    help: ArgumentHelp(
      "For each failing exchange, write a sequence diagram of what the processes did (text and SVG) here.",
      valueName: "dir"))
  var trace: String?

  func run() throws {
    var outcome = try options.execute(
      mode: .check, command: "check",
      factory: trace == nil ? EmbeddedShell.factory : EmbeddedShell.factory(tracing: TraceFiles.render))
    if let trace { try TraceFiles.write(outcome.pages, into: trace) }
    if update {
      let applied = applyUpdates(outcome.pages)
      outcome.exitCode = DocTestRun.exitCode(outcome.pages, updated: applied)
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
