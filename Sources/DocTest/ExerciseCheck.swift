import Foundation
import LFE
import Lessons

/// `tutor check` on a page with exercises: the page's own run grades each solution;
/// this checks that each starter fails the same grading, so a learner cannot pass an
/// exercise without doing it.
enum ExerciseCheck {
  /// An error for each exercise whose starter passes its grading transcript, or that
  /// has no solution or no grading transcript.
  static func problems(page: Page, profile: Profile, workspace: URL, pageLines: [String]) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    let blocks = page.blocks
    for (index, block) in blocks.enumerated() where block.options.exercise && block.kind == .source {
      guard let file = block.file else { continue }
      let location = page.location(line: block.fenceLine ?? block.line)
      let following = blocks.indices.dropFirst(index + 1)
      guard
        let solution = following.first(where: { blocks[$0].options.solution || blocks[$0].options.exercise }),
        blocks[solution].options.solution
      else {
        problems.append(
          .error(
            at: location,
            "exercise \(file) has no solution: put it after the starter, after <!-- tutor: solution -->"))
        continue
      }
      guard
        let grading = blocks.indices.dropFirst(solution + 1).first(where: { blocks[$0].kind != .other }),
        blocks[grading].kind == .transcript, !blocks[grading].options.skip,
        blocks[grading].exchanges.contains(where: { !$0.expected.isEmpty })
      else {
        problems.append(
          .error(
            at: location,
            "exercise \(file) has no grading transcript: put one with expected output after its solution"))
        continue
      }
      if let passing = starterPasses(
        page: page, starter: index, solution: solution, grading: grading, profile: profile,
        workspace: workspace,
        pageLines: pageLines)
      {
        problems.append(
          .error(
            at: location,
            "exercise starter \(file) already passes its grading transcript (line \(passing)): "
              + "it must fail until the learner solves it"))
      }
    }
    return problems
  }

  /// Runs the page up to the grading transcript with the starter in place of the
  /// solution, on a copy of the workspace and a fresh LFE system; the grading
  /// transcript's line when every graded exchange passes, nil when one fails.
  private static func starterPasses(
    page: Page, starter: Int, solution: Int, grading: Int, profile: Profile, workspace: URL,
    pageLines: [String]
  ) -> Int? {
    var variant = page
    variant.blocks = Array(
      page.blocks.prefix(grading + 1).enumerated().filter { $0.offset != solution }.map(\.element))
    guard let scratch = try? CourseWorkspace.makeTemporary() else { return nil }
    defer { try? FileManager.default.removeItem(at: scratch) }
    CourseWorkspace.copyFiles(from: workspace, to: scratch)
    let runtime = Runtime(clock: .virtual)
    runtime.readFile = { name in try CourseWorkspace.read(name, in: scratch) }
    // Modules of earlier pages are compiled again from their files when first called.
    runtime.autoloader = EmbeddedShell.workspaceAutoloader(scratch)
    let runner = PageRunner(
      page: variant, profile: profile, workspace: scratch, pageLines: pageLines,
      session: EmbeddedShell(shell: Shell(runtime: runtime, profile: profile)), alreadyReported: [])
    let graded = page.blocks[grading].exchanges.count
    let results = runner.run().exchanges.suffix(graded)
    let checked = results.filter(\.checked)
    guard !checked.isEmpty, checked.allSatisfy({ $0.status == .passed }) else { return nil }
    return page.blocks[grading].fenceLine ?? page.blocks[grading].line
  }
}
