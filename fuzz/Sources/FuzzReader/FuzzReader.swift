import FuzzDriver
import LFE

/// Any text through the LFE reader: forms or an error, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  _ = try? Reader.readAll(text)
  _ = Reader.isComplete(text)
  return 0
}

@_cdecl("FuzzReader_main")
public func fuzzReaderMain(_ argc: CInt, _ argv: FuzzArguments) -> CInt {
  runLibFuzzer(argc, argv, fuzzReader)
}
