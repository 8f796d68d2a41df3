import CThreadLocal

/// A bound on the terms one printing visits.
///
/// Terms share their parts: a list holding the same list twice, forty levels deep, is a
/// few kilobytes that print as a trillion elements, and the pretty printers lay a term
/// out by printing parts of it more than once. Past the bound every printer writes
/// `...` for whatever is left, so a printing ends in seconds whatever it is given.
///
/// The running runtime sets the bound from its output limit (`Limits.outputBytes`),
/// well above what that limit lets through. The count is per thread, begun by the
/// outermost printing under way (the pretty printers call the plain ones inside), and
/// spent by `Printer.tooDeep` at every term.
enum PrintBudget {
  /// Terms one printing may visit, on this thread.
  static var nodes: Int {
    get { Int(tutor_print_get_bound()) }
    set { tutor_print_set_bound(Int64(newValue)) }
  }

  /// The bound for an output limit of `bytes`: sixteen terms a byte, and at least
  /// 65,536.
  static func nodes(forOutputBytes bytes: Int) -> Int {
    let (n, overflow) = bytes.multipliedReportingOverflow(by: 16)
    return overflow ? Int.max : max(1 << 16, n)
  }

  /// Runs one printing under the bound, or under the one already running.
  @inline(__always)
  static func bounded<T>(_ body: () -> T) -> T {
    tutor_print_begin()
    defer { tutor_print_end() }
    return body()
  }

  /// Counts one term printed; true when the printing is past its bound.
  @inline(__always)
  static func spent() -> Bool { tutor_print_spend() != 0 }
}
