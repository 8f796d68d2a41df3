/// What a map keeps about itself once ordering or hashing has worked it out: maps nested
/// in map keys are sorted and hashed innermost first, on a work list, and each result
/// kept, so that sorting or hashing a map never sorts or hashes another from inside (a
/// host recursion as deep as the nesting, and repeated work when maps are shared).
///
/// A map never changes once built and a runtime's terms stay on its thread, so filling
/// the caches late is safe. A separate object, made only for the few maps that need it,
/// keeps every other map as small as it was.
final class MapCaches {
  /// The entries in key order (`MapBox.sortedEntries`), kept only for maps whose keys
  /// hold maps, or that sit inside such keys.
  private(set) var sorted: [(key: Term, value: Term)]?
  /// A hash of the entries that does not depend on their order (`MapBox.contentHash`).
  var hash: Int?

  /// The object: its header, the array's pointer, the optional hash.
  private static let size = HeapAccount.header + 32

  init() { HeapAccount.charge(Self.size) }

  func setSorted(_ entries: [(key: Term, value: Term)]) {
    sorted = entries
    HeapAccount.charge(Self.arraySize(entries.count))
  }

  /// An array of `count` pairs of terms: its header and the pairs.
  private static func arraySize(_ count: Int) -> Int { 32 + 32 * count }

  deinit { HeapAccount.credit(Self.size + (sorted.map { Self.arraySize($0.count) } ?? 0)) }
}
