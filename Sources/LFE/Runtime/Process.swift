/// A call frame: which function runs, where it resumes, and where its registers start.
struct Frame {
  var function: Unmanaged<FunctionCode>
  /// Where the caller resumes when this frame returns.
  var returnPC: Int32
  /// First register of this frame's window in the process's register stack.
  var base: Int32
  /// Absolute register in the caller's window that receives the result.
  var dest: Int32
}

/// An active `try`: where to go and what to restore when an exception arrives.
struct Handler {
  var frameCount: Int32
  var target: Int32
  /// Absolute register that receives `#(class reason stack)`.
  var register: Int32
}

/// What a process is doing, from the scheduler's point of view.
enum ProcessStatus: UInt8 {
  case runnable, waiting, exited
}

/// A lightweight process: an explicit register stack and frame stack (never the host's),
/// a mailbox, and its links. The VM suspends a process by leaving its state here and
/// resumes it from `pc` later.
final class Process {
  // Fields are ordered and sized so that they pack: an idle process is mostly this
  // object, and a program may hold a million of them.
  let pid: Pid
  /// Where to resume in the top frame's function.
  var pc: Int32 = 0
  var status: ProcessStatus = .runnable
  /// Whether the process sits in the run queue now.
  var queued = false
  /// The shell's evaluator: between forms it idles, deaf to messages until the next form.
  var isEvaluator = false
  var parked = false
  /// Dead and out of the process table while still in the run queue: the scheduler
  /// drops the last reference when it pops it.
  var releaseWhenDequeued = false
  var trapExit = false
  private var hasDeadline = false

  // Registers: initialised `Term`s, `registerCapacity` of them.
  var registers: UnsafeMutablePointer<Term>
  var frames: UnsafeMutablePointer<Frame>
  private var registerCapacity32: Int32
  private var frameCount32: Int32 = 0
  private var frameCapacity32: Int32
  /// Pattern-match position to resume at after a timeout.
  var timeoutTarget: Int32 = 0
  var resumeTarget: Int32 = 0
  /// The register holding an uncounted look at a message while a receive matches it
  /// (see `peekMessage`), or -1.
  var borrowedRegister: Int32 = -1

  /// Clears the register a receive borrowed a message into, if any: the message is the
  /// mailbox's, and whatever frees the registers next must not free it too. (A process
  /// can stop inside a receive: its slice can end in a guard, or another process can
  /// kill it there.)
  func forgetBorrowedLook() {
    if borrowedRegister >= 0 {
      TermMemory.forget(registers + Int(borrowedRegister))
      borrowedRegister = -1
    }
  }
  private var initialModule: Atom
  private var initialFunction: Atom
  private var initialArity: Int32

  // Always inlined: every call and return reads or writes them.
  var registerCapacity: Int {
    @inline(__always) get { Int(registerCapacity32) }
    @inline(__always) set { registerCapacity32 = Int32(truncatingIfNeeded: newValue) }
  }
  var frameCount: Int {
    @inline(__always) get { Int(frameCount32) }
    @inline(__always) set { frameCount32 = Int32(truncatingIfNeeded: newValue) }
  }
  var frameCapacity: Int {
    @inline(__always) get { Int(frameCapacity32) }
    @inline(__always) set { frameCapacity32 = Int32(truncatingIfNeeded: newValue) }
  }

  var mailbox: Mailbox
  /// When a `receive ... after` waits: the clock time at which it times out.
  var deadline: Int64? {
    get { hasDeadline ? deadlineTime : nil }
    set {
      hasDeadline = newValue != nil
      deadlineTime = newValue ?? 0
    }
  }
  private var deadlineTime: Int64 = 0
  var reductions: Int = 0
  /// Links, monitors, names and the exit record: most processes never have any, so
  /// they live in a separate object made on first use (a waiting process stays small).
  private var extras: ProcessExtras? = nil

  private var ensureExtras: ProcessExtras {
    if let extras { return extras }
    let e = ProcessExtras()
    extras = e
    return e
  }

  /// Active `try`s, innermost last.
  var handlers: [Handler] {
    get { extras?.handlers ?? [] }
    set { ensureExtras.handlers = newValue }
    _modify { yield &ensureExtras.handlers }
  }
  /// Whether the process has links or monitors that its exit must be told to.
  var hasRelations: Bool {
    guard let extras else { return false }
    return !extras.links.isEmpty || !extras.monitors.isEmpty || !extras.monitoredBy.isEmpty
  }

  var links: Set<Pid> {
    get { extras?.links ?? [] }
    set { ensureExtras.links = newValue }
    // In place: a process with many links must not copy its set on every change.
    _modify { yield &ensureExtras.links }
  }
  /// Monitors this process holds on others (ref -> target).
  var monitors: [Ref: Pid] {
    get { extras?.monitors ?? [:] }
    set { ensureExtras.monitors = newValue }
    // In place: a process with many links must not copy its set on every change.
    _modify { yield &ensureExtras.monitors }
  }
  /// Monitors others hold on this process (ref -> watcher).
  var monitoredBy: [Ref: Pid] {
    get { extras?.monitoredBy ?? [:] }
    set { ensureExtras.monitoredBy = newValue }
    // In place: a process with many links must not copy its set on every change.
    _modify { yield &ensureExtras.monitoredBy }
  }
  /// Monitors on this process that were taken on its registered name.
  var monitoredByName: [Ref: Atom] {
    get { extras?.monitoredByName ?? [:] }
    set { ensureExtras.monitoredByName = newValue }
    // In place: a process with many links must not copy its set on every change.
    _modify { yield &ensureExtras.monitoredByName }
  }
  var registeredName: Atom? {
    get { extras?.registeredName }
    set { if newValue != nil || extras != nil { ensureExtras.registeredName = newValue } }
  }
  /// Why it ended, once it has.
  var exitReason: Term {
    get { extras?.exitReason ?? .atom(.normal) }
    set {
      // A normal exit, the usual one, needs no record of its own.
      if extras == nil, case .atom(.normal) = newValue { return }
      ensureExtras.exitReason = newValue
    }
  }
  /// The value the entry function returned (the shell reads it from its evaluator).
  var result: Term {
    get { extras?.result ?? .empty }
    set { ensureExtras.result = newValue }
  }
  /// The exception that ended it, if one did, with its class and stack.
  var exception: Exception? {
    get { extras?.exception }
    set { if newValue != nil || extras != nil { ensureExtras.exception = newValue } }
  }
  /// The function it started in, for `i` and error reports.
  var initialCall: (Atom, Atom, Int) {
    get { (initialModule, initialFunction, Int(initialArity)) }
    set {
      initialModule = newValue.0
      initialFunction = newValue.1
      initialArity = Int32(newValue.2)
    }
  }
  init(pid: Pid, entry: FunctionCode, arguments: UnsafeBufferPointer<Term>, initialCall: (Atom, Atom, Int)) {
    self.pid = pid
    initialModule = initialCall.0
    initialFunction = initialCall.1
    initialArity = Int32(initialCall.2)
    let need = max(entry.frameSize, arguments.count, 1)
    // One block holds the first frame, the first mailbox slot and the first register
    // window: a new process costs one allocation besides itself.
    let block = RawMemory.allocate(
      UInt8.self, capacity: Process.firstFrameBytes + 16 + 16 * need, alsoCounting: HeapAccount.process)
    self.block = block
    let slot = UnsafeMutableRawPointer(block + Process.firstFrameBytes).bindMemory(to: Term.self, capacity: 1)
    TermMemory.initializeEmpty(slot, count: 1)
    mailbox = Mailbox(firstSlot: slot)
    frames = UnsafeMutableRawPointer(block).bindMemory(to: Frame.self, capacity: 1)
    frames.initialize(
      to: Frame(function: Unmanaged.passUnretained(entry), returnPC: -1, base: 0, dest: -1))
    frameCapacity32 = 1
    frameCount32 = 1
    registers = UnsafeMutableRawPointer(block + Process.firstFrameBytes + 16).bindMemory(
      to: Term.self, capacity: need)
    registerCapacity32 = Int32(need)
    TermMemory.initializeEmpty(registers, count: need)
    for i in 0..<arguments.count { TermMemory.assign(registers + i, from: arguments.baseAddress! + i) }
  }

  /// Bytes of the first block before the mailbox slot: room for one frame.
  private static let firstFrameBytes = MemoryLayout<Frame>.stride

  /// The first block; the stacks move out of it when they grow.
  private let block: UnsafeMutablePointer<UInt8>

  private var registersInBlock: Bool {
    Int(bitPattern: registers) == Int(bitPattern: block) + Process.firstFrameBytes + 16
  }
  private var framesInBlock: Bool { Int(bitPattern: frames) == Int(bitPattern: block) }

  deinit {
    forgetBorrowedLook()
    // The mailbox may still use its first slot in the block: empty it before the block
    // goes (its own deinit runs only after this one).
    mailbox.clear()
    TermMemory.deinitialize(registers, count: registerCapacity)
    if !registersInBlock { RawMemory.deallocate(registers) }
    // Frames hold no references (functions are unmanaged), so they need no destroying.
    if !framesInBlock { RawMemory.deallocate(frames) }
    RawMemory.deallocate(block)
  }

  /// The register capacity `growRegisters(to: count)` makes: doubled until it holds them.
  func grownRegisterCapacity(toHold count: Int) -> Int {
    var cap = max(registerCapacity * 2, 1)
    while cap < count { cap *= 2 }
    return cap
  }

  /// Makes room for `count` registers; returns the (possibly moved) register base.
  @inline(never)
  func growRegisters(to count: Int) {
    let cap = grownRegisterCapacity(toHold: count)
    let fresh = RawMemory.allocate(Term.self, capacity: cap)
    fresh.moveInitialize(from: registers, count: registerCapacity)
    TermMemory.initializeEmpty(fresh + registerCapacity, count: cap - registerCapacity)
    if !registersInBlock { RawMemory.deallocate(registers) }
    registers = fresh
    registerCapacity = cap
  }

  @inline(never)
  func growFrames() {
    let cap = frameCapacity * 2
    let fresh = RawMemory.allocate(Frame.self, capacity: cap)
    fresh.moveInitialize(from: frames, count: frameCapacity)
    (fresh + frameCapacity).initialize(repeating: fresh[0], count: cap - frameCapacity)
    if !framesInBlock { RawMemory.deallocate(frames) }
    frames = fresh
    frameCapacity = cap
  }

  /// Replaces the register stack with a small one (only between evaluations, when no
  /// frame uses it).
  func shrinkRegisters(to count: Int) {
    forgetBorrowedLook()
    TermMemory.deinitialize(registers, count: registerCapacity)
    if !registersInBlock { RawMemory.deallocate(registers) }
    registers = RawMemory.allocate(Term.self, capacity: count)
    TermMemory.initializeEmpty(registers, count: count)
    registerCapacity = count
  }

  /// Replaces the frame stack with a small one (only between evaluations).
  func shrinkFrames() {
    let first = frames[0]
    if !framesInBlock { RawMemory.deallocate(frames) }
    frameCapacity = 4
    frames = RawMemory.allocate(Frame.self, capacity: frameCapacity)
    frames.initialize(repeating: first, count: frameCapacity)
  }

  /// Drops everything the process holds once it has exited, so a dead process costs
  /// only its table slot until it is removed.
  func releaseState() {
    forgetBorrowedLook()
    TermMemory.deinitialize(registers, count: registerCapacity)
    // Nothing runs in a dead process: its registers count as none from now on.
    registerCapacity = 0
    mailbox.clear()
    if extras != nil { handlers = [] }
    extras?.result = .empty
  }
}

/// The rarely used parts of a process.
final class ProcessExtras {
  var handlers: [Handler] = []
  var links: Set<Pid> = []
  var monitors: [Ref: Pid] = [:]
  var monitoredBy: [Ref: Pid] = [:]
  var monitoredByName: [Ref: Atom] = [:]
  var registeredName: Atom? = nil
  var exitReason: Term = .atom(.normal)
  var result: Term = .empty
  var exception: Exception? = nil
}
