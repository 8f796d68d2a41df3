/// Bounds that keep LFE code from harming the host. Each one, when crossed, ends the
/// offending work with a clear LFE error instead of crashing or hanging the program.
public struct Limits: Sendable {
  /// Reductions (function calls and loop steps) one shell step may run, all processes together.
  public var reductionsPerStep: Int = 2_000_000_000
  /// Processes alive at once. Reaching it during a shell step ends the step and every
  /// process the step started.
  public var processes: Int = 2_000_000
  /// Bytes the whole program may hold in RAM (its resident size: processes' heaps,
  /// stacks and mailboxes, the atom table, everything), or nil for no bound. Looked at
  /// every `Runtime.reductionsPerMemoryCheck` reductions, out of the VM's loop; past it
  /// the shell step ends with every process it started. Only measured on Linux.
  public var memoryBytes: Int? = 4 << 30
  /// Bytes the runtime's terms and processes may hold, all together (`HeapAccount`):
  /// every process's stacks, registers and mailbox, every list, tuple, map, binary,
  /// bignum and fun, and the atom table; or nil for no bound. Stacks that grow past it
  /// and built-ins that would build past it fail with `system_limit`, and the scheduler
  /// looks at it as often as at `memoryBytes`; reaching it ends the shell step with
  /// every process the step started.
  public var heapBytes: Int? = 2 << 30
  /// Messages waiting in one mailbox.
  public var mailboxLength: Int = 5_000_000
  /// Frames on one process's call stack (deep non-tail recursion).
  public var callDepth: Int = 4_000_000
  /// Registers one process may use, a proxy for its heap.
  public var registers: Int = 64_000_000
  /// Bytes of output one step may print.
  public var outputBytes: Int = 4 << 20
  /// Milliseconds of virtual time one step may advance through timeouts.
  public var virtualMillisecondsPerStep: Int64 = 3_600_000
  /// Milliseconds of the host's own time one step may take, or nil for no bound. Checked
  /// between time slices, so a step ends within a slice of it; one native call (a huge
  /// bignum product, say) is not cut short.
  public var wallMillisecondsPerStep: Int? = nil
  /// User macro calls one shell form or one module may expand, all told.
  public var macroExpansions: Int = 100_000
  /// Atoms in the runtime's table; running code that would make more gets `system_limit`.
  public var atoms: Int = 1_048_576
  /// User macro calls inside the code other macro calls expanded to, one within the
  /// next: each level holds host stack while the compiler works on it.
  public var macroExpansionDepth: Int = 1_000

  public init() {}
}
