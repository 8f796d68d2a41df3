import FuzzDriver
import LFE

/// Any bytes through binary_to_term: a term or nothing; a term read must write back to
/// bytes that read as the same term.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExternal(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let atoms = AtomTable()
  guard let term = TermConversion.binaryToTerm(bytes, atoms: atoms) else { return 0 }
  guard let written = TermConversion.termToBinary(term, atoms: atoms) else { return 0 }
  guard let again = TermConversion.binaryToTerm(written, atoms: atoms), again == term else {
    fatalError("binary_to_term/term_to_binary do not round-trip")
  }
  _ = Printer.erlang(term, atoms: atoms)
  return 0
}

@_cdecl("FuzzExternal_main")
public func fuzzExternalMain(_ argc: CInt, _ argv: FuzzArguments) -> CInt {
  runLibFuzzer(argc, argv, fuzzExternal)
}
