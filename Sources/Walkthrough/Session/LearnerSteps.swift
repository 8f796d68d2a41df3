import DocTest
import Foundation
import LFE
import Lessons

/// A step at the prompt: showing it, reading input, judging answers, hints.
extension Learner {
  // MARK: A step

  enum StepOutcome {
    case advance
    case jump(Int)
    case leave(Navigation)
  }

  /// Shows the step and reads at the prompt until the step is done or left.
  func interact(_ steps: PageSteps) -> StepOutcome {
    let step = steps.steps[stepIndex]
    let page = steps.page
    let block = page.blocks[step.blockIndex]
    show(step, of: steps)
    while true {
      write(present.status(step, of: steps) + "\n")
      guard let input = readInput(for: block) else {
        return .leave(.quit)
      }
      if input.isEmpty { continue }
      if let command = LearnerCommand.parse(input) {
        if let outcome = run(command, step: step, steps: steps) { return outcome }
        continue
      }
      if let outcome = evaluate(input, at: step, steps: steps) { return outcome }
    }
  }

  func prompt(for step: Step, block: CodeBlock) -> String {
    guard let session else { return "lfe> " }
    return session.profile(for: block).prompt
  }

  /// What the step asks, after the prose before it.
  func show(_ step: Step, of steps: PageSteps) {
    let page = steps.page
    let view = PageView(steps)
    let prose = view.prose(before: stepIndex)
    if !prose.isEmpty { write("\n" + ProseRenderer.render(prose, style: options.style) + "\n") }
    let block = page.blocks[step.blockIndex]
    switch step.kind {
    case .source:
      let file = block.file!
      write(present.source(block.text, file: file))
      write(
        "Save this file in your workspace:\n"
          + "  :write  saves the page's version as \(options.workspace.appendingPathComponent(file).path)\n"
          + "  :edit   opens it in your editor, to type it yourself; then :next\n")
    case .exchange:
      let exchange = step.exchange(in: page)!
      write("Type at the prompt:\n" + present.typed(exchange.input, prompt: "    ") + "")
    case .exercise(_, let grading):
      let file = block.file!
      write(present.source(block.text, file: file))
      if session?.read(file) == nil { try? session?.save(block.text, as: file) }
      write(
        present.bold("Exercise.") + " Change \(file) so that "
          + (grading.map { "the \(page.blocks[$0].exchanges.count) checks below pass" } ?? ":check passes")
          + ".\n"
          + "  It is in your workspace: \(options.workspace.appendingPathComponent(file).path)\n"
          + "  :edit opens it in your editor, :check grades it, :hint and :solve help.\n")
      if let grading {
        for exchange in page.blocks[grading].exchanges {
          write(present.typed(exchange.input, prompt: "    "))
          write(exchange.expected.map { "    " + $0.text + "\n" }.joined())
        }
      }
    }
  }

  /// Reads one input: a command line, or lines until they hold a whole form, with the
  /// runtime running meanwhile. Nil at end of input; empty after Ctrl-C.
  func readInput(for block: CodeBlock) -> String? {
    guard let session, let terminal else { return nil }
    session.shell.profile = session.profile(for: block)
    switch terminal.readForm() {
    case .endOfInput: return nil
    case .interrupted: return ""
    case .command(let line): return line
    case .form(let text): return text.trimmingCharacters(in: .newlines)
    }
  }

  /// Runs background processes while the prompt waits; what they printed.
  var idle: () -> String {
    { [weak self] in self?.session?.shell.runBackground(milliseconds: 20) ?? "" }
  }

  // MARK: Answers

  /// Evaluates LFE typed at a step, and judges it when it answers the step.
  func evaluate(_ input: String, at step: Step, steps: PageSteps) -> StepOutcome? {
    guard let session else { return nil }
    let page = steps.page
    let block = page.blocks[step.blockIndex]
    let output = live(input, block: block)
    guard case .exchange = step.kind, let exchange = step.exchange(in: page) else {
      write(present.dim(reminder(step, steps: steps)) + "\n")
      return nil
    }
    let isPageInput = FormComparison.same(input, exchange.input)
    var verdict = session.judge(exchange, output: output, in: block)
    if case .failed(_, let lines, _) = verdict, isPageInput || FormComparison.sameKind(input, exchange.input),
      !lines.contains(where: { if case .extra = $0 { true } else { false } })
    {
      // Only lines are missing: they may be on their way from a process still running.
      verdict = awaitLateOutput(exchange, block: block, output: output) ?? verdict
    }
    switch verdict {
    case .passed, .unchecked:
      if isPageInput {
        return accept(step, steps: steps, input: input, status: .done)
      }
      if verdict.passed && !ExchangeJudge.outputIsUninformative(exchange) {
        let note = "the page typed it as " + exchange.input.replacingOccurrences(of: "\n", with: " ")
        return accept(step, steps: steps, input: input, status: .done, note: note)
      }
      write(present.dim(reminder(step, steps: steps)) + "\n")
      return nil
    case .failed(let diff, _, _):
      guard isPageInput || FormComparison.sameKind(input, exchange.input) else {
        write(present.dim(reminder(step, steps: steps)) + "\n")
        return nil
      }
      lastFailure = verdict
      let tries = progress.recordFailure(steps, step: step)
      write(present.fail("\(step.id): not what the page shows (\(page.path):\(exchange.line))"))
      write(present.diff(diff))
      showHint(step, steps: steps)
      if tries >= 3 {
        write(present.dim("\(tries) tries: :solve types the page's input for you, :skip goes on.") + "\n")
      }
      return nil
    }
  }

  /// The one-line reminder after input that does not answer the step.
  func reminder(_ step: Step, steps: PageSteps) -> String {
    switch step.kind {
    case .source:
      return "(this step saves \(steps.page.blocks[step.blockIndex].file!): :write, :edit, then :next)"
    case .exercise: return "(this step is an exercise: edit the file, then :check; :hint, :solve)"
    case .exchange:
      let input = step.exchange(in: steps.page)!.input.replacingOccurrences(of: "\n", with: " ")
      return "(this step asks you to type \(input); :hint, :show, :skip)"
    }
  }

  /// Output a step shows can come from processes that print later (a timeout, a
  /// sleep): wait a little for it while lines are missing, as a reader of the page would.
  func awaitLateOutput(
    _ exchange: Exchange, block: CodeBlock, output: String
  ) -> ExchangeJudge.Verdict? {
    guard let session else { return nil }
    var collected = output
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(3)
    while clock.now < deadline {
      let more = session.shell.runBackground(milliseconds: 50)
      if more.isEmpty { continue }
      write(more)
      collected += more
      let verdict = session.judge(exchange, output: collected, in: block)
      if verdict.passed { return verdict }
    }
    return nil
  }

  /// Runs input in the live shell with its output shown as it comes, under the step's
  /// time limit and Ctrl-C; everything it printed.
  func live(_ input: String, block: CodeBlock, show: Bool = true) -> String {
    guard let session else { return "" }
    let timeout = block.options.timeout ?? options.stepTimeout
    let parts = timeout.components
    session.runtime.limits.wallMillisecondsPerStep = Int(
      parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000)
    if show { session.echo { [weak self] in self?.write($0) } }
    defer { session.runtime.output.echo = nil }
    session.runtime.trace = block.options.trace ? Trace(atoms: session.runtime.atoms) : nil
    return session.evaluate(input, profile: session.profile(for: block))
  }

  /// Marks a step passed, saves the input that passed, and moves on.
  func accept(
    _ step: Step, steps: PageSteps, input: String, status: StepStatus, note: String? = nil
  ) -> StepOutcome {
    progress.accept(steps, step: step, inputs: [input], status: status)
    var text = status == .solved ? "solved with help" : status == .skipped ? "skipped" : "matches the page"
    text = "\(step.id): \(text)"
    write(present.pass(text))
    if let note { write(present.note(note)) }
    if let session, let trace = session.runtime.stopTrace() {
      let diagram = SequenceDiagramBuilder(trace: trace, shell: session.shell).build()
      write(TextDiagramRenderer(style: present.style).render(diagram))
    }
    return .advance
  }

  func showHint(_ step: Step, steps: PageSteps) {
    let hints = ladder(step, steps: steps)
    guard !hints.isEmpty else { return }
    let index = min(hintsShown, hints.count - 1)
    write(present.hint(hints[index]))
    hintsShown = index + 1
  }

  func ladder(_ step: Step, steps: PageSteps) -> [String] {
    let block = steps.page.blocks[step.blockIndex]
    var expected = step.exchange(in: steps.page)?.input
    if case .source = step.kind { expected = ":write saves the page's version of \(block.file!)" }
    if case .exercise(let solution, _) = step.kind, solution != nil {
      expected = ":solve shows the difference between your file and the solution"
    }
    return HintLadder.hints(
      author: block.options.hints, failure: lastFailure, shell: session?.shell, expectedInput: expected)
  }
}
