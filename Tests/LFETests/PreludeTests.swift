import XCTest

@testable import LFE

/// The library modules written in LFE are compiled into a runtime when first called.
final class PreludeTests: XCTestCase {
  func testAPreludeModuleIsCompiledWhenFirstCalled() {
    let runtime = Runtime(clock: .virtual)
    let shell = Shell(runtime: runtime)
    XCTAssertFalse(runtime.isLoaded("lists"))
    XCTAssertEqual(shell.evaluate(source: "(lists:seq 1 3)"), "(1 2 3)\n")
    // A native of the same module does not need it.
    XCTAssertFalse(runtime.isLoaded("lists"))
    XCTAssertEqual(shell.evaluate(source: "(lists:map (lambda (x) (* x x)) '(1 2 3))"), "(1 4 9)\n")
    XCTAssertTrue(runtime.isLoaded("lists"))
    XCTAssertFalse(runtime.isLoaded("timer"))
    XCTAssertEqual(shell.evaluate(source: "(spawn 'timer 'sleep '(10))").hasPrefix("#Pid<"), true)
    XCTAssertEqual(shell.evaluate(source: "(timer:sleep 5)"), "ok\n")
    XCTAssertTrue(runtime.isLoaded("timer"))
  }

  /// Loading a prelude module late changes nothing only while none of its functions
  /// has the name and arity of a native: the compiler binds a call to a native when
  /// the module is not loaded.
  func testNoPreludeFunctionShadowsANative() {
    let runtime = Runtime(clock: .virtual)
    for (name, _) in Prelude.sources {
      let m = runtime.atoms.intern(name)
      XCTAssertTrue(runtime.autoload(m), name)
      guard let module = runtime.modules[m] else { return XCTFail("\(name) did not load") }
      for key in module.exports.keys {
        let mfa = MFA(module: m, function: key.name, arity: key.arity)
        XCTAssertNil(runtime.natives[mfa], "\(name):\(runtime.atoms.name(key.name))/\(key.arity)")
        XCTAssertNil(runtime.processNatives[mfa], "\(name):\(runtime.atoms.name(key.name))/\(key.arity)")
      }
    }
  }
}
