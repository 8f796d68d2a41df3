import LFE

/// Any control string through io_lib:format with a fixed set of arguments: text or
/// badarg, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormat(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let split = bytes.firstIndex(of: 0) ?? bytes.count
  let control = String(decoding: bytes[..<split], as: UTF8.self)
  let atoms = AtomTable()
  let pool: [Term] = [
    .int(42), .int(-7), .float(3.25), .atom(atoms.intern("hello world")), Term.string("abc"),
    .list([.int(1), .int(2)]), .tuple([.atom(atoms.intern("ok")), .int(1)]), .empty,
  ]
  let args = bytes[min(split + 1, bytes.count)...].prefix(8).map { pool[Int($0) % pool.count] }
  _ = try? Format.format(Term.string(control), .list(args), atoms: atoms)
  _ = try? Format.lfeFormat(Term.string(control), .list(args), atoms: atoms)
  return 0
}

/// SwiftPM links an executable's entry point under this name; it hands over to libFuzzer.
@_cdecl("FuzzFormat_main")
public func fuzzFormatMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt
{
  var count = argc
  var arguments = argv
  return runFuzzer(&count, &arguments) { data, size in
    guard let data else { return 0 }
    return fuzzFormat(data, size)
  }
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzer(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
