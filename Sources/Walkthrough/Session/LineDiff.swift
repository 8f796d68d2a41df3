import DocTest

/// A diff of two texts by lines (a learner's file against a solution).
enum LineDiff {
  static func diff(old: String, new: String, oldName: String, newName: String) -> UnifiedDiff {
    UnifiedDiff(
      oldName: oldName, newName: newName, oldStart: 1, newStart: 1,
      lines: UnifiedDiff.changes(from: lines(old), to: lines(new)))
  }

  private static func lines(_ text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}
