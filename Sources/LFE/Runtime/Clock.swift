#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The runtime's time, in milliseconds. Virtual when checking pages: it stands still
/// while anything can run and jumps to the next timeout when every process waits, so
/// `after 1000` costs nothing and every run is the same. Real in the shell.
public enum ClockMode: Sendable {
  case virtual, real
}

struct Clock {
  let mode: ClockMode
  private var virtualNow: Int64 = 0
  private let origin: Int64

  init(mode: ClockMode) {
    self.mode = mode
    origin = Clock.hostMilliseconds()
  }

  var now: Int64 {
    switch mode {
    case .virtual: return virtualNow
    case .real: return Clock.hostMilliseconds() - origin
    }
  }

  /// Moves virtual time forward to `t`; in real mode, sleeps until then.
  mutating func advance(to t: Int64) {
    switch mode {
    case .virtual:
      if t > virtualNow { virtualNow = t }
    case .real:
      let wait = t - now
      if wait > 0 { usleep(UInt32(min(wait, 100) * 1000)) }
    }
  }

  /// The host's date and time as OTP's error reports show it: `25-Nov-2026::01:31:25.361570`.
  static func wallClockStamp() -> String {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    var t = time_t(ts.tv_sec)
    var parts = tm()
    localtime_r(&t, &parts)
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let micros = String(Int(ts.tv_nsec) / 1000)
    let padded = String(repeating: "0", count: max(0, 6 - micros.count)) + micros
    return "\(two(parts.tm_mday))-\(months[Int(parts.tm_mon)])-\(parts.tm_year + 1900)::"
      + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(padded)"
  }

  static func hostMilliseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
  }
}
