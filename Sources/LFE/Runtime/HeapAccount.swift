import BigInt
import CThreadLocal

/// The memory a runtime's terms and processes hold, counted as it is made and freed.
///
/// Every box (list cell, tuple, bignum, binary, map, fun), every process with its
/// stacks and mailbox, and every atom name adds its size when made and takes it back
/// when freed. A runtime's terms never leave the thread that runs it, so the count is
/// kept per thread (a C thread-local), and what a thread holds is what its runtime
/// holds. `Limits.heapBytes` bounds it: the scheduler looks at it between
/// slices, and stacks that grow and built-ins that build large terms ask first.
///
/// Box sizes are what the allocator hands out for each (header, fields and buffers),
/// worked out from the layout rather than asked of `malloc`: cells and tuples are made
/// and freed by the million, and the same figure must come back at the free.
enum HeapAccount {
  @inline(__always)
  static func charge(_ bytes: Int) { tutor_heap_add(Int64(bytes)) }

  @inline(__always)
  static func credit(_ bytes: Int) { tutor_heap_add(-Int64(bytes)) }

  /// What this thread holds now.
  static var bytes: Int { Int(tutor_heap_held()) }

  /// The bound the runtime running on this thread set (`Int.max` for none).
  static var limit: Int {
    get { Int(tutor_heap_bound()) }
    set { tutor_heap_set_bound(Int64(newValue)) }
  }

  /// Room for `bytes` more under the running runtime's bound, or `system_limit` with
  /// the limit's message: built-ins that make large terms ask before they build.
  static func reserve(_ bytes: Int) throws(Exception) {
    let limit = self.limit
    guard limit != Int.max else { return }
    let (total, overflow) = self.bytes.addingReportingOverflow(bytes)
    if overflow || total > limit { throw Exception.limitReached(exceededMessage(limit)) }
  }

  static func exceededMessage(_ limit: Int) -> String {
    "the runtime's processes and terms hold more than \(limit >> 20) MB (Limits.heapBytes)"
  }

  /// Object header: the type and the reference counts.
  static let header = 16
  /// A list cell: the header, head and tail.
  static let cell = header + 32
  /// A tuple of `count` elements: the header, the count, then the elements from a
  /// 16-byte boundary.
  @inline(__always)
  static func tuple(_ count: Int) -> Int { header + 16 + 16 &* count }
  /// A fun: the header and its fields (its captured values are a counted buffer).
  static let fun = header + 64
  /// A process: its object (its first block, stacks and mailbox are counted buffers).
  static let process = 512
  /// A bignum: its box, and its words in an array of their own.
  static func bignum(_ value: BigInt) -> Int { 2 * header + 32 + (value.magnitude.bitWidth + 63) / 64 * 8 }
  /// A binary: its box, and its bytes in an array of their own.
  static func binary(_ count: Int) -> Int { 2 * header + 32 + count }
  /// A map: its box, and a hash table of `capacity` entries (none for the empty one).
  static func map(_ capacity: Int) -> Int { 2 * header + (capacity == 0 ? 0 : 64 + 33 * capacity) }
  /// An atom: its name, held twice (by number and by name), and the table's entries.
  static func atom(_ name: String) -> Int { 2 * (32 + name.utf8.count) + 48 }
}
