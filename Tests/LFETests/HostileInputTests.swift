import XCTest

@testable import LFE

/// Input written to break the host: terms and forms nested far deeper than any program
/// nests them. Each must end in a value or an LFE error, never a crash.
final class HostileInputTests: XCTestCase {
  private let deepList = "(lists:foldl (lambda (_ acc) (list acc)) '() (lists:seq 1 100000))"

  func testBinaryToTermOfADeepTermReadsItBack() {
    let s = ProcessSession()
    s.eval("(set x \(deepList))")
    XCTAssertEqual(s.eval("(=:= x (binary_to_term (term_to_binary x)))"), "true\n")
    s.eval("(set y (lists:foldl (lambda (_ acc) (tuple acc 1)) 'z (lists:seq 1 100000)))")
    XCTAssertEqual(s.eval("(=:= y (binary_to_term (term_to_binary y)))"), "true\n")
    XCTAssertEqual(
      s.eval(
        "(binary_to_term (term_to_binary (tuple 1 #M(a 1 b (2)) \"abc\" (cons 1 (cons 2 3)) #() #M())))"),
      "#(1 #M(a 1 b (2)) \"abc\" (1 2 . 3) #() #M())\n")
  }

  func testBinaryToTermOfATruncatedDeepTermIsBadarg() {
    let s = ProcessSession()
    // 100,000 list headers of one element each, and nothing inside them.
    s.eval("(set b (list_to_binary (cons 131 (lists:duplicate 100000 (list 108 0 0 0 1)))))")
    XCTAssertTrue(s.eval("(binary_to_term b)").hasPrefix("** exception error: bad argument"))
  }

  func testDeepTermsPrint() {
    let s = ProcessSession()
    XCTAssertEqual(
      s.eval("(let ((x \(deepList))) x)"),
      String(repeating: "(", count: 30) + "..." + String(repeating: ")", count: 30) + "\n")
    // The printers stop descending at a fixed depth and print `...` there.
    for control in ["~w", "~p"] {
      let text = s.eval("(lists:flatten (io_lib:format \"\(control)\" (list \(deepList))))")
      XCTAssertTrue(text.hasPrefix("\"[[[[") && text.contains("..."), text)
    }
  }

  func testMapsNestedAsKeysCompare() {
    let s = ProcessSession()
    s.eval("(set z (lists:foldl (lambda (_ acc) (map acc 1)) 'a (lists:seq 1 100000)))")
    XCTAssertEqual(s.eval("(=:= z (binary_to_term (term_to_binary z)))"), "true\n")
  }

  // MARK: Macros

  func testAMacroExpandingToItselfEndsWithAnErrorNamingIt() {
    let s = ProcessSession()
    s.eval("(defmacro inf () '(inf))")
    XCTAssertTrue(s.eval("(inf)").hasPrefix("** exception error: macro inf: "))
    XCTAssertTrue(s.eval("(defun f () (inf))").contains("macro inf"))
    XCTAssertTrue(s.eval("(list (inf))").contains("macro inf"))
    XCTAssertEqual(s.eval("(+ 1 2)"), "3\n")
  }

  func testAMacroExpandingToItselfInAModuleIsACompileError() {
    let s = ProcessSession(files: [
      "m.lfe": "(defmodule m (export (f 0)))\n(defmacro inf () '(inf))\n(defun f () (inf))\n"
    ])
    let out = s.eval("(c \"m\")")
    XCTAssertTrue(out.contains("m.lfe:3: macro inf"), out)
    XCTAssertTrue(out.hasSuffix("error\n"), out)
    XCTAssertEqual(s.eval("(+ 1 2)"), "3\n")
  }

  func testDeepAndWideRecursiveMacrosEndWithAnError() {
    let s = ProcessSession()
    s.eval("(defmacro deep (n) (if (== n 0) 0 `(+ 1 (deep ,(- n 1)))))")
    XCTAssertEqual(s.eval("(deep 10)"), "10\n")
    let deep = s.eval("(deep 5000)")
    XCTAssertTrue(deep.hasPrefix("** exception error: macro deep: "), deep)
    s.eval("(defmacro chain (n) (if (== n 0) 0 `(chain ,(- n 1))))")
    XCTAssertTrue(s.eval("(chain 5000)").hasPrefix("** exception error: macro chain: "))
    s.eval("(defmacro wide (n) (if (== n 0) 0 `(+ (wide ,(- n 1)) (wide ,(- n 1)))))")
    XCTAssertTrue(s.eval("(wide 20)").hasPrefix("** exception error: macro wide: more than "))
    XCTAssertEqual(s.eval("(+ 1 2)"), "3\n")
  }

  func testAMacroReturningDeeplyNestedCodeIsRefused() {
    let s = ProcessSession()
    s.eval("(defmacro d () (lists:foldl (lambda (_ acc) (list 'list acc)) 1 (lists:seq 1 100000)))")
    XCTAssertTrue(s.eval("(d)").hasPrefix("** exception error: macro d expanded to code nested more than"))
  }

  func testLongFlatMacroCallsCompile() {
    let s = ProcessSession()
    let n = 100_000
    let numbers = (0..<n).map(String.init).joined(separator: " ")
    XCTAssertEqual(s.eval("(length (list* \(numbers) ()))"), "\(n)\n")
    // `++` and `and` nest one call per argument: too deep to compile, but no crash.
    let appends = s.eval("(length (++ \((0..<n).map { "(list \($0))" }.joined(separator: " "))))")
    XCTAssertTrue(
      appends == "\(n)\n" || appends.hasPrefix("** exception error: expression nested too deeply"))
    let ands = s.eval("(and \(Array(repeating: "(=:= 1 1)", count: n).joined(separator: " ")))")
    XCTAssertTrue(ands == "true\n" || ands.hasPrefix("** exception error: expression nested too deeply"))
    XCTAssertEqual(s.eval("(++ '(1) '(2) '(3))"), "(1 2 3)\n")
    XCTAssertEqual(s.eval("(and 'true 'true 'false)"), "false\n")
    XCTAssertEqual(s.eval("(length `(\(numbers) ,@(list 1 2) 3 . ,(list 4)))"), "\(n + 4)\n")
    XCTAssertEqual(s.eval("`(1 ,@(list 2 3) 4 ,@(list 5))"), "(1 2 3 4 5)\n")
    XCTAssertEqual(s.eval("(let ((x 1) (y '(2))) `(a #(,x b) (c . ,y) ,@y))"), "(a #(1 b) (c 2) 2)\n")
  }

  func testALongCondEndsWithAnErrorNotACrash() {
    let s = ProcessSession()
    let clauses = (2..<100_000).map { "((=:= 1 \($0)) \($0))" }.joined(separator: " ")
    XCTAssertTrue(
      s.eval("(cond \(clauses) (else 1))").hasPrefix("** exception error: expression nested too deeply"))
    XCTAssertEqual(s.eval("(cond ((=:= 1 2) 2) ((?= (tuple x) (tuple 3)) x) (else 1))"), "3\n")
  }

  func testCodeNestedToTheReadersLimitEndsWithAValueOrAnError() {
    let s = ProcessSession()
    let out = s.eval(String(repeating: "(list ", count: 999) + "1" + String(repeating: ")", count: 999))
    XCTAssertTrue(
      out.hasPrefix("((((") || out.hasPrefix("** exception error: expression nested too deeply"), out)
    XCTAssertTrue(
      s.eval(String(repeating: "(list ", count: 100_000) + "1" + String(repeating: ")", count: 100_000))
        .contains("nested more than"))
    XCTAssertEqual(s.eval("(+ 1 2)"), "3\n")
  }

  // MARK: Files

  private struct Refusal: Error, CustomStringConvertible {
    var description: String { "file is outside the workspace" }
  }

  func testCompilingAFileTheWorkspaceRefusesSaysWhy() {
    let s = ProcessSession()
    s.runtime.readFile = { _ in throw Refusal() }
    XCTAssertEqual(s.eval("(c \"../x\")"), "../x.lfe:none: file is outside the workspace\nerror\n")
  }

  // MARK: Limits

  func testAtomsMadeAtRunTimeStopAtTheLimit() {
    var limits = Limits()
    limits.atoms = 2_000
    let s = ProcessSession(limits: limits)
    let out = s.eval("(lists:foreach (lambda (i) (list_to_atom (integer_to_list i))) (lists:seq 1 5000))")
    XCTAssertTrue(out.hasPrefix("** exception error: a system limit has been reached"), out)
    XCTAssertTrue(out.contains("more than 2000 atoms (Limits.atoms)"), out)
    XCTAssertEqual(s.eval("(list_to_atom \"1\")"), "|1|\n")
    XCTAssertTrue(
      s.eval("(binary_to_term (list_to_binary (list 131 100 0 3 113 122 106)))").hasPrefix(
        "** exception error: bad argument"))
    XCTAssertEqual(s.eval("(+ 1 2)"), "3\n")
  }

  // MARK: Silent wrong answers

  func testAModuleNamedLikeABuiltInOneIsRefused() {
    var files: [String: String] = [:]
    let names = ["lists", "io", "erlang", "timer", "io_lib", "lfe_io", "c", "maps", "string"]
    for name in names { files["\(name).lfe"] = "(defmodule \(name) (export (f 0)))\n(defun f () 42)\n" }
    let s = ProcessSession(files: files)
    for name in names {
      XCTAssertEqual(
        s.eval("(c \"\(name)\")"), "\(name).lfe:1: module \(name) is built in and cannot be replaced\nerror\n"
      )
    }
    XCTAssertEqual(s.eval("(lists:map (lambda (x) (* 2 x)) '(1 2))"), "(2 4)\n")
  }

  // MARK: Found by fuzzing

  /// fuzz/ FuzzExternal: a float whose bits are a NaN read back as a float that equals
  /// nothing, itself included.
  func testBinaryToTermRefusesNaNAndInfinities() {
    let s = ProcessSession()
    for bits in ["255 255 131 104 3 98 99 149", "127 240 0 0 0 0 0 0", "255 240 0 0 0 0 0 0"] {
      XCTAssertTrue(
        s.eval("(binary_to_term (list_to_binary '(131 70 \(bits))))").hasPrefix(
          "** exception error: bad argument"),
        bits)
    }
    XCTAssertEqual(s.eval("(binary_to_term (term_to_binary 1.5))"), "1.5\n")
  }
}
