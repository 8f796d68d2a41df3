import Foundation
import LFE

/// Ctrl-C while an evaluation runs: the handler only sets a flag, which the runtime
/// reads between time slices and answers by stopping the evaluation.
enum Interrupts {
  /// Runs `body` with Ctrl-C stopping it instead of ending the program.
  static func during<T>(_ body: () -> T) -> T {
    interruptRequested = 0
    let previous = signal(SIGINT) { _ in interruptRequested = 1 }
    defer { signal(SIGINT, previous) }
    return body()
  }

  /// Installs the flag's reader on a runtime: true once after each Ctrl-C.
  static func watch(_ runtime: Runtime) {
    runtime.interrupted = {
      guard interruptRequested != 0 else { return false }
      interruptRequested = 0
      return true
    }
  }
}

/// Written by the SIGINT handler; a handler may only touch plain global state.
nonisolated(unsafe) private var interruptRequested: sig_atomic_t = 0
