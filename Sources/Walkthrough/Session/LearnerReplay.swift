import DocTest
import Foundation
import LFE
import Lessons

/// Rebuilding the shell of a page by replaying the steps before a place.
extension Learner {
  // MARK: Rebuilding the shell

  /// Makes a new live session for the page with the steps before `index` replayed.
  func rebuild(upTo index: Int, announce: Bool) {
    let steps = pages[pageIndex]
    let (replayed, notes) = replay(steps, upTo: index)
    replayed.runtime.setClock(.real)
    session = replayed
    let live = TerminalShell(shell: replayed.shell, editor: editor)
    // Output is shown and kept per evaluation by the session, for judging.
    replayed.runtime.output.echo = nil
    terminal = live
    guard announce, index > 0 else { return }
    write(
      present.dim("(replayed steps #1 to #\(index) of \(steps.stem): the shell is as you left it)") + "\n")
    for note in notes { write(present.note(note)) }
  }

  /// A new session with the steps before `index` replayed silently on virtual time:
  /// the learner's accepted inputs where there are any, the page's otherwise. Notes say
  /// where a replay differed from the page.
  func replay(_ steps: PageSteps, upTo index: Int) -> (session: PageSession, notes: [String]) {
    var limits = Limits()
    limits.wallMillisecondsPerStep = 10_000
    let session = PageSession(page: steps.page, workspace: options.workspace, clock: .virtual, limits: limits)
    var notes: [String] = []
    var usedPage: [String] = []
    for step in steps.steps.prefix(index) {
      switch replay(step, of: steps, in: session) {
      case .learner(passed: false):
        notes.append("\(step.id): your input, replayed, no longer prints what the page shows")
      case .page: usedPage.append("#\(step.ordinal)")
      default: break
      }
    }
    if !usedPage.isEmpty {
      notes.append(
        "step\(usedPage.count == 1 ? "" : "s") \(usedPage.joined(separator: ", ")) had no answer of yours: "
          + "the page's input\(usedPage.count == 1 ? " was" : "s were") used")
    }
    return (session, notes)
  }

  enum Replayed: Equatable {
    /// The learner's accepted inputs ran; whether the output still matches the page.
    case learner(passed: Bool)
    /// The step had no answer of the learner's: the page's input ran.
    case page
    /// A file was saved or compiled.
    case file
  }

  /// Runs one step again, silently: the learner's accepted inputs where there are any,
  /// the page's otherwise; source files saved where missing and compiled.
  func replay(_ step: Step, of steps: PageSteps, in session: PageSession) -> Replayed {
    let page = steps.page
    let block = page.blocks[step.blockIndex]
    switch step.kind {
    case .source:
      if session.read(block.file!) == nil { try? session.save(block.text, as: block.file!) }
      _ = session.compile(block.file!)
      return .file
    case .exchange:
      let exchange = step.exchange(in: page)!
      let accepted = progress.acceptedInputs(steps, step: step)
      var output = ""
      for input in accepted.isEmpty ? [exchange.input] : accepted {
        output = session.evaluate(input, line: exchange.line, profile: session.profile(for: block))
      }
      let passed = session.judge(exchange, output: output, in: block).passed
      return accepted.isEmpty ? .page : .learner(passed: passed)
    case .exercise(let solution, let grading):
      let file = block.file!
      if session.read(file) == nil {
        try? session.save(solution.map { page.blocks[$0].text } ?? block.text, as: file)
      }
      _ = session.compile(file)
      for exchange in grading.map({ page.blocks[$0].exchanges }) ?? [] {
        let gradingBlock = page.blocks[grading!]
        let output = session.evaluate(
          exchange.input, line: exchange.line, profile: session.profile(for: gradingBlock))
        _ = session.judge(exchange, output: output, in: gradingBlock)
      }
      return .file
    }
  }
}
