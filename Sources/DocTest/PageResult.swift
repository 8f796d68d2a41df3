import Lessons

/// What checking one page found.
public struct PageResult: Hashable, Sendable {
  public enum Verdict: String, Hashable, Sendable {
    /// Every exchange matched and nothing else is wrong.
    case passed
    /// An exchange mismatched or the lint found an error.
    case failed
    /// The page cannot be loaded or configured, so it was not run.
    case broken
  }

  public var page: Page
  /// The profile the page ran with, by name or as its switches, and why.
  public var profile: String
  /// Problems that stop the page from running: the loader's errors, a bad profile.
  public var loadErrors: [Diagnostic]
  /// Everything else the loader and the lint report, errors and warnings, by line.
  public var diagnostics: [Diagnostic]
  public var exchanges: [ExchangeResult]

  public init(
    page: Page, profile: String, loadErrors: [Diagnostic] = [], diagnostics: [Diagnostic] = [],
    exchanges: [ExchangeResult] = []
  ) {
    self.page = page
    self.profile = profile
    self.loadErrors = loadErrors
    self.diagnostics = diagnostics
    self.exchanges = exchanges
  }

  public var path: String { page.path }

  public var verdict: Verdict {
    if !loadErrors.isEmpty { return .broken }
    if failed > 0 || diagnostics.containsErrors { return .failed }
    return .passed
  }

  public var passed: Int { exchanges.count { $0.status == .passed } }
  public var failed: Int { exchanges.count { $0.status == .failed } }
  public var skipped: Int { exchanges.count { $0.status == .skipped } }
  /// Exchanges run but not compared, because the page shows no output for them.
  public var unchecked: Int { exchanges.count { $0.status == .unchecked } }
  /// Errors that are not exchanges: load errors and lint errors.
  public var errorCount: Int { loadErrors.count + diagnostics.count { $0.isError } }
}
