#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Buffers for registers, frames, mailboxes and tables, straight from `malloc`.
///
/// Swift's `UnsafeMutablePointer.allocate` asks its runtime for an aligned block, which
/// on Linux is `posix_memalign`: several times slower than `malloc` for the small blocks
/// a program that spawns a million processes makes and frees by the million. `malloc`
/// already aligns to 16 bytes, more than any of these types needs.
///
/// Every buffer is counted in the thread's `HeapAccount`. Its counted size sits in the
/// 16 bytes before it (keeping the 16-byte alignment), so a free takes back exactly
/// what was counted without the caller knowing the size.
enum RawMemory {
  /// A counted buffer; `alsoCounting` adds bytes held elsewhere for as long as this
  /// buffer lives (a process counts its own object with its first block).
  @inline(__always)
  static func allocate<T>(_: T.Type, capacity: Int, alsoCounting extra: Int = 0) -> UnsafeMutablePointer<T> {
    precondition(MemoryLayout<T>.alignment <= 16)
    let bytes = max(1, MemoryLayout<T>.stride * capacity) + 16
    guard let raw = malloc(bytes) else { fatalError("out of memory") }
    let counted = bytes + extra
    raw.storeBytes(of: counted, as: Int.self)
    HeapAccount.charge(counted)
    return (raw + 16).bindMemory(to: T.self, capacity: capacity)
  }

  /// Frees a buffer from `allocate`; its elements must already be deinitialised.
  @inline(__always)
  static func deallocate<T>(_ p: UnsafeMutablePointer<T>) {
    let raw = UnsafeMutableRawPointer(p) - 16
    HeapAccount.credit(raw.load(as: Int.self))
    free(raw)
  }

  /// A buffer that is not counted (the thread's own bookkeeping).
  @inline(__always)
  static func uncounted<T>(_: T.Type, capacity: Int) -> UnsafeMutablePointer<T> {
    precondition(MemoryLayout<T>.alignment <= 16)
    guard let raw = malloc(max(1, MemoryLayout<T>.stride * capacity)) else {
      fatalError("out of memory")
    }
    return raw.bindMemory(to: T.self, capacity: capacity)
  }

  @inline(__always)
  static func freeUncounted<T>(_ p: UnsafeMutablePointer<T>) {
    free(UnsafeMutableRawPointer(p))
  }
}
