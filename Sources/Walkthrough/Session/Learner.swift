import DocTest
import Foundation
import LFE
import Lessons

/// `tutor learn` on a terminal: a course's pages step by step, at a real LFE prompt.
///
/// Each step shows the prose before it, then asks for one thing: save a file, type an
/// exchange, or solve an exercise. What the learner types runs in a shell that keeps
/// its state across steps; an answer passes when its output matches the page by the
/// same rules `tutor check` uses. Progress is saved after every step, and opening a
/// page mid-way replays the learner's accepted inputs so the shell is as they left it.
public final class Learner {
  public struct Options {
    public var workspace: URL
    public var style: TerminalStyle
    /// How long one evaluation may run before it is stopped, unless a block says.
    public var stepTimeout: Duration
    public var environment: [String: String]

    public init(
      workspace: URL, style: TerminalStyle, stepTimeout: Duration = .seconds(10),
      environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
      self.workspace = workspace
      self.style = style
      self.stepTimeout = stepTimeout
      self.environment = environment
    }
  }

  let course: Course
  let pages: [PageSteps]
  let options: Options
  let progress: LearnerProgress
  let editor: LineEditor
  let present: StepPresenter

  var pageIndex = 0
  var stepIndex = 0
  var session: PageSession?
  /// The live session at the terminal: forms read with the background running, Ctrl-C
  /// able to stop an evaluation.
  var terminal: TerminalShell?
  /// Hints shown so far on the current step.
  var hintsShown = 0
  /// The last wrong answer's verdict on the current step, for derived hints.
  var lastFailure: ExchangeJudge.Verdict?

  public init(course: Course, options: Options, progress: LearnerProgress, editor: LineEditor) {
    self.course = course
    pages = course.pages.map(PageSteps.init)
    self.options = options
    self.progress = progress
    self.editor = editor
    present = StepPresenter(style: options.style)
  }

  private func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  // MARK: The course

  /// Runs until the learner quits or ends input; the exit code.
  public func run() -> Int32 {
    write(present.dim("Your workspace is \(options.workspace.path); files you save go there.") + "\n")
    write(present.dim("Type :help for commands.") + "\n\n")
    if let note = progress.setAsideNote { write(present.note(note)) }
    var next: Navigation = pages.count > 1 ? .menu : .open(0, nil)
    while true {
      switch next {
      case .menu:
        guard let chosen = menu() else { return finish() }
        next = .open(chosen, nil)
      case .open(let page, let step):
        next = open(page: page, at: step)
      case .quit:
        return finish()
      }
    }
  }

  enum Navigation {
    case menu
    /// A page, at a step index (nil: where the learner stopped).
    case open(Int, Int?)
    case quit
  }

  private func finish() -> Int32 {
    write("\n" + present.dim("Progress saved in \(progress.fileDescription).") + "\n")
    return 0
  }

  /// The course's pages with a mark each; the chosen page's index, nil to quit.
  private func menu() -> Int? {
    let current = pages.indices.first { progress.mark(pages[$0]) != .done } ?? 0
    while true {
      write(present.bold("Pages") + "\n")
      for (index, steps) in pages.enumerated() {
        let mark: String
        switch progress.mark(steps) {
        case .notStarted: mark = "[ ]"
        case .inProgress: mark = "[~]"
        case .done: mark = "[x]"
        }
        let done = progress.completedCount(steps)
        write(
          "  \(index + 1). \(mark) \(steps.page.title ?? steps.stem) "
            + present.dim("(\(steps.stem), \(done)/\(steps.steps.count))") + "\n")
      }
      switch editor.read(prompt: "Page [\(current + 1)], or :quit: ", idle: nil) {
      case .endOfInput: return nil
      case .interrupted: continue
      case .line(let line):
        let text = line.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return current }
        if let command = LearnerCommand.parse(text), command == .quit { return nil }
        if let number = Int(text), number >= 1, number <= pages.count { return number - 1 }
        if let index = pages.firstIndex(where: { $0.stem == text }) { return index }
        write("Type a page number from 1 to \(pages.count), or :quit.\n")
      }
    }
  }

  // MARK: A page

  /// Opens a page at a step (rebuilding the shell up to it) and runs it until the
  /// learner leaves it.
  private func open(page: Int, at step: Int?) -> Navigation {
    pageIndex = page
    let steps = pages[page]
    let target = step ?? progress.resumeIndex(steps)
    write("\n" + present.pageBanner(number: page + 1, of: pages.count, steps: steps) + "\n")
    rebuild(upTo: target, announce: target > 0)
    stepIndex = target
    var showProse = true
    while true {
      if stepIndex >= steps.steps.count {
        if let next = pageEnd(steps) { return next }
        showProse = true
        continue
      }
      progress.setPosition(steps, step: steps.steps[stepIndex])
      switch interact(steps, showProse: showProse) {
      case .advance:
        stepIndex += 1
        resetStepState()
        showProse = true
      case .stay:
        showProse = false
      case .jump(let index):
        if index != stepIndex + 1 || stepIndex >= steps.steps.count { rebuild(upTo: index, announce: true) }
        stepIndex = index
        resetStepState()
        showProse = true
      case .leave(let navigation):
        return navigation
      }
    }
  }

  private func resetStepState() {
    hintsShown = 0
    lastFailure = nil
  }

  /// After the last step: the closing prose, then the next page, the menu or quit.
  private func pageEnd(_ steps: PageSteps) -> Navigation? {
    progress.setPosition(steps, step: nil)
    let closing = PageView(steps).closingProse
    if !closing.isEmpty { write("\n" + ProseRenderer.render(closing, style: options.style) + "\n") }
    let hasNext = pageIndex + 1 < pages.count
    write(
      present.pass("End of \(steps.stem).")
        + (hasNext
          ? "Press Enter or :next for the next page, :menu for all pages, :quit to stop.\n"
          : "That was the last page. :menu for all pages, :back to return, :quit to stop.\n"))
    while true {
      switch editor.read(prompt: options.style.plain ? "next> " : "› ", idle: idle) {
      case .endOfInput: return .quit
      case .interrupted: continue
      case .line(let line):
        let text = line.trimmingCharacters(in: .whitespaces)
        if text.isEmpty && hasNext { return .open(pageIndex + 1, 0) }
        switch LearnerCommand.parse(text) {
        case .next? where hasNext: return .open(pageIndex + 1, 0)
        case .menu?: return .menu
        case .quit?: return .quit
        case .back?:
          guard !steps.steps.isEmpty else { continue }
          rebuild(upTo: steps.steps.count - 1, announce: true)
          stepIndex = steps.steps.count - 1
          return nil
        case .goto(let target)?:
          if let navigation = goto(target, from: steps) {
            if case .open(let page, let index) = navigation, page == pageIndex, let index {
              rebuild(upTo: index, announce: true)
              stepIndex = index
              return nil
            }
            return navigation
          }
        default:
          write("Enter or :next for the next page, :menu, :goto ID, :quit.\n")
        }
      }
    }
  }

  // MARK: A step

  enum StepOutcome {
    case advance
    /// Stay on the step without showing its prose again.
    case stay
    case jump(Int)
    case leave(Navigation)
  }

  /// Shows the step and reads at the prompt until the step is done or left.
  private func interact(_ steps: PageSteps, showProse: Bool) -> StepOutcome {
    let step = steps.steps[stepIndex]
    let page = steps.page
    let block = page.blocks[step.blockIndex]
    if showProse { show(step, of: steps) }
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

  private func prompt(for step: Step, block: CodeBlock) -> String {
    guard let session else { return "lfe> " }
    return session.profile(for: block).prompt
  }

  /// What the step asks, after the prose before it.
  private func show(_ step: Step, of steps: PageSteps) {
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
        "Save this file: :write saves it as \(options.workspace.appendingPathComponent(file).path), "
          + "or type it yourself with :edit. Then :next.\n")
    case .exchange:
      let exchange = step.exchange(in: page)!
      write("Type at the prompt:\n" + present.typed(exchange.input, prompt: "    ") + "")
    case .exercise(_, let grading):
      let file = block.file!
      write(present.source(block.text, file: file))
      if session?.read(file) == nil { try? session?.save(block.text, as: file) }
      write(
        present.bold("Exercise.") + " Edit \(options.workspace.appendingPathComponent(file).path) "
          + "(:edit opens it in your editor) until :check passes"
          + (grading.map { " the \(page.blocks[$0].exchanges.count) checks below" } ?? "") + ".\n")
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
  private func readInput(for block: CodeBlock) -> String? {
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
  private var idle: () -> String {
    { [weak self] in self?.session?.shell.runBackground(milliseconds: 20) ?? "" }
  }

  // MARK: Answers

  /// Evaluates LFE typed at a step, and judges it when it answers the step.
  private func evaluate(_ input: String, at step: Step, steps: PageSteps) -> StepOutcome? {
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
    if case .failed = verdict, isPageInput || FormComparison.sameKind(input, exchange.input) {
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
  private func reminder(_ step: Step, steps: PageSteps) -> String {
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
  private func awaitLateOutput(
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
  private func live(_ input: String, block: CodeBlock, show: Bool = true) -> String {
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
  private func accept(
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

  private func showHint(_ step: Step, steps: PageSteps) {
    let hints = ladder(step, steps: steps)
    guard !hints.isEmpty else { return }
    let index = min(hintsShown, hints.count - 1)
    write(present.hint(hints[index]))
    hintsShown = index + 1
  }

  private func ladder(_ step: Step, steps: PageSteps) -> [String] {
    let block = steps.page.blocks[step.blockIndex]
    var expected = step.exchange(in: steps.page)?.input
    if case .source = step.kind { expected = ":write saves the page's version of \(block.file!)" }
    if case .exercise(let solution, _) = step.kind, solution != nil {
      expected = ":solve shows the difference between your file and the solution"
    }
    return HintLadder.hints(
      author: block.options.hints, failure: lastFailure, shell: session?.shell, expectedInput: expected)
  }

  // MARK: Commands

  /// Carries out a command; an outcome when it leaves the step.
  private func run(_ command: LearnerCommand, step: Step, steps: PageSteps) -> StepOutcome? {
    let page = steps.page
    let block = page.blocks[step.blockIndex]
    switch command {
    case .next:
      if case .source = step.kind { return saveSource(step, steps: steps, onlyCheck: true) }
      // A finished step's answer runs again, so the shell goes on as it was then.
      if progress.status(steps, step: step)?.isFinished == true, let session {
        _ = replay(step, of: steps, in: session)
      }
      return .advance
    case .back:
      guard stepIndex > 0 else {
        write("This is the first step of the page. :menu shows the other pages.\n")
        return nil
      }
      return .jump(stepIndex - 1)
    case .goto(let target):
      guard let navigation = goto(target, from: steps) else { return nil }
      if case .open(let index, let stepNumber) = navigation, index == pageIndex, let stepNumber {
        return .jump(stepNumber)
      }
      return .leave(navigation)
    case .list:
      list(steps)
    case .hint:
      let hints = ladder(step, steps: steps)
      if hintsShown >= hints.count {
        write("No more hints. :show shows the page's input, :solve types it for you.\n")
      } else {
        showHint(step, steps: steps)
      }
    case .show:
      switch step.kind {
      case .exchange:
        let exchange = step.exchange(in: page)!
        write(present.typed(exchange.input, prompt: prompt(for: step, block: block)))
        write(exchange.expected.map { $0.text + "\n" }.joined())
      case .source, .exercise:
        write(present.source(block.text, file: block.file!))
      }
    case .solve:
      return solve(step, steps: steps)
    case .skip:
      return skip(step, steps: steps)
    case .write:
      if case .source = step.kind { return saveSource(step, steps: steps, onlyCheck: false) }
      if case .exercise = step.kind {
        if session?.read(block.file!) == nil { try? session?.save(block.text, as: block.file!) }
        write("\(block.file!) is in your workspace; edit it, then :check.\n")
        return nil
      }
      write("This step has no file; type the input at the prompt.\n")
    case .edit:
      guard !isExchange(step), let file = block.file else {
        write("This step has no file; type the input at the prompt.\n")
        return nil
      }
      edit(file)
      if case .source = step.kind { return saveSource(step, steps: steps, onlyCheck: true) }
    case .check:
      guard case .exercise = step.kind else {
        write(":check grades exercises; this step is checked when you type its input.\n")
        return nil
      }
      return check(step, steps: steps) ? .advance : nil
    case .ps:
      terminal?.runCommand(":ps")
    case .mailbox(let target):
      terminal?.runCommand(":mailbox" + (target.map { " " + $0 } ?? ""))
    case .trace(let form):
      terminal?.runCommand(":trace " + form)
    case .menu:
      return .leave(.menu)
    case .reset:
      switch editor.read(
        prompt: "Start \(steps.stem) again? Your progress on it is cleared. [y/N] ", idle: nil)
      {
      case .line(let answer)
      where ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()):
        progress.reset(steps)
        return .leave(.open(pageIndex, 0))
      default:
        write("Nothing was reset.\n")
      }
    case .help:
      let width = LearnerCommand.summaries.map(\.0.count).max() ?? 0
      for (name, text) in LearnerCommand.summaries {
        write("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + text + "\n")
      }
      write("Anything else is LFE, evaluated in the shell.\n")
    case .quit:
      return .leave(.quit)
    case .unknown(let message):
      write("\(message); :help lists the commands.\n")
    }
    return nil
  }

  private func isExchange(_ step: Step) -> Bool {
    if case .exchange = step.kind { return true }
    return false
  }

  /// `:goto #4`, `:goto 4`, `:goto 02-spawning#4`, `:goto 02-spawning`.
  private func goto(_ target: String, from steps: PageSteps) -> Navigation? {
    var page = pageIndex
    var ordinalText = target
    if let hash = target.firstIndex(of: "#") {
      let stem = String(target[..<hash])
      ordinalText = String(target[target.index(after: hash)...])
      if !stem.isEmpty {
        guard let found = pages.firstIndex(where: { $0.stem == stem }) else {
          write("No page \(stem); the pages are \(pages.map(\.stem).joined(separator: ", ")).\n")
          return nil
        }
        page = found
      }
    } else if let found = pages.firstIndex(where: { $0.stem == target }) {
      return .open(found, 0)
    }
    guard let ordinal = Int(ordinalText), ordinal >= 1, ordinal <= pages[page].steps.count else {
      write("No step \(target) here: steps run from #1 to #\(pages[page].steps.count).\n")
      return nil
    }
    return .open(page, ordinal - 1)
  }

  private func list(_ steps: PageSteps) {
    for (index, step) in steps.steps.enumerated() {
      let marker = index == stepIndex ? ">" : " "
      let status = progress.status(steps, step: step)
      let word: String
      switch status {
      case .done?: word = "done"
      case .solved?: word = "solved"
      case .skipped?: word = "skipped"
      case .started?: word = "tried"
      case nil: word = ""
      }
      write(
        "\(marker) \(step.id.padding(toLength: steps.stem.count + 4, withPad: " ", startingAt: 0)) "
          + "\(describe(step, in: steps.page).padding(toLength: 48, withPad: " ", startingAt: 0)) \(word)\n")
    }
  }

  private func describe(_ step: Step, in page: Page) -> String {
    let block = page.blocks[step.blockIndex]
    switch step.kind {
    case .source: return "save \(block.file!)"
    case .exercise: return "exercise: \(block.file!)"
    case .exchange:
      let input = step.exchange(in: page)!.input.replacingOccurrences(of: "\n", with: " ")
      return input.count > 46 ? String(input.prefix(45)) + "…" : input
    }
  }

  // MARK: Files

  /// `:write` or `:next` on a source step: saves the page's file (unless only checking
  /// one the learner typed) and compiles it.
  private func saveSource(_ step: Step, steps: PageSteps, onlyCheck: Bool) -> StepOutcome? {
    guard let session else { return nil }
    let block = steps.page.blocks[step.blockIndex]
    let file = block.file!
    if !onlyCheck || session.read(file) == nil {
      if onlyCheck {
        write(
          "\(file) is not in your workspace yet: :write saves the page's version, :edit lets you type it.\n")
        return .advance
      }
      do {
        try session.save(block.text, as: file)
        write(present.dim("saved \(options.workspace.appendingPathComponent(file).path)") + "\n")
      } catch {
        write(present.fail("cannot save \(file): \(error.localizedDescription)"))
        return nil
      }
    }
    let compiled = session.compile(file)
    if !compiled.messages.isEmpty { write(compiled.messages) }
    guard compiled.ok else {
      write(present.fail("\(step.id): \(file) does not compile; fix it (:edit) or :write the page's version"))
      return nil
    }
    let mine = session.read(file) ?? ""
    let sameAsPage = FormComparison.same(mine, block.text)
    progress.accept(steps, step: step, inputs: [], status: .done)
    write(
      present.pass("\(step.id): \(file) is saved" + (compiled.messages.isEmpty ? "" : " (with warnings)")))
    if !sameAsPage {
      write(present.note("your \(file) differs from the page's; later steps may print differently"))
    }
    return .advance
  }

  private func edit(_ file: String) {
    guard let session else { return }
    if session.read(file) == nil { try? session.save("", as: file) }
    let editor =
      options.environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? options.environment["EDITOR"]
      .flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = [
      "-c", "\(editor) \"$1\"", "editor", options.workspace.appendingPathComponent(file).path,
    ]
    do {
      try process.run()
      process.waitUntilExit()
    } catch {
      write(present.fail("cannot start the editor \(editor): \(error.localizedDescription)"))
    }
  }

  // MARK: Help with a step

  private func solve(_ step: Step, steps: PageSteps) -> StepOutcome? {
    let page = steps.page
    let block = page.blocks[step.blockIndex]
    switch step.kind {
    case .source:
      guard saveSource(step, steps: steps, onlyCheck: false) != nil else { return nil }
      progress.accept(steps, step: step, inputs: [], status: .solved)
      return .advance
    case .exchange:
      let exchange = step.exchange(in: page)!
      write(present.typed(exchange.input, prompt: prompt(for: step, block: block)))
      let output = live(exchange.input, block: block)
      let verdict = session?.judge(exchange, output: output, in: block)
      if case .failed(let diff, _, _)? = verdict {
        write(present.fail("even the page's input prints something else here:"))
        write(present.diff(diff))
      }
      return accept(step, steps: steps, input: exchange.input, status: .solved)
    case .exercise(let solution, _):
      guard let session, let solution else {
        write("This exercise has no solution on the page.\n")
        return nil
      }
      let file = block.file!
      let answer = page.blocks[solution].text
      let mine = session.read(file) ?? ""
      write(present.diff(LineDiff.diff(old: mine, new: answer, oldName: "your \(file)", newName: "solution")))
      switch editor.read(prompt: "Write the solution to \(file)? [y/N] ", idle: nil) {
      case .line(let answerText)
      where ["y", "yes"].contains(answerText.trimmingCharacters(in: .whitespaces).lowercased()):
        do { try session.save(answer, as: file) } catch {
          write(present.fail("cannot save \(file): \(error.localizedDescription)"))
          return nil
        }
        return check(step, steps: steps, status: .solved) ? .advance : nil
      default:
        return nil
      }
    }
  }

  private func skip(_ step: Step, steps: PageSteps) -> StepOutcome? {
    let page = steps.page
    let block = page.blocks[step.blockIndex]
    switch step.kind {
    case .source:
      try? session?.save(block.text, as: block.file!)
      _ = session?.compile(block.file!)
      progress.accept(steps, step: step, inputs: [], status: .skipped)
    case .exchange:
      let exchange = step.exchange(in: page)!
      let output = live(exchange.input, block: block, show: false)
      _ = session?.judge(exchange, output: output, in: block)
      progress.accept(steps, step: step, inputs: [exchange.input], status: .skipped)
    case .exercise(let solution, let grading):
      let file = block.file!
      if let solution { try? session?.save(page.blocks[solution].text, as: file) }
      _ = session?.compile(file)
      for exchange in grading.map({ page.blocks[$0].exchanges }) ?? [] {
        let output = live(exchange.input, block: block, show: false)
        _ = session?.judge(exchange, output: output, in: page.blocks[grading!])
      }
      progress.accept(steps, step: step, inputs: [], status: .skipped)
    }
    write(present.dim("\(step.id): skipped") + "\n")
    return .advance
  }

  /// `:check` on an exercise: compiles the learner's file and runs the grading
  /// exchanges on a copy of the session rebuilt up to here, showing each result.
  private func check(_ step: Step, steps: PageSteps, status: StepStatus = .done) -> Bool {
    guard case .exercise(_, let grading) = step.kind, let session else { return false }
    let page = steps.page
    let block = page.blocks[step.blockIndex]
    let file = block.file!
    let scratch = replay(steps, upTo: stepIndex).session
    let compiled = scratch.compile(file)
    if !compiled.messages.isEmpty { write(compiled.messages) }
    guard compiled.ok else {
      write(present.fail("\(step.id): \(file) does not compile"))
      return false
    }
    var allPassed = true
    let exchanges = grading.map { page.blocks[$0].exchanges } ?? []
    for exchange in exchanges {
      let gradingBlock = page.blocks[grading!]
      let profile = scratch.profile(for: gradingBlock)
      write(present.typed(exchange.input, prompt: profile.prompt))
      let output = scratch.evaluate(exchange.input, line: exchange.line, profile: profile)
      write(output)
      switch scratch.judge(exchange, output: output, in: gradingBlock) {
      case .passed, .unchecked: write(present.pass())
      case .failed(let diff, _, _):
        allPassed = false
        write(present.fail("\(step.id): not what the page shows (\(page.path):\(exchange.line))"))
        write(present.diff(diff))
      }
    }
    guard allPassed else {
      let tries = progress.recordFailure(steps, step: step)
      if tries >= 3 { write(present.dim("\(tries) tries: :solve shows the solution.") + "\n") }
      return false
    }
    // The live shell catches up with what the grading did.
    _ = session.compile(file)
    for exchange in exchanges {
      let output = live(exchange.input, block: page.blocks[grading!], show: false)
      _ = session.judge(exchange, output: output, in: page.blocks[grading!])
    }
    progress.accept(steps, step: step, inputs: [], status: status)
    write(present.pass("\(step.id): the exercise passes"))
    return true
  }

  // MARK: Rebuilding the shell

  /// Makes a new live session for the page with the steps before `index` replayed.
  private func rebuild(upTo index: Int, announce: Bool) {
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
