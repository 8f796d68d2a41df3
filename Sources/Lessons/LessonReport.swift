/// The two renderings of loaded pages that `tutor lessons` prints: readable text and JSON.
///
/// Kept here rather than in the command so golden tests pin exactly what users see.
public enum LessonReport {
  /// `{"pages":[...]}` with each page's front matter, headings, blocks and diagnostics;
  /// a block's `line` is its first content line; an expected line written after a prompt
  /// has `"afterPrompt": true`. Block text is left out: it is the page's
  /// own, and the line numbers say where to find it.
  public static func json(_ pages: [Page]) -> String {
    JSONValue.object([("pages", .array(pages.map(json)))]).rendered() + "\n"
  }

  /// Each page's model, one item a line, with file line numbers in front. Diagnostics are
  /// left out: they are rendered by `Diagnostic.description` and go to stderr.
  public static func text(_ pages: [Page]) -> String {
    pages.map(text).joined(separator: "\n")
  }

  private static func json(_ page: Page) -> JSONValue {
    .object([
      ("path", .string(page.path)),
      ("frontMatter", json(FrontMatterValue.mapping(page.frontMatter))),
      (
        "headings",
        .array(
          page.headings.map {
            .object([("level", .integer($0.level)), ("text", .string($0.text)), ("line", .integer($0.line))])
          })
      ),
      ("blocks", .array(page.blocks.map(json))),
      (
        "diagnostics",
        .array(
          page.diagnostics.map {
            .object([
              ("severity", .string($0.severity.rawValue)), ("line", .integer($0.location.line)),
              ("column", .integer($0.location.column)), ("message", .string($0.message)),
            ])
          })
      ),
    ])
  }

  private static func json(_ block: CodeBlock) -> JSONValue {
    var options: [(String, JSONValue)] = []
    if block.options.skip { options.append(("skip", .bool(true))) }
    if block.options.unordered { options.append(("unordered", .bool(true))) }
    if let seconds = block.options.timeoutSeconds { options.append(("timeout", .number(seconds))) }
    if let profile = block.options.profile { options.append(("profile", .string(profile))) }
    if let file = block.options.file { options.append(("file", .string(file))) }
    return .object([
      ("kind", .string(block.kind.rawValue)),
      ("language", .optional(block.language)),
      ("line", .integer(block.line)),
      ("endLine", .integer(block.endLine)),
      ("file", .optional(block.file)),
      ("options", .object(options)),
      (
        "exchanges",
        .array(
          block.exchanges.map { exchange in
            .object([
              ("prompt", .string(exchange.prompt)),
              ("input", .string(exchange.input)),
              ("line", .integer(exchange.line)),
              (
                "expected",
                .array(
                  exchange.expected.enumerated().map { index, line in
                    var fields: [(String, JSONValue)] = [
                      ("line", .integer(line.line)), ("text", .string(line.text)),
                    ]
                    if exchange.outputAfterPrompt.contains(index) {
                      fields.append(("afterPrompt", .bool(true)))
                    }
                    return .object(fields)
                  })
              ),
            ])
          })
      ),
    ])
  }

  private static func json(_ value: FrontMatterValue) -> JSONValue {
    switch value {
    case .null: return .null
    case .bool(let value): return .bool(value)
    case .integer(let value): return .integer(value)
    case .double(let value): return .number(value)
    case .string(let value): return .string(value)
    case .list(let values): return .array(values.map(json))
    case .mapping(let values): return .object(values.keys.sorted().map { ($0, json(values[$0]!)) })
    }
  }

  private static func text(_ page: Page) -> String {
    var out = "\(page.path)\n"
    for key in page.frontMatter.keys.sorted() {
      out += "  front matter \(key): \(page.frontMatter[key]!.displayText)\n"
    }
    for heading in page.headings {
      out += "  \(heading.line): \(String(repeating: "#", count: heading.level)) \(heading.text)\n"
    }
    for block in page.blocks {
      out += "  \(block.line)-\(block.endLine): \(block.kind.rawValue)"
      if let language = block.language { out += " [\(language)]" }
      if let file = block.file { out += " \(file) (from \(origin(block.fileOrigin)))" }
      if !block.options.isEmpty { out += " {\(block.options)}" }
      out += "\n"
      for exchange in block.exchanges {
        for (index, line) in exchange.inputLines.enumerated() {
          let prefix = index == 0 ? exchange.prompt : String(repeating: " ", count: exchange.prompt.count)
          out += "    \(line.line) in  \(prefix)\(line.text)\n"
        }
        for (index, line) in exchange.expected.enumerated() {
          // Output the page writes after a prompt shows that prompt, set apart from the text.
          let after =
            exchange.outputAfterPrompt.contains(index)
            ? "(after \(exchange.prompt.trimmingTrailingWhitespace())) " : ""
          out += "    \(line.line) out \(after)\(line.text)\n"
        }
      }
    }
    return out
  }

  private static func origin(_ origin: CodeBlock.FileOrigin?) -> String {
    switch origin {
    case .infoString: return "info string"
    case .comment: return "tutor comment"
    case .prose: return "prose"
    case .module: return "defmodule"
    case nil: return "nowhere"
    }
  }
}
