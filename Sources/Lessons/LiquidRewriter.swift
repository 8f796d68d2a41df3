/// Turns Jekyll's `{% highlight LANG %} ... {% endhighlight %}` into fenced code blocks
/// before cmark reads the page.
///
/// Each tag line becomes exactly one fence line, so line numbers do not move. Tags inside
/// an existing fenced block are left alone: such a page is showing Liquid, not using it.
struct LiquidRewriter {
  let path: String

  private struct Tag {
    var name: String
    var arguments: [Substring]
    /// 0-based character offset of `{%` in the line.
    var offset: Int
  }

  private struct Fence {
    var character: Character
    var length: Int
  }

  func rewrite(_ lines: inout [String]) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var openFence: Fence?
    var index = 0
    while index < lines.count {
      let line = lines[index]
      if let fence = openFence {
        if closes(line, fence) { openFence = nil }
        index += 1
        continue
      }
      if let fence = opensFence(line) {
        openFence = fence
        index += 1
        continue
      }
      guard let tag = liquidTag(line) else {
        index += 1
        continue
      }
      let location = SourceLocation(path: path, line: index + 1, column: tag.offset + 1)
      switch tag.name {
      case "highlight":
        // Liquid blocks do not nest: a second `highlight` first means this one is unclosed.
        let next = lines[(index + 1)...].firstIndex {
          let name = liquidTag($0)?.name
          return name == "endhighlight" || name == "highlight"
        }
        guard let end = next, liquidTag(lines[end])?.name == "endhighlight" else {
          diagnostics.append(
            .error(at: location, "{% highlight %} is never closed by {% endhighlight %}"))
          index += 1
          continue
        }
        let body = lines[(index + 1)..<end]
        // A fence longer than any backtick run in the body, so the body cannot close it.
        let longestRun = body.map { $0.trimmingWhitespace().prefix { $0 == "`" }.count }.max() ?? 0
        let fence = String(repeating: "`", count: max(3, longestRun + 1))
        let indent = String(line.prefix(tag.offset))
        lines[index] = indent + fence + tag.arguments.joined(separator: " ")
        lines[end] = indent + fence
        index = end + 1
      case "endhighlight":
        diagnostics.append(.error(at: location, "{% endhighlight %} without a {% highlight %} before it"))
        index += 1
      default:
        index += 1
      }
    }
    return diagnostics
  }

  /// A line that holds nothing but one Liquid tag, `{% name args %}` or `{%- ... -%}`.
  private func liquidTag(_ line: String) -> Tag? {
    let offset = line.leadingWhitespaceCount
    var body = Substring(line.dropFirst(offset).trimmingTrailingWhitespace())
    guard body.hasPrefix("{%"), body.hasSuffix("%}"), body.count >= 4 else { return nil }
    body = body.dropFirst(2).dropLast(2)
    if body.hasPrefix("-") { body = body.dropFirst() }
    if body.hasSuffix("-") { body = body.dropLast() }
    let words = body.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard let name = words.first else { return nil }
    return Tag(name: String(name), arguments: Array(words.dropFirst()), offset: offset)
  }

  private func opensFence(_ line: String) -> Fence? {
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    guard let first = trimmed.first, first == "`" || first == "~" else { return nil }
    let run = trimmed.prefix { $0 == first }.count
    guard run >= 3 else { return nil }
    // A backtick fence's info string may not contain backticks; otherwise it is a code span.
    if first == "`" && trimmed.dropFirst(run).contains("`") { return nil }
    return Fence(character: first, length: run)
  }

  private func closes(_ line: String, _ fence: Fence) -> Bool {
    let trimmed = line.trimmingWhitespace()
    return trimmed.count >= fence.length && trimmed.allSatisfy { $0 == fence.character }
  }
}
