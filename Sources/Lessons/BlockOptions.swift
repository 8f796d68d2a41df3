/// How a code block is run, set by a `<!-- tutor: ... -->` comment just before it, on top
/// of page defaults from the front matter's `tutor:` mapping.
public struct BlockOptions: Hashable, Sendable {
  /// Show the block, never run it.
  public var skip: Bool
  /// Compare the output lines as a multiset: for processes whose order is not fixed.
  public var unordered: Bool
  /// How long the block may run before it fails.
  public var timeout: Duration?
  /// The shell printing profile (`lfe2`, `lfe1`, `classic`).
  public var profile: String?
  /// The file a source block is saved as.
  public var file: String?
  /// A source block is an exercise's starter: the learner edits it, the transcript
  /// after its solution grades it.
  public var exercise: Bool
  /// A hidden source block: the solution of the exercise before it.
  public var solution: Bool
  /// The author's hints for the block's steps, shown one at a time, in order.
  public var hints: [String]
  /// After the learner's answer passes, show a sequence diagram of what the processes did.
  public var trace: Bool = false

  public init(
    skip: Bool = false, unordered: Bool = false, timeout: Duration? = nil, profile: String? = nil,
    file: String? = nil, exercise: Bool = false, solution: Bool = false, hints: [String] = []
  ) {
    self.skip = skip
    self.unordered = unordered
    self.timeout = timeout
    self.profile = profile
    self.file = file
    self.exercise = exercise
    self.solution = solution
    self.hints = hints
  }

  /// Whether nothing is set.
  public var isEmpty: Bool { self == BlockOptions() }

  /// The timeout in seconds, for reports and JSON.
  public var timeoutSeconds: Double? {
    guard let timeout else { return nil }
    let parts = timeout.components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
  }

  /// Reads a duration as authors write it: `5s`, `500ms`, `2m`, or plain seconds.
  public static func parseDuration(_ text: String) -> Duration? {
    let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("", 1)]
    for unit in units where text.hasSuffix(unit.suffix) {
      guard let number = Double(text.dropLast(unit.suffix.count)), number >= 0 else { continue }
      let milliseconds = (number * unit.seconds * 1000).rounded()
      // Past Int64 the conversion would trap; no lesson needs a timeout of that many years.
      guard milliseconds < 1e15 else { return nil }
      return .milliseconds(Int64(milliseconds))
    }
    return nil
  }
}

extension BlockOptions: CustomStringConvertible {
  /// The options as a `tutor:` comment would set them: `skip timeout=5s file=ring.lfe`.
  public var description: String {
    var words: [String] = []
    if skip { words.append("skip") }
    if unordered { words.append("unordered") }
    if let seconds = timeoutSeconds {
      if seconds == seconds.rounded() {
        words.append("timeout=\(Int(seconds))s")
      } else {
        words.append("timeout=\(Int((seconds * 1000).rounded()))ms")
      }
    }
    if let profile { words.append("profile=\(profile)") }
    if let file { words.append("file=\(file)") }
    if exercise { words.append("exercise") }
    if solution { words.append("solution") }
    for hint in hints { words.append("hint \"\(hint)\"") }
    if trace { words.append("trace") }
    return words.joined(separator: " ")
  }
}
