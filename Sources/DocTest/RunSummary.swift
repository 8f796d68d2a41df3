/// The totals over every page of a run, and the exit code they call for.
public struct RunSummary: Hashable, Sendable {
  public var passed = 0
  public var failed = 0
  public var skipped = 0
  /// Exchanges run whose page shows no output: neither passed nor failed.
  public var unchecked = 0
  /// Load and lint errors, which are not exchanges.
  public var errors = 0
  public var brokenPages = 0

  public init(_ pages: [PageResult]) {
    for page in pages {
      passed += page.passed
      failed += page.failed
      skipped += page.skipped
      unchecked += page.unchecked
      errors += page.errorCount
      if page.verdict == .broken { brokenPages += 1 }
    }
  }

  /// 0 when all pass, 1 on a failure, 2 when a page cannot be loaded.
  public var exitCode: Int32 {
    if brokenPages > 0 { return 2 }
    return failed > 0 || errors > 0 ? 1 : 0
  }

  /// `3 passed, 1 failed`, with unchecked and skipped exchanges and errors when there are any.
  public var line: String {
    var text = "\(passed) passed, \(failed) failed"
    if unchecked > 0 { text += ", \(unchecked) unchecked" }
    if skipped > 0 { text += ", \(skipped) skipped" }
    if errors > 0 { text += ", \(errors) error\(errors == 1 ? "" : "s")" }
    return text
  }
}
