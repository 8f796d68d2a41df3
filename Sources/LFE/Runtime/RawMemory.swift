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
enum RawMemory {
  @inline(__always)
  static func allocate<T>(_: T.Type, capacity: Int) -> UnsafeMutablePointer<T> {
    precondition(MemoryLayout<T>.alignment <= 16)
    guard let raw = malloc(max(1, MemoryLayout<T>.stride * capacity)) else {
      fatalError("out of memory")
    }
    return raw.bindMemory(to: T.self, capacity: capacity)
  }

  /// Frees a buffer from `allocate`; its elements must already be deinitialised.
  @inline(__always)
  static func deallocate<T>(_ p: UnsafeMutablePointer<T>) {
    free(UnsafeMutableRawPointer(p))
  }
}
