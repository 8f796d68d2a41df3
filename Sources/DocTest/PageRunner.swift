import Foundation
import LFE
import Lessons

/// Runs one page as a reader would: top to bottom in one shell session, saving each
/// source block to its file when the run reaches it and evaluating each exchange in turn.
struct PageRunner {
  let page: Page
  let profile: Profile
  let workspace: URL
  /// The page's lines, for columns of compile errors.
  let pageLines: [String]
  let session: any ShellSession
  /// Compile problems already reported by the lint, not to repeat under an exchange.
  let alreadyReported: Set<Diagnostic>

  /// The results of every exchange, and problems with saving files.
  func run() -> (exchanges: [ExchangeResult], diagnostics: [Diagnostic]) {
    var results: [ExchangeResult] = []
    var diagnostics: [Diagnostic] = []
    var bindings = PidBindings()
    var savedFrom: [String: CodeBlock] = [:]
    var warnedBusy: Set<String> = []
    var mismatches: [(index: Int, steps: [OutputMatcher.Step], matcher: OutputMatcher)] = []
    // The line of the exchange that ended the shell session, after which nothing runs.
    var stoppedAt: Int? = nil
    for block in page.blocks where !block.options.skip || block.kind == .transcript {
      switch block.kind {
      case .source:
        guard let file = block.file else { continue }
        let location = page.location(line: block.fenceLine ?? block.line)
        guard CourseWorkspace.isSafe(file) else {
          diagnostics.append(
            .error(at: location, "cannot save \(file): a file name must stay inside the workspace"))
          continue
        }
        do {
          try CourseWorkspace.write(block.text, to: file, in: workspace)
          savedFrom[file] = block
        } catch {
          let reason = (error as? WorkspaceFileError).map(\.description) ?? error.localizedDescription
          diagnostics.append(.error(at: location, "cannot save \(file) in the workspace: \(reason)"))
        }
      case .transcript:
        let blockProfile = ProfileResolver.blockProfile(block, page: page, pageProfile: profile) ?? profile
        for exchange in block.exchanges {
          guard !block.options.skip else {
            results.append(ExchangeResult(exchange: exchange, status: .skipped, checked: false))
            continue
          }
          if let stoppedAt {
            results.append(
              ExchangeResult(
                exchange: exchange, status: .failed, message: "the shell has stopped at line \(stoppedAt)"))
            continue
          }
          let (result, mismatch) = run(
            exchange, in: block, profile: blockProfile, bindings: &bindings, savedFrom: savedFrom)
          if session.hasStopped { stoppedAt = exchange.line }
          if let mismatch { mismatches.append((results.count, mismatch.steps, mismatch.matcher)) }
          results.append(result)
          // A process that never waits spends every step's budget: worth a word, once.
          for busy in session.busyProcesses() where !warnedBusy.contains(busy.pid) {
            warnedBusy.insert(busy.pid)
            diagnostics.append(
              .warning(
                at: page.location(line: exchange.line),
                "process \(busy.pid) was still running when this exchange ended (in \(busy.function), "
                  + "started as \(busy.initialCall)); a process that never waits keeps the runtime busy"))
          }
        }
      case .other:
        continue
      }
    }
    // Rewrites are worked out once every pid the page's own lines bind is known, so a
    // pid a rewrite names for the first time never takes a name the page uses later.
    for mismatch in mismatches {
      let proposal = Self.propose(
        mismatch.steps, matcher: mismatch.matcher, actual: results[mismatch.index].actual, bindings: bindings)
      // A rewrite that would change the page's layout is left to the author.
      guard PageUpdate.canRewrite(results[mismatch.index].exchange, with: proposal.lines) else {
        results[mismatch.index].message? +=
          " (--update leaves it: the new output does not fit the page's layout)"
        continue
      }
      results[mismatch.index].proposed = proposal.lines
      bindings = proposal.bindings
    }
    return (results, diagnostics)
  }

  private func run(
    _ exchange: Exchange, in block: CodeBlock, profile: Profile, bindings: inout PidBindings,
    savedFrom: [String: CodeBlock]
  ) -> (ExchangeResult, (steps: [OutputMatcher.Step], matcher: OutputMatcher)?) {
    let clock = ContinuousClock()
    let started = clock.now
    let output = session.evaluate(
      exchange.input, line: exchange.line, profile: profile, timeout: block.options.timeout)
    let elapsed = clock.now - started
    let actual = Self.lines(of: output)
    var result = ExchangeResult(
      exchange: exchange, status: .passed, checked: !exchange.expected.isEmpty, actual: actual)
    result.column = PageLinter.inputColumn(exchange, pageLines: pageLines)
    if session.lastEvaluationTimedOut {
      result.status = .failed
      result.message =
        block.options.timeout.map { "stopped at the block's timeout of \(Self.seconds($0))" }
        ?? "stopped: it ran longer than the \(EmbeddedShell.defaultStepMilliseconds / 1000) s a step may take"
    } else if let timeout = block.options.timeout, elapsed > timeout {
      // One native call (a huge bignum product) is not cut short; its time still counts.
      result.status = .failed
      result.message =
        "took \(Self.seconds(elapsed)), longer than the block's timeout of \(Self.seconds(timeout))"
    }
    let timeMessage = result.message
    if result.status == .failed { result.traceFiles = session.traceFiles() }
    guard result.checked else {
      if result.status == .passed {
        result.status = .unchecked
        result.message = ExchangeResult.uncheckedReason
      }
      return (result, nil)
    }
    let expected = exchange.expected.map { $0.text.trimmingTrailingWhitespace() }
    let matcher = OutputMatcher(expected: expected, unordered: block.options.unordered)
    if let extended = matcher.match(actual, bindings) {
      bindings = extended
      return (result, nil)
    }
    let steps = matcher.align(actual, bindings)
    var diff = Self.diff(
      steps, expected: matcher.expected, actual: actual, firstLine: exchange.expected[0].line)
    result.status = .failed
    result.message =
      "transcript mismatch" + Self.pidExplanation(expected: matcher.expected, actual: actual, bindings)
    if diff.isEmpty {
      // Every line matches on its own; together they bind one written pid to two pids.
      result.message = "transcript mismatch: the pids in this output do not pair one to one with the page's"
      diff.lines = expected.map { .init(.removed, $0) } + actual.map { .init(.added, $0) }
    }
    if let stopped = timeMessage { result.message = stopped + "; " + (result.message ?? "") }
    result.diff = diff
    if result.traceFiles.isEmpty { result.traceFiles = session.traceFiles() }
    // Lines that still match are the page's own word on its pids.
    for case .same(let index, let other) in steps {
      if let extended = matcher.expected[index].match(actual[other], bindings) { bindings = extended }
    }
    if let file = CompileCommand.fileName(exchange.input), let source = savedFrom[file] {
      let compile = CompileDiagnostics(page: page, block: source, pageLines: pageLines)
      result.notes = compile.fromShellOutput(actual).filter { !alreadyReported.contains($0) }
    }
    return (result, (steps, matcher))
  }

  /// Shell output as lines to compare: trailing whitespace and trailing blank lines dropped.
  static func lines(of output: String) -> [String] {
    var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.trimmingTrailingWhitespace()
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines
  }

  static func diff(
    _ steps: [OutputMatcher.Step], expected: [LinePattern], actual: [String], firstLine: Int
  ) -> UnifiedDiff {
    let lines: [UnifiedDiff.Line] = steps.map { step in
      switch step {
      case .same(let index, _): return .init(.context, expected[index].text)
      case .ellipsis(let index, let covered):
        return .init(.context, expected[index].text, newSpan: covered.count)
      case .missing(let index): return .init(.removed, expected[index].text)
      case .extra(let index): return .init(.added, actual[index])
      }
    }
    return UnifiedDiff(
      oldName: "expected", newName: "actual", oldStart: firstLine, newStart: firstLine, lines: lines)
  }

  /// The expected lines that would make the exchange pass: the page's lines where they
  /// still match (its pid spellings, funs and `...` kept), the shell's elsewhere, with
  /// pids the page already names written its way.
  static func propose(
    _ steps: [OutputMatcher.Step], matcher: OutputMatcher, actual: [String], bindings: PidBindings
  ) -> (lines: [String], bindings: PidBindings) {
    var local = bindings
    for case .same(let index, let other) in steps {
      if let extended = matcher.expected[index].match(actual[other], local) { local = extended }
    }
    func rename(_ line: String) -> String {
      for pid in LinePattern.pids(in: line) where local.writtenFor[pid] == nil {
        var name = pid
        var serial = 1000
        while local.actualFor[name] != nil {
          name = "0.\(serial).0"
          serial += 1
        }
        local = local.binding(name, to: pid) ?? local
      }
      return LinePattern.rewritingPids(line) { local.writtenFor[$0] }
    }
    var lines: [String] = []
    for step in steps {
      switch step {
      case .same(let index, _), .ellipsis(let index, _): lines.append(matcher.expected[index].text)
      case .missing: continue
      case .extra(let index): lines.append(rename(actual[index]))
      }
    }
    for candidate in [lines, actual.map(rename), actual] {
      if let matched = OutputMatcher(expected: candidate, unordered: matcher.unordered).match(
        actual, bindings)
      {
        return (candidate, matched)
      }
    }
    return (actual, bindings)
  }

  /// Why pids that look alike do not match, when earlier exchanges bound them otherwise:
  /// ` (<0.25.0> is <0.79.0> earlier on the page)`.
  static func pidExplanation(expected: [LinePattern], actual: [String], _ bindings: PidBindings) -> String {
    let written = expected.flatMap(\.writtenPids)
    var reasons: [String] = []
    for pid in written {
      if let bound = bindings.actualFor[pid] {
        let text = "<\(pid)> is <\(bound)> earlier on the page"
        if !reasons.contains(text) { reasons.append(text) }
      }
    }
    for pid in actual.flatMap(LinePattern.pids(in:)) {
      if let name = bindings.writtenFor[pid], !written.contains(name) {
        let text = "<\(pid)> is written <\(name)> earlier on the page"
        if !reasons.contains(text) { reasons.append(text) }
      }
    }
    return reasons.isEmpty ? "" : " (" + reasons.joined(separator: "; ") + ")"
  }

  static func seconds(_ duration: Duration) -> String {
    let parts = duration.components
    let milliseconds = parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
  }
}

extension StringProtocol {
  func trimmingTrailingWhitespace() -> String {
    var end = endIndex
    while end > startIndex, let scalar = self[index(before: end)].unicodeScalars.first,
      scalar == " " || scalar == "\t" || scalar == "\r"
    {
      end = index(before: end)
    }
    return String(self[startIndex..<end])
  }
}
