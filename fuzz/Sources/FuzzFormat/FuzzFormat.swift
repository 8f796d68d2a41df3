import FuzzDriver
import LFE

/// Any control string through io_lib:format with a fixed set of arguments: text or
/// badarg, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormat(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
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

@_cdecl("FuzzFormat_main")
public func fuzzFormatMain(_ argc: CInt, _ argv: FuzzArguments) -> CInt {
  runLibFuzzer(argc, argv, fuzzFormat)
}
