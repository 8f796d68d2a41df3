import LFE
import Lessons

/// What `tutor check` finds before running a page: inputs that do not read as LFE,
/// source blocks that do not compile, and files compiled that nothing defines.
struct PageLinter {
  let page: Page
  let pageLines: [String]
  /// Files of the workspace before this page runs: beside the pages, or saved by
  /// earlier pages of the course.
  let knownFiles: Set<String>

  func lint() -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var files = knownFiles
    for block in page.blocks where !block.options.skip {
      switch block.kind {
      case .source:
        guard let file = block.file else { continue }
        files.insert(file)
        if !expectsCompileFailure(of: file) {
          diagnostics += CompileDiagnostics(page: page, block: block, pageLines: pageLines).compile()
        }
      case .transcript:
        for exchange in block.exchanges {
          let location = inputLocation(exchange)
          if case .error(let message) = Shell.read(exchange.input, line: exchange.line) {
            diagnostics.append(.error(at: location, "input does not read as LFE: \(message)"))
          }
          if let file = CompileCommand.fileName(exchange.input), !files.contains(file) {
            diagnostics.append(
              .error(
                at: location,
                "\(file) is compiled here, but no source block before this point saves it and it is not "
                  + "beside the page"))
          }
        }
      case .other:
        continue
      }
    }
    return diagnostics
  }

  /// A page may show a module failing to compile on purpose: a `c` of it whose shown
  /// value is `error`.
  private func expectsCompileFailure(of file: String) -> Bool {
    page.blocks.flatMap(\.exchanges).contains { exchange in
      CompileCommand.fileName(exchange.input) == file
        && exchange.expected.last?.text.trimmingTrailingWhitespace() == "error"
    }
  }

  /// Where the input starts in the file: after the prompt.
  private func inputLocation(_ exchange: Exchange) -> PageLocation {
    let line = exchange.line
    guard line >= 1, line <= pageLines.count, let first = exchange.inputLines.first else {
      return page.location(line: line)
    }
    let raw = pageLines[line - 1].trimmingTrailingWhitespace()
    let column = raw.hasSuffix(first.text) ? raw.count - first.text.count + 1 : 1
    return page.location(line: line, column: column)
  }
}
