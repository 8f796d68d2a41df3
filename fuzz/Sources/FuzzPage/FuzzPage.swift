import FuzzDriver
import Lessons

/// Any text as a lesson page: front matter, Liquid, markdown and transcripts are read
/// into a page with diagnostics, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let page = Page(path: "fuzz.md", text: text)
  _ = page.diagnostics.map(\.description)
  return 0
}

@_cdecl("FuzzPage_main")
public func fuzzPageMain(_ argc: CInt, _ argv: FuzzArguments) -> CInt {
  runLibFuzzer(argc, argv, fuzzPage)
}
