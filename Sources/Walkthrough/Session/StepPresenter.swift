import DocTest
import Lessons

/// How steps, marks and diffs look in the terminal: coloured symbols on a terminal,
/// plain words (PASS, FAIL, HINT) for pipes and screen readers.
struct StepPresenter {
  let style: TerminalStyle

  private func paint(_ text: String, _ code: String) -> String {
    style.color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  func dim(_ text: String) -> String { paint(text, "2") }
  func bold(_ text: String) -> String { paint(text, "1") }

  /// `[3/12] 02-spawning#3`: where the learner is, before every step and prompt.
  func status(_ step: Step, of steps: PageSteps, title: String? = nil) -> String {
    var text = "[\(step.ordinal)/\(steps.steps.count)] \(step.id)"
    if let title, !title.isEmpty { text += " · \(title)" }
    return paint(text, "2;36")
  }

  /// A page's banner, when it opens.
  func pageBanner(number: Int, of total: Int, steps: PageSteps) -> String {
    let title = steps.page.title ?? steps.stem
    let text = "Page \(number) of \(total): \(title) (\(steps.stem), \(steps.steps.count) steps)"
    if style.plain || !style.color { return "== \(text) ==" }
    return paint("━━ \(text) ━━", "1;34")
  }

  /// A source file as the page shows it, highlighted, under its name.
  func source(_ text: String, file: String) -> String {
    let body = CodeHighlighter.highlight(text, style: style)
    let indented = body.split(separator: "\n", omittingEmptySubsequences: false).dropLast(
      body.hasSuffix("\n") ? 1 : 0
    ).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
    return bold("  \(file)") + "\n" + indented + "\n"
  }

  /// An input as typed after a prompt.
  func typed(_ input: String, prompt: String) -> String {
    let lines = input.split(separator: "\n", omittingEmptySubsequences: false)
    let pad = String(repeating: " ", count: prompt.count)
    return lines.enumerated().map { index, line in
      (index == 0 ? paint(prompt, "1;32") : pad) + CodeHighlighter.highlight(String(line), style: style)
    }.joined(separator: "\n") + "\n"
  }

  func pass(_ note: String = "") -> String {
    let word = style.plain || !style.color ? "PASS" : paint("✓", "1;32")
    return word + (note.isEmpty ? "" : " " + note) + "\n"
  }

  func fail(_ note: String = "") -> String {
    let word = style.plain || !style.color ? "FAIL" : paint("✗", "1;31")
    return word + (note.isEmpty ? "" : " " + note) + "\n"
  }

  func hint(_ text: String) -> String {
    wrapped(style.plain || !style.color ? "HINT" : "hint", text)
  }

  func note(_ text: String) -> String {
    wrapped(style.plain || !style.color ? "NOTE" : "note", text)
  }

  /// `word: text`, wrapped to the terminal's width like the page's prose.
  private func wrapped(_ word: String, _ text: String) -> String {
    let paragraph = ProseBlock(
      kind: .paragraph, line: 0, endLine: 0, inlines: [.strong([.text(word + ":")]), .text(" " + text)])
    return ProseRenderer.render([paragraph], style: style)
  }

  func diff(_ diff: UnifiedDiff) -> String {
    diff.rendered(color: style.color && !style.plain, context: 2)
  }
}
