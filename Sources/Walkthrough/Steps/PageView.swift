import Lessons

/// Which of a page's prose goes before which step: the prose between the previous
/// step's block and this one, without the code blocks the steps show themselves and
/// without hidden solutions.
struct PageView {
  let steps: PageSteps
  /// The first lines (fence lines) of blocks that are not shown as prose.
  private let hidden: Set<Int>

  init(_ steps: PageSteps) {
    self.steps = steps
    var hidden: Set<Int> = []
    let blocks = steps.page.blocks
    for step in steps.steps {
      for index in Self.blockIndices(of: step) { hidden.insert(Self.start(of: blocks[index])) }
    }
    for block in blocks where block.options.solution { hidden.insert(Self.start(of: block)) }
    self.hidden = hidden
  }

  var page: Page { steps.page }

  static func start(of block: CodeBlock) -> Int { block.fenceLine ?? block.line }

  /// The blocks a step shows: its own, and for an exercise its solution and grading
  /// transcript.
  static func blockIndices(of step: Step) -> [Int] {
    if case .exercise(let solution, let grading) = step.kind {
      return [step.blockIndex] + [solution, grading].compactMap { $0 }
    }
    return [step.blockIndex]
  }

  /// The last page line a step's blocks span.
  func endLine(of step: Step) -> Int {
    Self.blockIndices(of: step).map { page.blocks[$0].endLine + 1 }.max() ?? 0
  }

  /// Prose shown before step `index` (nothing between exchanges of one transcript).
  func prose(before index: Int) -> [ProseBlock] {
    let step = steps.steps[index]
    if case .exchange(let number) = step.kind, number > 0 { return [] }
    let from = index == 0 ? 0 : endLine(of: steps.steps[index - 1])
    return prose(after: from, before: Self.start(of: page.blocks[step.blockIndex]))
  }

  /// Prose after the last step: the page's closing words.
  var closingProse: [ProseBlock] {
    let from = steps.steps.last.map { endLine(of: $0) } ?? 0
    return prose(after: from, before: Int.max)
  }

  /// The prose wholly between two lines; a list or quote that holds a step's block is
  /// cut down to its part before the block.
  private func prose(after from: Int, before to: Int) -> [ProseBlock] {
    guard to - 1 >= from + 1 else { return [] }
    return ProseBlock.within(page.prose, lines: (from + 1)...(to - 1)).filter { block in
      !(isCode(block) && hidden.contains(block.line))
    }
  }

  private func isCode(_ block: ProseBlock) -> Bool {
    if case .code = block.kind { return true }
    return false
  }
}
