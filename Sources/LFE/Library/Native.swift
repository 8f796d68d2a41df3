/// Functions written in Swift and called from LFE (`erlang:length/1`, `lists:reverse/1`, ...).
///
/// A native function gets its arguments as a buffer into the caller's registers (no
/// array is made per call) and a context for what it may touch: the atom table and the
/// output of the calling process. Natives that must suspend, call back into LFE or touch
/// other processes (`spawn`, `!`, `receive`, `apply`, `lists:map`) are not natives:
/// the VM handles those itself, or the prelude writes them in LFE.
public typealias NativeBody = (borrowing NativeContext, UnsafeBufferPointer<Term>) throws(Exception) -> Term

/// What a native function may use. The runtime keeps one and lends it to every call.
public struct NativeContext: ~Copyable {
  public let atoms: AtomTable
  let sink: OutputSink

  public init(atoms: AtomTable, sink: OutputSink) {
    self.atoms = atoms
    self.sink = sink
  }

  /// Prints text as the calling process (io:format and friends). Past the output
  /// limit the caller dies of it: a process printing in a loop stops there.
  public func write(_ text: String) throws(Exception) {
    sink.write(text)
    if sink.overflowed {
      throw Exception.limitReached("more than \(sink.limit) bytes of output in one step (Limits.outputBytes)")
    }
  }

  @inlinable public func atom(_ name: String) -> Atom { atoms.intern(name) }
}

/// A native function's identity and body.
public struct NativeFunction {
  public let module: String
  public let name: String
  public let arity: Int
  public let body: NativeBody

  public init(_ module: String, _ name: String, _ arity: Int, _ body: @escaping NativeBody) {
    self.module = module
    self.name = name
    self.arity = arity
    self.body = body
  }
}

/// Every library module contributes its natives through one of these lists; the runtime
/// registers them all at start. Add a module by adding its list to `NativeLibrary.all`.
public enum NativeLibrary {
  /// The most elements one built-in may make at once. Beyond it the call raises
  /// `system_limit` instead of asking the host for more memory than it has.
  public static let maxElements = 1 << 26

  /// `n`, when a built-in may make that many elements: within `maxElements`, and with
  /// room for them (`bytesEach`, by default a list cell and its slot in the array it is
  /// built from) under the runtime's `Limits.heapBytes`, asked before building.
  static func checkedSize(_ n: Int, bytesEach: Int = HeapAccount.cell + 16) throws(Exception) -> Int {
    guard n <= maxElements else { throw Exception.error(.atom(.systemLimit)) }
    try HeapAccount.reserve(n * bytesEach)
    return n
  }

  public static var all: [NativeFunction] {
    var fs: [NativeFunction] = []
    for group in groups { fs += group() }
    return fs
  }

  /// Each library file has its own `static func natives() -> [NativeFunction]`, listed here.
  static var groups: [() -> [NativeFunction]] {
    [
      ErlangNatives.natives, ListsNatives.natives, StringNatives.natives, MathNatives.natives,
      MapsNatives.natives,
      IONatives.natives, ControlNatives.natives, BinaryNatives.natives, OldHash.natives,
    ]
  }
}
