import LFE
import Lessons

/// Turns compile errors of a page's source block into diagnostics at the page's own
/// lines, with a hint when a near name is defined.
struct CompileDiagnostics {
  let page: Page
  let block: CodeBlock
  /// The page's lines, to turn columns in the block back into columns of the file.
  let pageLines: [String]

  /// A diagnostic for a compile message about line `line` (and `column`, when known) of
  /// the block's file.
  func diagnostic(message: String, line: Int, column: Int?, isWarning: Bool) -> Diagnostic {
    var location = place(line: block.line + max(line, 1) - 1, column: column ?? 1)
    var text = message
    if let (name, arity) = Self.undefinedFunction(message) {
      // LFE reports an undefined export at the `defmodule` line; the export is what to fix.
      if let entry = exportEntry(name: name, arity: arity) {
        location = place(line: entry.line, column: entry.column)
      }
      if let hint = hint(name: name, arity: arity) { text += " (\(hint))" }
    }
    return isWarning ? .warning(at: location, text) : .error(at: location, text)
  }

  /// Compiles the block in a scratch runtime of its own; the problems it reports.
  func compile() -> [Diagnostic] {
    let runtime = Runtime(clock: .virtual)
    do {
      let success = try ModuleCompiler.compileAndLoad(
        source: block.text, file: block.file ?? "", runtime: runtime)
      return success.warnings.map {
        diagnostic(message: $0.message, line: $0.location.line, column: $0.location.column, isWarning: true)
      }
    } catch {
      return (error.errors + error.warnings).map {
        diagnostic(
          message: $0.message, line: $0.location.line, column: $0.location.column, isWarning: $0.isWarning)
      }
    }
  }

  /// The compile messages a `(c "m")` printed for this block's file, at page lines.
  func fromShellOutput(_ lines: [String]) -> [Diagnostic] {
    guard let file = block.file else { return [] }
    let prefix = file + ":"
    return lines.compactMap { line in
      guard line.hasPrefix(prefix) else { return nil }
      let rest = line.dropFirst(prefix.count)
      guard let colon = rest.firstIndex(of: ":"), let number = Int(rest[..<colon]) else { return nil }
      var message = rest[rest.index(after: colon)...].drop { $0 == " " }
      let isWarning = message.hasPrefix("Warning: ")
      if isWarning { message = message.dropFirst("Warning: ".count) }
      return diagnostic(message: String(message), line: number, column: nil, isWarning: isWarning)
    }
  }

  /// `send-message` and 1 from `function send-message/1 undefined`.
  static func undefinedFunction(_ message: String) -> (String, Int)? {
    guard message.hasPrefix("function "), message.hasSuffix(" undefined") else { return nil }
    let signature = message.dropFirst("function ".count).dropLast(" undefined".count)
    guard let slash = signature.lastIndex(of: "/"),
      let arity = Int(signature[signature.index(after: slash)...])
    else { return nil }
    return (String(signature[..<slash]), arity)
  }

  /// The file place of a line and column of the block's text.
  private func place(line: Int, column: Int) -> PageLocation {
    var column = column
    let index = line - block.line
    if line >= 1, line <= pageLines.count, index >= 0, index < block.lines.count {
      let raw = pageLines[line - 1]
      let content = block.lines[index].text
      // The block's text has a list item's indent removed; the file's line has it.
      if raw.hasSuffix(content) { column += raw.count - content.count }
    }
    return page.location(line: line, column: column)
  }

  private var forms: [Form] {
    (try? Reader.readAll(block.text, line: block.line)) ?? []
  }

  /// Where `(name arity)` is written in the module's export list.
  private func exportEntry(name: String, arity: Int) -> LFE.SourceLocation? {
    guard let module = forms.first(where: { $0.head == "defmodule" }), let header = module.listElements
    else { return nil }
    for attribute in header.dropFirst(2) where attribute.head == "export" {
      for entry in attribute.listElements!.dropFirst() {
        guard let pair = entry.listElements, pair.count == 2, pair[0].symbol == name,
          case .integer(let value) = pair[1].node, value == arity
        else { continue }
        return entry.location
      }
    }
    return nil
  }

  /// The functions the block defines, with their arities, in order.
  var definitions: [(name: String, arity: Int)] {
    forms.compactMap { form in
      guard form.head == "defun", var items = form.listElements, items.count >= 3, let name = items[1].symbol
      else { return nil }
      items.removeFirst(2)
      if case .string = items[0].node, items.count > 1 { items.removeFirst() }
      guard let arguments = items[0].listElements else { return nil }
      // `(defun f ((pattern ...) body) ...)` has clauses; `(defun f (x y) body)` does not.
      if let clause = arguments.first?.listElements, arguments.first?.head != "quote" {
        return (name, clause.count)
      }
      return (name, arguments.count)
    }
  }

  private func hint(name: String, arity: Int) -> String? {
    let defined = definitions
    let otherArities = defined.filter { $0.name == name && $0.arity != arity }.map { "\(name)/\($0.arity)" }
    if !otherArities.isEmpty {
      return otherArities.joined(separator: " and ")
        + (otherArities.count == 1 ? " is defined" : " are defined")
    }
    let near = defined.filter { $0.name != name && $0.arity == arity && Self.distance($0.name, name) <= 2 }
    if let first = near.first { return "did you mean \(first.name)/\(first.arity)?" }
    return nil
  }

  /// Levenshtein distance, for names that differ by a typo.
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var current = [i] + [Int](repeating: 0, count: b.count)
      for j in 1...max(b.count, 1) where !b.isEmpty {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
  }
}
