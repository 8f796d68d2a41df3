import FuzzDriver
import LFE

/// Text read as a quoted LFE literal and printed by the shell; what it prints, read and
/// printed again, must print the same (the printer and the reader agree).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPrinter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  guard case .form(let form, _) = Shell.read(text) else { return 0 }
  let runtime = Runtime(clock: .virtual)
  let shell = Shell(runtime: runtime)
  let first = shell.evaluate(source: "(lfe_io:print '\(form))")
  guard !first.hasPrefix("**"), first.hasSuffix("ok\n") else { return 0 }
  let printed = String(first.dropLast(3))
  // Pids, refs and funs print in a form that does not read back.
  guard !printed.contains("#Pid"), !printed.contains("#Ref"), !printed.contains("#Fun") else { return 0 }
  let second = shell.evaluate(source: "(lfe_io:print '\(printed))")
  if second != first { fatalError("printed \(printed) reads back as \(second)") }
  return 0
}

@_cdecl("FuzzPrinter_main")
public func fuzzPrinterMain(_ argc: CInt, _ argv: FuzzArguments) -> CInt {
  runLibFuzzer(argc, argv, fuzzPrinter)
}
