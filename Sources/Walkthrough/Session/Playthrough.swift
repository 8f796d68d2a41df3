import DocTest
import Foundation
import LFE
import Lessons

/// `tutor learn` without a terminal: the course played through as if a learner typed
/// every input the pages show, with each output and a PASS or FAIL mark. CI runs it.
public struct Playthrough {
  public struct Summary: Equatable, Sendable {
    public var passed = 0
    public var failed = 0
    public var unchecked = 0
    /// Pages that could not be played (load errors).
    public var broken = 0

    public var exitCode: Int32 { failed == 0 && broken == 0 ? 0 : 1 }
  }

  let course: Course
  let pages: [PageSteps]
  let style: TerminalStyle
  let write: (String) -> Void

  public init(course: Course, style: TerminalStyle, write: @escaping (String) -> Void) {
    self.course = course
    pages = course.pages.map(PageSteps.init)
    self.style = style
    self.write = write
  }

  /// Plays every page in order in one workspace and one LFE system, as `tutor check`
  /// runs a course, on virtual time so runs are the same every time.
  public func run() -> Summary {
    var total = Summary()
    let workspace: URL
    do {
      workspace = try CourseWorkspace.makeTemporary()
    } catch {
      write("tutor learn: cannot make a workspace: \(error.localizedDescription)\n")
      total.broken += 1
      return total
    }
    defer { try? FileManager.default.removeItem(at: workspace) }
    CourseWorkspace.seed(workspace, from: course.directory)
    let runtime = Runtime(clock: .virtual)
    runtime.readFile = { name in try CourseWorkspace.read(name, in: workspace) }
    let present = StepPresenter(style: style)
    for (number, steps) in pages.enumerated() {
      write(present.pageBanner(number: number + 1, of: pages.count, steps: steps) + "\n\n")
      let errors = steps.page.pageErrors
      guard errors.isEmpty else {
        write(errors.map { $0.description + "\n" }.joined())
        write(present.fail("\(steps.stem) cannot be played: the page has errors") + "\n")
        total.broken += 1
        continue
      }
      let session = PageSession(page: steps.page, workspace: workspace, runtime: runtime)
      var summary = Summary()
      // A block with a line that cannot be read fails; the rest of the page plays.
      for error in steps.page.blocks.flatMap(\.errors) {
        write(present.fail(error.description))
        summary.failed += 1
      }
      play(steps, in: session, present: present, summary: &summary)
      write(
        "\(steps.stem): \(summary.passed) passed, \(summary.failed) failed"
          + (summary.unchecked > 0 ? ", \(summary.unchecked) unchecked" : "") + "\n\n")
      total.passed += summary.passed
      total.failed += summary.failed
      total.unchecked += summary.unchecked
    }
    var closing = "\(total.passed) passed, \(total.failed) failed"
    if total.unchecked > 0 { closing += ", \(total.unchecked) unchecked" }
    if total.broken > 0 { closing += ", \(total.broken) pages broken" }
    write(closing + "\n")
    return total
  }

  private func play(
    _ steps: PageSteps, in session: PageSession, present: StepPresenter, summary: inout Summary
  ) {
    let view = PageView(steps)
    let page = steps.page
    for (index, step) in steps.steps.enumerated() {
      let prose = view.prose(before: index)
      if !prose.isEmpty { write(ProseRenderer.render(prose, style: style) + "\n") }
      write(present.status(step, of: steps) + "\n")
      let block = page.blocks[step.blockIndex]
      switch step.kind {
      case .source:
        save(block.text, as: block.file!, in: session, present: present, summary: &summary)
      case .exchange:
        play(step.exchange(in: page)!, of: block, in: session, present: present, summary: &summary)
      case .exercise(let solution, let grading):
        write(present.source(block.text, file: block.file!))
        write(
          "Exercise: the learner edits \(block.file!) until the transcript below passes; "
            + "played here with the page's solution.\n")
        let answer = solution.map { page.blocks[$0].text } ?? block.text
        save(answer, as: block.file!, in: session, present: present, summary: &summary, show: false)
        for exchange in grading.map({ page.blocks[$0].exchanges }) ?? [] {
          play(exchange, of: page.blocks[grading!], in: session, present: present, summary: &summary)
        }
      }
      write("\n")
    }
    let closing = view.closingProse
    if !closing.isEmpty { write(ProseRenderer.render(closing, style: style) + "\n") }
  }

  private func save(
    _ text: String, as file: String, in session: PageSession, present: StepPresenter,
    summary: inout Summary, show: Bool = true
  ) {
    if show { write(present.source(text, file: file)) }
    do {
      try session.save(text, as: file)
      write(present.dim("saved \(file)") + "\n")
    } catch {
      write(present.fail("cannot save \(file): \(error.localizedDescription)"))
      summary.failed += 1
    }
  }

  private func play(
    _ exchange: Exchange, of block: CodeBlock, in session: PageSession, present: StepPresenter,
    summary: inout Summary
  ) {
    let profile = session.profile(for: block)
    write(present.typed(exchange.input, prompt: profile.prompt))
    let output = session.evaluate(exchange.input, line: exchange.line, profile: profile)
    write(output)
    switch session.judge(exchange, output: output, in: block) {
    case .passed:
      summary.passed += 1
      write(present.pass())
    case .unchecked:
      summary.unchecked += 1
      write(present.dim("(not checked: the page shows no output)") + "\n")
    case .failed(let diff, _, _):
      summary.failed += 1
      write(present.fail("\(session.page.path):\(exchange.line): the output differs from the page"))
      write(present.diff(diff))
    }
  }
}
