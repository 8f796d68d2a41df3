import LFE
import Lessons

/// What `tutor check` finds before running a page: inputs that do not read as LFE,
/// source blocks that do not compile, and files compiled that nothing defines; and, as
/// warnings, places where the page checks less than it seems to.
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
    return diagnostics + warnings()
  }

  /// Places where the page checks less than a reader would think.
  func warnings() -> [Diagnostic] {
    var warnings: [Diagnostic] = []
    let runBlocks = page.blocks.filter { !$0.options.skip }
    let exchanges = runBlocks.filter { $0.kind == .transcript }.flatMap(\.exchanges)
    if !exchanges.contains(where: { !$0.expected.isEmpty }) {
      warnings.append(
        .warning(
          at: page.location(line: 1),
          "nothing on this page is checked: it has no transcript exchange with output to compare "
            + "(a transcript line starts with 'lfe> ' or '> ')"))
    }
    for block in page.blocks {
      warnings += promptLookalikes(in: block)
    }
    for (index, block) in runBlocks.enumerated() where isUnsavedCode(block) {
      let later = runBlocks[(index + 1)...].filter { $0.kind == .transcript }.flatMap(\.exchanges)
      guard let compile = later.first(where: { CompileCommand.fileName($0.input) != nil }),
        let file = CompileCommand.fileName(compile.input)
      else { continue }
      warnings.append(
        .warning(
          at: page.location(
            line: block.fenceLine ?? block.line, column: column(ofLine: block.fenceLine ?? block.line)),
          "this LFE block is not saved to any file (it has no file name and no defmodule), but line "
            + "\(compile.line) compiles \(file); name it with ```lfe file=\(file) or "
            + "<!-- tutor: file=\(file) --> if it is that file"))
    }
    for exchange in exchanges where exchange.expected.isEmpty {
      warnings.append(
        .warning(
          at: inputLocation(exchange),
          "no output is shown after this input, so it runs but nothing it prints is checked"))
    }
    return warnings
  }

  /// Lines such as `lfe>(+ 1 2)`: a prompt to the eye, text to the transcript reader,
  /// which wants a space after the prompt.
  private func promptLookalikes(in block: CodeBlock) -> [Diagnostic] {
    var found: [Diagnostic] = []
    for line in block.lineRange where line >= 1 && line <= pageLines.count {
      let raw = pageLines[line - 1]
      let indent = raw.prefix { $0 == " " || $0 == "\t" }.count
      let body = raw.dropFirst(indent)
      let lookalike: Bool
      if body.hasPrefix("lfe>") {
        let next = body.dropFirst(4).first
        lookalike = next != nil && next != " " && next != "\t"
      } else {
        lookalike = body.hasPrefix(">(") || body.hasPrefix(">'")
      }
      guard lookalike else { continue }
      let prompt = body.hasPrefix("lfe>") ? "lfe>" : ">"
      found.append(
        .warning(
          at: page.location(line: line, column: indent + 1),
          "'\(body.trimmingTrailingWhitespace())' looks like a prompt but is not read as one: "
            + "put a space after '\(prompt)'"))
    }
    return found
  }

  /// A block of LFE definitions that the run never saves: neither named nor a module.
  private func isUnsavedCode(_ block: CodeBlock) -> Bool {
    guard block.kind == .other else { return false }
    let language = block.language?.lowercased() ?? ""
    guard ["lfe", "lisp", "cl", "common-lisp", "scheme", ""].contains(language) else { return false }
    return block.text.contains("(defun ") || block.text.contains("(defmacro ")
  }

  /// A page may show a module failing to compile on purpose: a `c` of it whose shown
  /// value is `error`.
  private func expectsCompileFailure(of file: String) -> Bool {
    page.blocks.flatMap(\.exchanges).contains { exchange in
      CompileCommand.fileName(exchange.input) == file
        && exchange.expected.last?.text.trimmingTrailingWhitespace() == "error"
    }
  }

  /// Where a line's text starts: after its indent.
  private func column(ofLine line: Int) -> Int {
    guard line >= 1, line <= pageLines.count else { return 1 }
    return pageLines[line - 1].prefix { $0 == " " || $0 == "\t" }.count + 1
  }

  /// Where the input starts in the file: after the prompt.
  private func inputLocation(_ exchange: Exchange) -> PageLocation {
    page.location(line: exchange.line, column: Self.inputColumn(exchange, pageLines: pageLines))
  }

  /// The column where an exchange's input starts, after its prompt; 1 when unknown.
  static func inputColumn(_ exchange: Exchange, pageLines: [String]) -> Int {
    let line = exchange.line
    guard line >= 1, line <= pageLines.count, let first = exchange.inputLines.first else { return 1 }
    let raw = pageLines[line - 1].trimmingTrailingWhitespace()
    return raw.hasSuffix(first.text) ? raw.count - first.text.count + 1 : 1
  }
}
