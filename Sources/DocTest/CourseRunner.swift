import Foundation
import LFE
import Lessons

/// Runs the pages of one course in order, in one workspace and one LFE system, so files
/// and modules of earlier pages are there for later ones.
public struct CourseRunner: Sendable {
  public enum Mode: String, Sendable {
    /// Lint, then run: for authors.
    case check
    /// Run only: for CI.
    case test
  }

  public let mode: Mode
  public let factory: ShellFactory

  public init(mode: Mode, factory: @escaping ShellFactory = EmbeddedShell.factory) {
    self.mode = mode
    self.factory = factory
  }

  /// Runs on the calling thread, which keeps the course's LFE system to itself.
  public func run(_ course: Course) -> [PageResult] {
    let workspace: URL
    do {
      workspace = try CourseWorkspace.makeTemporary()
    } catch {
      return course.pages.map {
        PageResult(
          page: $0, profile: "",
          loadErrors: [
            .error(at: $0.location(line: 1), "cannot make a workspace: \(error.localizedDescription)")
          ])
      }
    }
    defer { try? FileManager.default.removeItem(at: workspace) }
    CourseWorkspace.seed(workspace, from: course.directory)
    var knownFiles = CourseWorkspace.lfeFiles(in: course.directory)
    let makeSession = factory(workspace)
    var results: [PageResult] = []
    for page in course.pages {
      let result = run(page, workspace: workspace, knownFiles: knownFiles, makeSession: makeSession)
      knownFiles.formUnion(page.blocks.filter { $0.kind == .source && !$0.options.skip }.compactMap(\.file))
      results.append(result)
    }
    return results
  }

  private func run(
    _ page: Page, workspace: URL, knownFiles: Set<String>, makeSession: () -> any ShellSession
  ) -> PageResult {
    // An error confined to one block fails the page but does not stop it from running.
    var loadErrors = page.pageErrors
    var diagnostics = page.diagnostics.filter { !loadErrors.contains($0) }
    var profile = Profile.lfe2
    var profileText = "lfe2"
    switch ProfileResolver.resolve(page) {
    case .success(let choice):
      profile = choice.profile
      profileText = choice.description
      diagnostics += choice.warnings
    case .failure(let diagnostic):
      loadErrors.append(diagnostic)
    }
    for block in page.blocks {
      if let name = block.options.profile, Profile.named(name) == nil, name != page.defaults.profile {
        loadErrors.append(
          ProfileResolver.unknownProfile(name, at: page.location(line: block.fenceLine ?? block.line)))
      }
    }
    var result = PageResult(page: page, profile: profileText, loadErrors: loadErrors)
    guard loadErrors.isEmpty else {
      result.diagnostics = diagnostics
      return result
    }
    let pageLines = Self.lines(ofFile: page.path)
    var lint: [Diagnostic] = []
    if mode == .check {
      lint = PageLinter(page: page, pageLines: pageLines, knownFiles: knownFiles).lint()
    }
    let runner = PageRunner(
      page: page, profile: profile, workspace: workspace, pageLines: pageLines, session: makeSession(),
      alreadyReported: Set(lint))
    let (exchanges, saveProblems) = runner.run()
    diagnostics += lint + saveProblems
    if mode == .check && page.blocks.contains(where: { $0.options.exercise }) {
      diagnostics += ExerciseCheck.problems(
        page: page, profile: profile, workspace: workspace, pageLines: pageLines)
    }
    result.diagnostics = diagnostics.sorted {
      ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
    }
    result.exchanges = exchanges
    return result
  }

  /// A file's lines with line endings normalised as the loader does; empty when it
  /// cannot be read.
  static func lines(ofFile path: String) -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
      .replacingOccurrences(of: "\r", with: "\n")
    return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }
}
