#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How much host stack the current thread has left.
///
/// The compiler and the macro expander walk code recursively, and how many host frames a
/// level of nesting costs differs by build (a debug build's frames are several times a
/// release build's) and by thread (8 MB on the main thread, more on the course runners').
/// Asking the stack itself bounds the recursion on every build and thread, where a fixed
/// nesting count would be either too small or unsafe.
enum StackSpace {
  /// Room kept free below the deepest recursion allowed: enough for a macro's function to
  /// run the interpreter, and for the error to be built and printed.
  static let reserve = 512 << 10

  /// Whether the current thread has more than `reserve` bytes of stack left. True when
  /// the bounds are unknown.
  static var hasRoom: Bool { hasRoom(keeping: reserve) }

  /// Whether the current thread has more than `bytes` of stack left. True when the bounds
  /// are unknown.
  static func hasRoom(keeping bytes: Int) -> Bool {
    guard let low = lowEnd() else { return true }
    var probe: UInt8 = 0
    var here = withUnsafeMutablePointer(to: &probe) { UInt(bitPattern: $0) }
    if let sanitizer = addressSanitizer, let fake = sanitizer.currentFakeStack(),
      let real = sanitizer.realFrame(fake, UnsafeMutableRawPointer(bitPattern: here), nil, nil)
    {
      here = UInt(bitPattern: real)
    }
    return here > low && here - low > UInt(bytes)
  }

  /// AddressSanitizer may put a function's locals on a "fake stack" on the heap (to catch
  /// use after return), where the probe's address says nothing about the thread's stack;
  /// its runtime maps a fake frame back to the real one. Nil in a build without it.
  private typealias CurrentFakeStack = @convention(c) () -> UnsafeMutableRawPointer?
  private typealias Slot = UnsafeMutablePointer<UnsafeMutableRawPointer?>
  private typealias RealFrame =
    @convention(c) (UnsafeMutableRawPointer, UnsafeMutableRawPointer?, Slot?, Slot?) ->
    UnsafeMutableRawPointer?

  private static let addressSanitizer: (currentFakeStack: CurrentFakeStack, realFrame: RealFrame)? = {
    guard let current = dlsym(nil, "__asan_get_current_fake_stack"),
      let real = dlsym(nil, "__asan_addr_is_in_fake_stack")
    else { return nil }
    return (unsafeBitCast(current, to: CurrentFakeStack.self), unsafeBitCast(real, to: RealFrame.self))
  }()

  /// Each thread's lowest stack address, found once (finding it can read /proc) and kept
  /// in a thread-specific slot; zero in the slot means unknown.
  private static let key: pthread_key_t? = {
    var k = pthread_key_t()
    return pthread_key_create(&k, nil) == 0 ? k : nil
  }()

  private static func lowEnd() -> UInt? {
    guard let key else { return nil }
    if let stored = pthread_getspecific(key) {
      let v = UInt(bitPattern: stored)
      return v == 1 ? nil : v
    }
    let found = findLowEnd()
    pthread_setspecific(key, UnsafeRawPointer(bitPattern: found ?? 1))
    return found
  }

  private static func findLowEnd() -> UInt? {
    #if canImport(Glibc)
      // A GNU extension the Glibc module leaves out; the C library has it.
      typealias GetAttr = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
      guard let symbol = dlsym(nil, "pthread_getattr_np") else { return nil }
      let getAttr = unsafeBitCast(symbol, to: GetAttr.self)
      var attr = pthread_attr_t()
      guard getAttr(pthread_self(), &attr) == 0 else { return nil }
      defer { pthread_attr_destroy(&attr) }
      var address: UnsafeMutableRawPointer? = nil
      var size = 0
      guard pthread_attr_getstack(&attr, &address, &size) == 0, let address else { return nil }
      return UInt(bitPattern: address)
    #elseif canImport(Darwin)
      let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
      return top - UInt(pthread_get_stacksize_np(pthread_self()))
    #else
      return nil
    #endif
  }
}
