/// A unified diff, as `diff -u` prints it, numbered with the page's own lines so a reader
/// can find each hunk in the file.
public struct UnifiedDiff: Hashable, Sendable, Codable {
  public struct Line: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
      case context, removed, added
    }

    public var kind: Kind
    public var text: String
    /// New-side lines this context line stands for: a `...` line may cover several or none.
    public var newSpan: Int

    public init(_ kind: Kind, _ text: String, newSpan: Int = 1) {
      self.kind = kind
      self.text = text
      self.newSpan = newSpan
    }
  }

  public var oldName: String
  public var newName: String
  /// The line number of the first old and new line.
  public var oldStart: Int
  public var newStart: Int
  public var lines: [Line]

  public init(oldName: String, newName: String, oldStart: Int, newStart: Int, lines: [Line]) {
    self.oldName = oldName
    self.newName = newName
    self.oldStart = oldStart
    self.newStart = newStart
    self.lines = lines
  }

  public var isEmpty: Bool { lines.allSatisfy { $0.kind == .context } }

  /// The diff as text; `color` adds ANSI colours for a terminal.
  public func rendered(color: Bool, context: Int = 3) -> String {
    func paint(_ text: String, _ code: String) -> String {
      color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
    var out = paint("--- \(oldName)", "1") + "\n" + paint("+++ \(newName)", "1") + "\n"
    for hunk in hunks(context: context) {
      out += paint(hunk.header, "36") + "\n"
      for line in lines[hunk.range] {
        switch line.kind {
        case .context: out += " \(line.text)\n"
        case .removed: out += paint("-\(line.text)", "31") + "\n"
        case .added: out += paint("+\(line.text)", "32") + "\n"
        }
      }
    }
    return out
  }

  struct Hunk {
    var range: Range<Int>
    var header: String
  }

  /// Runs of changes with up to `context` unchanged lines around them; runs closer than
  /// twice that share a hunk.
  func hunks(context: Int) -> [Hunk] {
    let changed = lines.indices.filter { lines[$0].kind != .context }
    guard !changed.isEmpty else { return [] }
    var ranges: [Range<Int>] = []
    for index in changed {
      let start = max(0, index - context)
      let end = min(lines.count, index + 1 + context)
      if let last = ranges.last, start <= last.upperBound {
        ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, end)
      } else {
        ranges.append(start..<end)
      }
    }
    // Line numbers where each diff line starts, on both sides.
    var oldLine = oldStart
    var newLine = newStart
    var starts: [(Int, Int)] = []
    for line in lines {
      starts.append((oldLine, newLine))
      switch line.kind {
      case .context:
        oldLine += 1
        newLine += line.newSpan
      case .removed: oldLine += 1
      case .added: newLine += 1
      }
    }
    return ranges.map { range in
      var oldCount = 0
      var newCount = 0
      for line in lines[range] {
        switch line.kind {
        case .context:
          oldCount += 1
          newCount += line.newSpan
        case .removed: oldCount += 1
        case .added: newCount += 1
        }
      }
      func side(_ start: Int, _ count: Int) -> String {
        switch count {
        case 0: return "\(start - 1),0"
        case 1: return "\(start)"
        default: return "\(start),\(count)"
        }
      }
      let (old, new) = starts[range.lowerBound]
      return Hunk(range: range, header: "@@ -\(side(old, oldCount)) +\(side(new, newCount)) @@")
    }
  }
}

extension UnifiedDiff {
  /// Lines that cannot be paired by a longest common subsequence in reasonable memory:
  /// past this many cells, the old lines are shown removed and the new ones added.
  static let maxCells = 4_000_000

  /// The lines of `old` and `new` as a diff: their longest common subsequence kept as
  /// context, removals before additions where they meet.
  public static func changes(from old: [String], to new: [String]) -> [Line] {
    guard old.count * new.count <= maxCells else {
      return old.map { Line(.removed, $0) } + new.map { Line(.added, $0) }
    }
    // common[i * width + j]: the common subsequence length of old[i...] and new[j...].
    let width = new.count + 1
    var common = [Int](repeating: 0, count: (old.count + 1) * width)
    for i in stride(from: old.count - 1, through: 0, by: -1) {
      for j in stride(from: new.count - 1, through: 0, by: -1) {
        common[i * width + j] =
          old[i] == new[j]
          ? common[(i + 1) * width + j + 1] + 1 : max(common[(i + 1) * width + j], common[i * width + j + 1])
      }
    }
    var lines: [Line] = []
    var i = 0
    var j = 0
    while i < old.count || j < new.count {
      if i < old.count, j < new.count, old[i] == new[j] {
        lines.append(Line(.context, old[i]))
        i += 1
        j += 1
      } else if i < old.count, j == new.count || common[(i + 1) * width + j] >= common[i * width + j + 1] {
        lines.append(Line(.removed, old[i]))
        i += 1
      } else {
        lines.append(Line(.added, new[j]))
        j += 1
      }
    }
    return lines
  }
}
