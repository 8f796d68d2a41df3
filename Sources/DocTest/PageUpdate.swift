import Foundation
import Lessons

/// `--update` for one page: each mismatching exchange's expected output replaced by what
/// the shell printed, every other byte of the file as it was.
public struct PageUpdate: Hashable, Sendable {
  public var path: String
  /// The file's bytes before and after, as text.
  public var original: String
  public var updated: String
  /// How many exchanges it rewrites.
  public var exchanges: Int
  /// What it changes, as a diff of the file.
  public var diff: UnifiedDiff

  /// The update a page's results call for: nil when nothing mismatched, a diagnostic when
  /// the file cannot be rewritten safely.
  public static func make(for result: PageResult) -> Result<PageUpdate?, Diagnostic> {
    let rewrites = result.exchanges.filter { $0.status == .failed && $0.diff != nil && $0.proposed != nil }
    guard !rewrites.isEmpty else { return .success(nil) }
    let location = result.page.location(line: 1)
    guard let data = FileManager.default.contents(atPath: result.path) else {
      return .failure(.error(at: location, "cannot update: the file cannot be read"))
    }
    guard let original = String(data: data, encoding: .utf8) else {
      return .failure(.error(at: location, "cannot update: the file is not UTF-8 text"))
    }
    var lines = RawLine.split(original)
    if lines.contains(where: { $0.content.contains("\r") }) {
      return .failure(.error(at: location, "cannot update: the file ends lines with a bare carriage return"))
    }
    let before = lines
    var replaced: [(range: ClosedRange<Int>, count: Int)] = []
    // Bottom up, so earlier line numbers still hold.
    for rewrite in rewrites.sorted(by: { $0.exchange.line > $1.exchange.line }) {
      let expected = rewrite.exchange.expected
      guard let first = expected.first?.line, let last = expected.last?.line, last <= lines.count else {
        continue
      }
      guard let proposed = rewrite.proposed, canRewrite(rewrite.exchange, with: proposed) else { continue }
      let prefix = outputPrefix(rewrite.exchange, lines: lines)
      // Output written after a prompt keeps that prompt, at the same place in the output.
      var heads: [Int: String] = [:]
      for index in rewrite.exchange.outputAfterPrompt {
        let raw = lines[expected[index].line - 1].content
        heads[index] =
          raw.hasSuffix(expected[index].text)
          ? String(raw.dropLast(expected[index].text.count)) : prefix + rewrite.exchange.prompt
      }
      let ending = lines[first - 1].ending
      var fresh = proposed.enumerated().map { index, text in
        let head = heads[index] ?? prefix
        return RawLine(
          content: text.isEmpty ? head.trimmingTrailingWhitespace() : head + text, ending: ending)
      }
      if !fresh.isEmpty { fresh[fresh.count - 1].ending = lines[last - 1].ending }
      lines.replaceSubrange((first - 1)..<last, with: fresh)
      replaced.append((first...last, fresh.count))
    }
    let updated = lines.map { $0.content + $0.ending }.joined()
    guard updated != original else { return .success(nil) }
    return .success(
      PageUpdate(
        path: result.path, original: original, updated: updated, exchanges: rewrites.count,
        diff: diff(before: before, after: lines, replaced: replaced, path: result.path)))
  }

  /// Whether `proposed` can replace the exchange's output in place, keeping the page's
  /// layout: its lines are one run of the file, and each line written after a prompt
  /// still has a line to carry that prompt, one that will not read as input there.
  public static func canRewrite(_ exchange: Exchange, with proposed: [String]) -> Bool {
    let lines = exchange.expected.map(\.line)
    guard zip(lines, lines.dropFirst()).allSatisfy({ $1 == $0 + 1 }) else { return false }
    return exchange.outputAfterPrompt.allSatisfy { index in
      guard index < proposed.count else { return false }
      let text = proposed[index].trimmingCharacters(in: .whitespaces)
      return !text.isEmpty && !Exchange.readsAsInput(text)
    }
  }

  /// Writes the updated text over the file.
  public func apply() throws {
    try Data(updated.utf8).write(to: URL(fileURLWithPath: path))
  }

  /// What comes before output text on the page's lines: a list item's indent, a quote's
  /// `>`, the transcript's own indent.
  private static func outputPrefix(_ exchange: Exchange, lines: [RawLine]) -> String {
    for (index, line) in exchange.expected.enumerated()
    where !line.text.isEmpty && line.line <= lines.count && !exchange.outputAfterPrompt.contains(index) {
      let raw = lines[line.line - 1].content
      if raw.hasSuffix(line.text) { return String(raw.dropLast(line.text.count)) }
    }
    // Output written at the prompt's indent: the prompt line without prompt and input.
    guard let input = exchange.inputLines.first, input.line <= lines.count else { return "" }
    let raw = lines[input.line - 1].content.trimmingTrailingWhitespace()
    guard raw.hasSuffix(input.text) else { return "" }
    var head = raw.dropLast(input.text.count)
    while head.last == " " || head.last == "\t" { head = head.dropLast() }
    let prompt = exchange.prompt.trimmingTrailingWhitespace()
    return head.hasSuffix(prompt) ? String(head.dropLast(prompt.count)) : ""
  }

  private static func diff(
    before: [RawLine], after: [RawLine], replaced: [(range: ClosedRange<Int>, count: Int)], path: String
  ) -> UnifiedDiff {
    var lines: [UnifiedDiff.Line] = []
    var oldIndex = 1
    var newIndex = 1
    for region in replaced.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
      while oldIndex < region.range.lowerBound {
        lines.append(.init(.context, before[oldIndex - 1].content))
        oldIndex += 1
        newIndex += 1
      }
      lines += changes(
        from: region.range.map { before[$0 - 1].content },
        to: (newIndex..<(newIndex + region.count)).map { after[$0 - 1].content })
      oldIndex = region.range.upperBound + 1
      newIndex += region.count
    }
    while oldIndex <= before.count {
      lines.append(.init(.context, before[oldIndex - 1].content))
      oldIndex += 1
    }
    return UnifiedDiff(oldName: path, newName: path, oldStart: 1, newStart: 1, lines: lines)
  }
}

/// The lines of a rewritten region as a diff: lines the rewrite kept (a `...`, a line
/// that still matched) stay context, so the diff shows only what changed.
private func changes(from old: [String], to new: [String]) -> [UnifiedDiff.Line] {
  UnifiedDiff.changes(from: old, to: new)
}

/// A line of a file with its own ending, so rewriting keeps CRLF where the file has it.
struct RawLine: Hashable, Sendable {
  var content: String
  /// `\n`, `\r\n`, or nothing for a last line without one.
  var ending: String

  static func split(_ text: String) -> [RawLine] {
    var lines: [RawLine] = []
    var rest = Substring(text)
    while !rest.isEmpty {
      // Swift treats "\r\n" as one Character, so search the scalars.
      guard let newline = rest.unicodeScalars.firstIndex(of: "\n") else {
        lines.append(RawLine(content: String(rest), ending: ""))
        break
      }
      var line = String(rest.unicodeScalars[..<newline])
      var ending = "\n"
      if line.unicodeScalars.last == "\r" {
        line.unicodeScalars.removeLast()
        ending = "\r\n"
      }
      lines.append(RawLine(content: line, ending: ending))
      rest = Substring(rest.unicodeScalars[rest.unicodeScalars.index(after: newline)...])
    }
    return lines
  }
}
