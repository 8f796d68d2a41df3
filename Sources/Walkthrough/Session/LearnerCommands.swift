import DocTest
import Foundation
import LFE
import Lessons

/// The `:` commands: navigation, help with a step, files and exercises.
extension Learner {
  // MARK: Commands

  /// Carries out a command; an outcome when it leaves the step.
  func run(_ command: LearnerCommand, step: Step, steps: PageSteps) -> StepOutcome? {
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

  func isExchange(_ step: Step) -> Bool {
    if case .exchange = step.kind { return true }
    return false
  }

  /// `:goto #4`, `:goto 4`, `:goto 02-spawning#4`, `:goto 02-spawning`.
  func goto(_ target: String, from steps: PageSteps) -> Navigation? {
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

  func list(_ steps: PageSteps) {
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

  func describe(_ step: Step, in page: Page) -> String {
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
  func saveSource(_ step: Step, steps: PageSteps, onlyCheck: Bool) -> StepOutcome? {
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

  func edit(_ file: String) {
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

  func solve(_ step: Step, steps: PageSteps) -> StepOutcome? {
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

  func skip(_ step: Step, steps: PageSteps) -> StepOutcome? {
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
  func check(_ step: Step, steps: PageSteps, status: StepStatus = .done) -> Bool {
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
}
