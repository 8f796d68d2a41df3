#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The memory the program holds in RAM, as the system counts it: everything the
/// runtimes' processes hold (heaps, stacks, mailboxes, atoms) shows up in it, whatever
/// allocator the program is linked with.
enum ResidentMemory {
  /// Resident bytes, or nil where the system does not tell (only Linux's
  /// `/proc/self/statm` is read; elsewhere the memory limit is not checked).
  static func bytes() -> Int? {
    #if os(Linux)
      let fd = open("/proc/self/statm", O_RDONLY)
      if fd < 0 { return nil }
      defer { close(fd) }
      var buffer = (
        UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0)
      )
      let count = withUnsafeMutableBytes(of: &buffer) { read(fd, $0.baseAddress, $0.count) }
      if count <= 0 { return nil }
      // "size resident shared ...": the second number, in pages.
      let pages: Int? = withUnsafeBytes(of: &buffer) { raw in
        var field = 0
        var value = 0
        var digits = 0
        for byte in raw.prefix(count) {
          if byte == UInt8(ascii: " ") {
            if field == 1 { break }
            field += 1
          } else if field == 1, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            value = value &* 10 &+ Int(byte - UInt8(ascii: "0"))
            digits += 1
          }
        }
        return digits > 0 ? value : nil
      }
      guard let pages else { return nil }
      return pages &* Int(sysconf(Int32(_SC_PAGESIZE)))
    #else
      return nil
    #endif
  }

  /// Hands freed memory back to the system where the C library keeps it otherwise, so
  /// the resident size falls after a runtime ends processes that held a lot.
  static func giveBack() {
    #if os(Linux)
      // glibc's malloc_trim, looked up because its header is not in Swift's Glibc
      // module (and a program linked with another allocator may not have it).
      typealias Trim = @convention(c) (Int) -> Int32
      if let trim = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(trim, to: Trim.self)(0) }
    #endif
  }
}
