/// The command-line arguments SwiftPM hands an executable's entry point.
public typealias FuzzArguments = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?

/// One fuzz input: the bytes libFuzzer made, 0 to keep it in the corpus.
public typealias FuzzInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Hands the process over to libFuzzer with `test` as the function it fuzzes. Each
/// harness calls this from its entry point: SwiftPM links an executable's `main` under
/// the name `<Target>_main`, so libFuzzer's own `main` never runs.
public func runLibFuzzer(_ argc: CInt, _ argv: FuzzArguments, _ test: FuzzInput) -> CInt {
  var count = argc
  var arguments = argv
  return llvmFuzzerRunDriver(&count, &arguments, test)
}

@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: FuzzInput
) -> CInt
