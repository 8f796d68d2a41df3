import Lessons

/// The report as JSON: every field of the text report, for tools.
public enum JSONReport {
  public static func render(_ pages: [PageResult]) -> String {
    let summary = RunSummary(pages)
    let root = JSONValue.object([
      ("pages", .array(pages.map(page))),
      ("passed", .integer(summary.passed)),
      ("failed", .integer(summary.failed)),
      ("skipped", .integer(summary.skipped)),
      ("unchecked", .integer(summary.unchecked)),
      ("errors", .integer(summary.errors)),
      ("exitCode", .integer(Int(summary.exitCode))),
    ])
    return root.rendered() + "\n"
  }

  private static func page(_ result: PageResult) -> JSONValue {
    .object([
      ("path", .string(result.path)),
      ("verdict", .string(result.verdict.rawValue)),
      ("profile", .string(result.profile)),
      ("passed", .integer(result.passed)),
      ("failed", .integer(result.failed)),
      ("skipped", .integer(result.skipped)),
      ("unchecked", .integer(result.unchecked)),
      ("diagnostics", .array((result.loadErrors + result.diagnostics).map(diagnostic))),
      ("exchanges", .array(result.exchanges.map(exchange))),
    ])
  }

  static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
    .object([
      ("severity", .string(diagnostic.severity.rawValue)),
      ("path", .string(diagnostic.location.path)),
      ("line", .integer(diagnostic.location.line)),
      ("column", .integer(diagnostic.location.column)),
      ("message", .string(diagnostic.message)),
      ("rendered", .string(diagnostic.description)),
    ])
  }

  private static func exchange(_ result: ExchangeResult) -> JSONValue {
    .object([
      ("line", .integer(result.exchange.line)),
      ("prompt", .string(result.exchange.prompt)),
      ("input", .string(result.exchange.input)),
      ("status", .string(result.status.rawValue)),
      ("checked", .bool(result.checked)),
      ("message", .optional(result.message)),
      (
        "expected",
        .array(
          result.exchange.expected.enumerated().map { index, line in
            var fields: [(String, JSONValue)] = [("line", .integer(line.line)), ("text", .string(line.text))]
            if result.exchange.outputAfterPrompt.contains(index) {
              fields.append(("afterPrompt", .bool(true)))
            }
            return .object(fields)
          })
      ),
      ("actual", .array(result.actual.map(JSONValue.string))),
      ("diff", .optional(result.diff?.rendered(color: false))),
      ("notes", .array(result.notes.map(diagnostic))),
      ("proposed", result.proposed.map { .array($0.map(JSONValue.string)) } ?? .null),
    ])
  }
}
