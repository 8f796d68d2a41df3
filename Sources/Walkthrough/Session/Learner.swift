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

  func write(_ text: String) {
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

  func finish() -> Int32 {
    write("\n" + present.dim("Progress saved in \(progress.fileDescription).") + "\n")
    return 0
  }

  /// The course's pages with a mark each; the chosen page's index, nil to quit.
  func menu() -> Int? {
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
  func open(page: Int, at step: Int?) -> Navigation {
    pageIndex = page
    let steps = pages[page]
    let target = step ?? progress.resumeIndex(steps)
    write("\n" + present.pageBanner(number: page + 1, of: pages.count, steps: steps) + "\n")
    let errors = steps.page.pageErrors
    guard errors.isEmpty else {
      // The author has to mend the page first; `tutor check` says the same.
      write(errors.map { $0.description + "\n" }.joined())
      write(present.fail("\(steps.stem) has errors, so it cannot be walked through"))
      return pages.count > 1 ? .menu : .quit
    }
    rebuild(upTo: target, announce: target > 0)
    stepIndex = target
    while true {
      if stepIndex >= steps.steps.count {
        if let next = pageEnd(steps) { return next }
        continue
      }
      progress.setPosition(steps, step: steps.steps[stepIndex])
      switch interact(steps) {
      case .advance:
        stepIndex += 1
        resetStepState()
      case .jump(let index):
        if index != stepIndex + 1 || stepIndex >= steps.steps.count { rebuild(upTo: index, announce: true) }
        stepIndex = index
        resetStepState()
      case .leave(let navigation):
        return navigation
      }
    }
  }

  func resetStepState() {
    hintsShown = 0
    lastFailure = nil
  }

  /// After the last step: the closing prose, then the next page, the menu or quit.
  func pageEnd(_ steps: PageSteps) -> Navigation? {
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
}
