/// One share of a run's courses, for CI matrices: `--shard 2/4` runs the courses whose
/// path hashes to the second of four buckets.
///
/// The hash is 64-bit FNV-1a over the UTF-8 bytes of the course's directory path as the
/// run names it (`lessons/processes`, with any `./` in front and `/` at the end taken
/// off), so a course lands in the same shard on every machine and in every run, a course
/// is never split, and adding a course moves no other.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
  /// From 1 to `count`.
  public var index: Int
  public var count: Int

  public init?(index: Int, count: Int) {
    guard count >= 1, index >= 1, index <= count else { return nil }
    self.index = index
    self.count = count
  }

  /// `I/N`, as `--shard` takes it; nil when it is not that.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
    self.init(index: index, count: count)
  }

  public var description: String { "\(index)/\(count)" }

  /// Whether the course at this path belongs to this shard.
  public func includes(coursePath: String) -> Bool {
    Int(Self.pathHash(Self.normalized(coursePath)) % UInt64(count)) == index - 1
  }

  static func normalized(_ path: String) -> String {
    var text = Substring(path)
    while text.hasPrefix("./") { text = text.dropFirst(2) }
    while text.count > 1 && text.hasSuffix("/") { text = text.dropLast() }
    return String(text)
  }

  /// 64-bit FNV-1a of the text's UTF-8 bytes.
  public static func pathHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }
}
