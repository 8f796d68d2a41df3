/// Compares what a page expects an exchange to print with what it printed, in the layers
/// of the design: exact text, pids as variables, any fun or reference, `...` for any
/// number of lines, and for `unordered` blocks lines as a multiset.
public struct OutputMatcher: Sendable {
  public let expected: [LinePattern]
  public let unordered: Bool

  public init(expected: [String], unordered: Bool) {
    self.expected = expected.map(LinePattern.init)
    self.unordered = unordered
  }

  /// How one expected line lines up with the actual output, for diffs and `--update`.
  public enum Step: Hashable, Sendable {
    /// Expected line `expected` matches actual line `actual`.
    case same(expected: Int, actual: Int)
    /// The `...` at `expected` stands for these actual lines.
    case ellipsis(expected: Int, actual: Range<Int>)
    /// An expected line nothing printed.
    case missing(expected: Int)
    /// An actual line the page does not show.
    case extra(actual: Int)
  }

  /// The bindings extended by a match of all of `actual`, or nil when it does not match.
  public func match(_ actual: [String], _ bindings: PidBindings) -> PidBindings? {
    var budget = Self.searchBudget
    return unordered
      ? matchUnordered(actual, bindings, budget: &budget)
      : matchOrdered(from: 0, 0, actual, bindings, budget: &budget)
  }

  /// Tries of a line against a line one match may spend before it gives up, so a page
  /// full of `...` cannot make matching take forever.
  static let searchBudget = 200_000

  private func matchOrdered(
    from start: Int, _ actualStart: Int, _ actual: [String], _ bindings: PidBindings, budget: inout Int
  ) -> PidBindings? {
    var index = start
    var position = actualStart
    var bindings = bindings
    // Lines up to the next `...` pair off one to one; only `...` needs a search.
    while index < expected.count, !expected[index].isEllipsis {
      budget -= 1
      guard budget > 0, position < actual.count,
        let extended = expected[index].match(actual[position], bindings)
      else { return nil }
      bindings = extended
      index += 1
      position += 1
    }
    if index == expected.count { return position == actual.count ? bindings : nil }
    for next in position...actual.count {
      if let found = matchOrdered(from: index + 1, next, actual, bindings, budget: &budget) { return found }
      if budget <= 0 { return nil }
    }
    return nil
  }

  private func matchUnordered(_ actual: [String], _ bindings: PidBindings, budget: inout Int) -> PidBindings?
  {
    let hasEllipsis = expected.contains { $0.isEllipsis }
    let patterns = expected.filter { !$0.isEllipsis }
    guard hasEllipsis ? patterns.count <= actual.count : patterns.count == actual.count else { return nil }
    // Lines without holes pair off by counting; only the rest need a search.
    var unused: [String: Int] = [:]
    for line in actual { unused[line, default: 0] += 1 }
    var holed: [LinePattern] = []
    for pattern in patterns {
      if pattern.isLiteral {
        guard let count = unused[pattern.text], count > 0 else { return nil }
        unused[pattern.text] = count - 1
      } else {
        holed.append(pattern)
      }
    }
    let remaining = actual.filter { line in
      guard let count = unused[line], count > 0 else { return false }
      unused[line] = count - 1
      return true
    }
    var used = [Bool](repeating: false, count: remaining.count)
    func assign(_ index: Int, _ bindings: PidBindings) -> PidBindings? {
      if index == holed.count { return bindings }
      for candidate in remaining.indices where !used[candidate] {
        budget -= 1
        if budget <= 0 { return nil }
        guard let extended = holed[index].match(remaining[candidate], bindings) else { continue }
        used[candidate] = true
        if let found = assign(index + 1, extended) { return found }
        used[candidate] = false
      }
      return nil
    }
    return assign(0, bindings)
  }

  /// The closest pairing of expected and actual lines, for showing a mismatch: fewest
  /// lines missing or extra, a line counting as the same when it matches on its own.
  public func align(_ actual: [String], _ bindings: PidBindings) -> [Step] {
    unordered ? alignUnordered(actual, bindings) : alignOrdered(actual, bindings)
  }

  private func alignOrdered(_ actual: [String], _ bindings: PidBindings) -> [Step] {
    let rows = expected.count
    let columns = actual.count
    // Past this a full table costs more than a mismatch report is worth.
    guard (rows + 1) * (columns + 1) <= 4_000_000 else {
      return expected.indices.map { Step.missing(expected: $0) }
        + actual.indices.map { Step.extra(actual: $0) }
    }
    let width = columns + 1
    var cost = [Int](repeating: 0, count: (rows + 1) * width)
    var same = [Bool](repeating: false, count: rows * max(columns, 1))
    for row in 0..<rows where !expected[row].isEllipsis {
      for column in 0..<columns {
        same[row * columns + column] = expected[row].match(actual[column], bindings) != nil
      }
    }
    for row in stride(from: rows, through: 0, by: -1) {
      for column in stride(from: columns, through: 0, by: -1) {
        let here = row * width + column
        if row == rows {
          cost[here] = columns - column
        } else if expected[row].isEllipsis {
          cost[here] = column == columns ? cost[here + width] : min(cost[here + width], cost[here + 1])
        } else if column == columns {
          cost[here] = 1 + cost[here + width]
        } else {
          var best = 1 + min(cost[here + width], cost[here + 1])
          if same[row * columns + column] { best = min(best, cost[here + width + 1]) }
          cost[here] = best
        }
      }
    }
    var steps: [Step] = []
    var row = 0
    var column = 0
    var absorbedFrom: Int? = nil
    while row < rows || column < columns {
      let here = row * width + column
      if row < rows, expected[row].isEllipsis {
        if column < columns, cost[here] == cost[here + 1] && cost[here] != cost[here + width] {
          absorbedFrom = absorbedFrom ?? column
          column += 1
        } else {
          steps.append(.ellipsis(expected: row, actual: (absorbedFrom ?? column)..<column))
          absorbedFrom = nil
          row += 1
        }
      } else if row < rows, column < columns, same[row * columns + column],
        cost[here] == cost[here + width + 1]
      {
        steps.append(.same(expected: row, actual: column))
        row += 1
        column += 1
      } else if row < rows, cost[here] == 1 + cost[here + width] {
        steps.append(.missing(expected: row))
        row += 1
      } else {
        steps.append(.extra(actual: column))
        column += 1
      }
    }
    return steps
  }

  private func alignUnordered(_ actual: [String], _ bindings: PidBindings) -> [Step] {
    var partner = [Int?](repeating: nil, count: expected.count)
    var taken = [Bool](repeating: false, count: actual.count)
    var bindings = bindings
    // Literal lines first, so a line with holes does not take a line a literal needs.
    for literalPass in [true, false] {
      for (index, pattern) in expected.enumerated()
      where !pattern.isEllipsis && pattern.isLiteral == literalPass {
        for candidate in actual.indices where !taken[candidate] {
          guard let extended = pattern.match(actual[candidate], bindings) else { continue }
          bindings = extended
          partner[index] = candidate
          taken[candidate] = true
          break
        }
      }
    }
    let hasEllipsis = expected.contains { $0.isEllipsis }
    var steps: [Step] = []
    for (index, pattern) in expected.enumerated() {
      if pattern.isEllipsis {
        steps.append(.ellipsis(expected: index, actual: 0..<0))
      } else if let other = partner[index] {
        steps.append(.same(expected: index, actual: other))
      } else {
        steps.append(.missing(expected: index))
      }
    }
    if !hasEllipsis {
      steps += actual.indices.filter { !taken[$0] }.map { Step.extra(actual: $0) }
    }
    return steps
  }
}
