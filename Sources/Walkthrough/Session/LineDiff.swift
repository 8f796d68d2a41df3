import DocTest

/// A line diff of two texts (a learner's file against a solution), by longest common
/// subsequence. Texts past a size where the table would be large are shown as a whole
/// replacement instead.
enum LineDiff {
  static let maxCells = 4_000_000

  static func diff(old: String, new: String, oldName: String, newName: String) -> UnifiedDiff {
    let a = lines(old)
    let b = lines(new)
    var result: [UnifiedDiff.Line] = []
    if a.count * b.count > maxCells {
      result = a.map { .init(.removed, $0) } + b.map { .init(.added, $0) }
    } else {
      // lengths[i][j]: the common subsequence length of a[i...] and b[j...].
      let width = b.count + 1
      var lengths = [Int](repeating: 0, count: (a.count + 1) * width)
      for i in stride(from: a.count - 1, through: 0, by: -1) {
        for j in stride(from: b.count - 1, through: 0, by: -1) {
          lengths[i * width + j] =
            a[i] == b[j]
            ? lengths[(i + 1) * width + j + 1] + 1
            : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
        }
      }
      var i = 0
      var j = 0
      while i < a.count || j < b.count {
        if i < a.count, j < b.count, a[i] == b[j] {
          result.append(.init(.context, a[i]))
          i += 1
          j += 1
        } else if i < a.count, j == b.count || lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
          result.append(.init(.removed, a[i]))
          i += 1
        } else {
          result.append(.init(.added, b[j]))
          j += 1
        }
      }
    }
    return UnifiedDiff(oldName: oldName, newName: newName, oldStart: 1, newStart: 1, lines: result)
  }

  private static func lines(_ text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}
