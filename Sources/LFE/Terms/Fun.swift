/// A function value: compiled code with the values it closed over, or a reference to
/// an exported function (`(fun m f 2)`), resolved when called.
///
/// A call reads the code and the captured values through `localCode` and
/// `capturedBase`, plain words, so calling a fun counts no reference to it, its code or
/// its captures; `code` holds the counted reference that keeps the code alive.
public final class Fun: @unchecked Sendable {
  public enum Target {
    case local(FunctionCode, captured: [Term])
    case external(module: Atom, function: Atom, arity: Int)
  }

  /// The arity the fun accepts.
  public let arity: Int
  /// The compiled code of a local fun; nil for an external one.
  public let code: FunctionCode?
  /// `code`, uncounted, for the VM.
  let localCode: Unmanaged<FunctionCode>?
  /// The captured values, in their own buffer (nil when there are none).
  let capturedBase: UnsafeMutablePointer<Term>?
  let captureCount: Int
  /// The function an external fun names (unused for a local one).
  let externalName: (module: Atom, function: Atom)

  public convenience init(code: FunctionCode, captured: [Term]) {
    self.init(code: code, captured: captured.withUnsafeBufferPointer { Fun.copy($0) }, count: captured.count)
  }

  /// A local fun closing over the `code.captureCount` values at `values` (copied).
  convenience init(code: FunctionCode, capturing values: UnsafePointer<Term>) {
    let n = code.captureCount
    self.init(code: code, captured: Fun.copy(UnsafeBufferPointer(start: values, count: n)), count: n)
  }

  private init(code: FunctionCode, captured: UnsafeMutablePointer<Term>?, count: Int) {
    self.code = code
    localCode = .passUnretained(code)
    arity = code.arity
    capturedBase = captured
    captureCount = count
    externalName = (.erlang, .erlang)
    HeapAccount.charge(HeapAccount.fun)
  }

  /// The values in their own buffer, counted once more; nil for none.
  private static func copy(_ values: UnsafeBufferPointer<Term>) -> UnsafeMutablePointer<Term>? {
    guard let from = values.baseAddress, values.count > 0 else { return nil }
    let buffer = RawMemory.allocate(Term.self, capacity: values.count)
    for i in 0..<values.count { TermMemory.initialize(buffer + i, from: from + i) }
    return buffer
  }

  public init(module: Atom, function: Atom, arity: Int) {
    code = nil
    localCode = nil
    capturedBase = nil
    captureCount = 0
    externalName = (module, function)
    self.arity = arity
    HeapAccount.charge(HeapAccount.fun)
  }

  deinit {
    HeapAccount.credit(HeapAccount.fun)
    guard let capturedBase else { return }
    // A chain of closures capturing closures would otherwise free itself recursively.
    DropQueue.release(capturedBase, count: captureCount)
    RawMemory.deallocate(capturedBase)
  }

  /// The values closed over, in order.
  public var captured: [Term] {
    guard let capturedBase else { return [] }
    return Array(UnsafeBufferPointer(start: capturedBase, count: captureCount))
  }

  public var target: Target {
    if let code { return .local(code, captured: captured) }
    return .external(module: externalName.module, function: externalName.function, arity: arity)
  }
}
