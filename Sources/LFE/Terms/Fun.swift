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

  public init(code: FunctionCode, captured: [Term]) {
    self.code = code
    localCode = .passUnretained(code)
    arity = code.arity
    captureCount = captured.count
    externalName = (.erlang, .erlang)
    if captured.isEmpty {
      capturedBase = nil
    } else {
      let buffer = RawMemory.allocate(Term.self, capacity: captured.count)
      buffer.initialize(from: captured, count: captured.count)
      capturedBase = buffer
    }
  }

  /// A local fun closing over the `code.captureCount` values at `values` (copied).
  init(code: FunctionCode, capturing values: UnsafePointer<Term>) {
    self.code = code
    localCode = .passUnretained(code)
    arity = code.arity
    let n = code.captureCount
    captureCount = n
    externalName = (.erlang, .erlang)
    if n == 0 {
      capturedBase = nil
    } else {
      let buffer = RawMemory.allocate(Term.self, capacity: n)
      for i in 0..<n { TermMemory.initialize(buffer + i, from: values + i) }
      capturedBase = buffer
    }
  }

  public init(module: Atom, function: Atom, arity: Int) {
    code = nil
    localCode = nil
    capturedBase = nil
    captureCount = 0
    externalName = (module, function)
    self.arity = arity
  }

  deinit {
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
