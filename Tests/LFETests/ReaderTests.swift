import BigInt
import XCTest

@testable import LFE

/// The reader against LFE 2.2.1's syntax. Expected readings were checked against real LFE's
/// `lfe_io:read_string` where LFE and this reader can both answer.
final class ReaderTests: XCTestCase {

  // MARK: - Helpers

  /// A form with its type and location on every node: `sym@1:2`, `#i42@1:1`, `#f1.5@..`,
  /// `"s"@..`, `#bin[1,2]@..`, `(a b . c)@..`, `#(..)@..`, `#M(..)@..`, `#seg(..)@..`.
  private func dump(_ f: Form) -> String {
    let at = "@\(f.location)"
    switch f.node {
    case .symbol(let s): return s + at
    case .integer(let i): return "#i\(i)" + at
    case .float(let d): return "#f\(d)" + at
    case .string(let s): return s.debugDescription + at
    case .binary(let b): return "#bin[" + b.map(String.init).joined(separator: ",") + "]" + at
    case .list(let items, let tail):
      return "(" + items.map(dump).joined(separator: " ") + (tail.map { " . " + dump($0) } ?? "") + ")" + at
    case .tuple(let items): return "#(" + items.map(dump).joined(separator: " ") + ")" + at
    case .map(let items): return "#M(" + items.map(dump).joined(separator: " ") + ")" + at
    case .binarySegments(let items): return "#seg(" + items.map(dump).joined(separator: " ") + ")" + at
    }
  }

  /// The same without locations, for tests about what is read rather than where.
  private func shape(_ f: Form) -> String {
    switch f.node {
    case .symbol(let s): return s
    case .integer(let i): return "#i\(i)"
    case .float(let d): return "#f\(d)"
    case .string(let s): return s.debugDescription
    case .binary(let b): return "#bin[" + b.map(String.init).joined(separator: ",") + "]"
    case .list(let items, let tail):
      return "(" + items.map(shape).joined(separator: " ") + (tail.map { " . " + shape($0) } ?? "") + ")"
    case .tuple(let items): return "#(" + items.map(shape).joined(separator: " ") + ")"
    case .map(let items): return "#M(" + items.map(shape).joined(separator: " ") + ")"
    case .binarySegments(let items): return "#seg(" + items.map(shape).joined(separator: " ") + ")"
    }
  }

  private func read(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
    do {
      return try Reader.readAll(text).map(dump)
    } catch {
      XCTFail("\(text.debugDescription): \(error)", file: file, line: line)
      return []
    }
  }

  private func shapes(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
    do {
      return try Reader.readAll(text).map(shape)
    } catch {
      XCTFail("\(text.debugDescription): \(error)", file: file, line: line)
      return []
    }
  }

  /// The one form `text` reads as, without locations.
  private func one(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    let all = shapes(text, file: file, line: line)
    XCTAssertEqual(all.count, 1, "\(text.debugDescription) read as \(all)", file: file, line: line)
    return all.first ?? ""
  }

  private func error(_ text: String) -> ReadError? {
    do {
      _ = try Reader.readAll(text)
      return nil
    } catch {
      return error
    }
  }

  private func assertIncomplete(
    _ text: String, _ line: Int, _ column: Int, file: StaticString = #filePath, line testLine: UInt = #line
  ) {
    XCTAssertEqual(
      error(text), .incomplete(SourceLocation(line: line, column: column)), text.debugDescription,
      file: file, line: testLine)
    XCTAssertFalse(Reader.isComplete(text), text.debugDescription, file: file, line: testLine)
  }

  private func assertSyntax(
    _ text: String, _ line: Int, _ column: Int, _ fragment: String = "",
    file: StaticString = #filePath, line testLine: UInt = #line
  ) {
    let found: (String, SourceLocation)?
    switch error(text) {
    case .syntax(let message, let at)?, .strayCloser(_, let message, let at)?: found = (message, at)
    default: found = nil
    }
    guard let (message, at) = found else {
      XCTFail(
        "\(text.debugDescription): expected a syntax error, got \(String(describing: error(text)))",
        file: file, line: testLine)
      return
    }
    XCTAssertEqual(
      at, SourceLocation(line: line, column: column), "\(text.debugDescription): \(message)",
      file: file, line: testLine)
    if !fragment.isEmpty {
      XCTAssertTrue(
        message.contains(fragment), "\(text.debugDescription): \(message)", file: file, line: testLine)
    }
  }

  // MARK: - Locations

  func testEveryNodeHasItsLocation() {
    XCTAssertEqual(
      read("(defun f (x)\n  (+ x 1))"),
      ["(defun@1:2 f@1:8 (x@1:11)@1:10 (+@2:4 x@2:6 #i1@2:8)@2:3)@1:1"])
  }

  func testSeveralFormsAndComments() {
    XCTAssertEqual(
      read("a ; one\n  b #| two\n three |# c\n\n;; end\n"),
      ["a@1:1", "b@2:3", "c@3:11"])
  }

  func testStartLineAndColumnApplyToTheFirstLineOnly() throws {
    var reader = Reader("x (y\n z)", line: 10, column: 5)
    XCTAssertEqual(try reader.next().map(dump), "x@10:5")
    XCTAssertEqual(try reader.next().map(dump), "(y@10:8 z@11:2)@10:7")
    XCTAssertNil(try reader.next())
    XCTAssertEqual(try Reader.readAll("\n a", line: 7).map(dump), ["a@8:2"])
  }

  func testColumnsCountUnicodeScalarsAndTabsCountOne() {
    XCTAssertEqual(read("(λ é 😀 x)"), ["(λ@1:2 é@1:4 😀@1:6 x@1:8)@1:1"])
    XCTAssertEqual(read("\t\ta\t\"é\tü\" b"), ["a@1:3", "\"é\\tü\"@1:5", "b@1:11"])
    XCTAssertEqual(read("a\r\nb"), ["a@1:1", "b@2:1"])
  }

  func testLocationsAfterMultilineTokens() {
    XCTAssertEqual(read("\"a\nbc\" x |p\nq| y"), ["\"a\\nbc\"@1:1", "x@2:5", "p\nq@2:7", "y@3:4"])
    XCTAssertEqual(read("#| a\n b |# x"), ["x@2:7"])
  }

  func testLocationMatchesAfterPriorErrorFreeForms() throws {
    var reader = Reader("(a)\n  'b")
    _ = try reader.next()
    XCTAssertEqual(reader.location, SourceLocation(line: 1, column: 4))
    XCTAssertEqual(try reader.next().map(dump), "(quote@2:3 b@2:4)@2:3")
  }

  // MARK: - Symbols

  func testPlainSymbols() {
    XCTAssertEqual(
      shapes("send-message c:flush + - 1+ a.b a#b a'b a,b a`b a|b| => λ 1. -.5 +.5 1.5.2"),
      [
        "send-message", "c:flush", "+", "-", "1+", "a.b", "a#b", "a'b", "a,b", "a`b", "a|b|", "=>", "λ", "1.",
        "-.5", "+.5", "1.5.2",
      ])
  }

  func testSymbolCharacterTableMatchesLFE() {
    // lfe_scan:symbol_char/1 for ASCII: printable, and none of ()[]{}";
    for b in 0..<128 {
      let lfe = b > 0x20 && b <= 0x7E && !"()[]{}\";".unicodeScalars.contains(UnicodeScalar(UInt8(b)))
      let mask = b < 64 ? Scanner.symbolBytesLow >> UInt64(b) : Scanner.symbolBytesHigh >> UInt64(b - 64)
      XCTAssertEqual(mask & 1 == 1, lfe, "byte \(b)")
    }
  }

  func testSymbolsEndAtDelimiters() {
    XCTAssertEqual(shapes("a(b)c[d]e\"s\"f;g"), ["a", "(b)", "c", "(d)", "e", "\"s\"", "f"])
  }

  func testQuotedSymbols() {
    XCTAssertEqual(one("|a b|"), "a b")
    XCTAssertEqual(one(#"|a\|b\\c|"#), #"a|b\c"#)
    XCTAssertEqual(one(#"|\a\n|"#), "an")
    XCTAssertEqual(one("||"), "")
    XCTAssertEqual(one("|1|"), "1", "a quoted symbol is never a number")
    XCTAssertEqual(read("|a|b"), ["a@1:1", "b@1:4"])
  }

  func testElixirModuleShorthand() {
    XCTAssertEqual(read("#Efoo.bar #E"), ["Elixir.foo.bar@1:1", "Elixir.@1:11"])
  }

  // MARK: - Numbers

  func testIntegers() {
    XCTAssertEqual(shapes("0 42 -3 +3 -0 007"), ["#i0", "#i42", "#i-3", "#i3", "#i0", "#i7"])
    XCTAssertEqual(one("123456789012345678901234567890"), "#i123456789012345678901234567890")
    XCTAssertEqual(one("-123456789012345678901234567890"), "#i-123456789012345678901234567890")
    XCTAssertEqual(one("9223372036854775807"), "#i9223372036854775807")
    XCTAssertEqual(one("9223372036854775808"), "#i9223372036854775808")
  }

  func testIntegerValuesAreBigInts() throws {
    let forms = try Reader.readAll("18446744073709551616 255")
    guard case .integer(let big) = forms[0].node, case .integer(let small) = forms[1].node else {
      return XCTFail("not integers")
    }
    XCTAssertEqual(big, BigInt(1) << 64)
    XCTAssertEqual(small, 255)
  }

  func testFloats() {
    XCTAssertEqual(
      shapes("1.5 -0.5e10 1.0e-3 1.5E3 +1.5e+2 00.5 -0.0 1.0e-400"),
      ["#f1.5", "#f-5000000000.0", "#f0.001", "#f1500.0", "#f150.0", "#f0.5", "#f-0.0", "#f0.0"])
  }

  func testNumberLikeTokensThatAreSymbols() {
    // Erlang's list_to_float needs digits on both sides of the point, and rejects overflow.
    XCTAssertEqual(
      shapes("1e10 1.e5 1.5e 1.0e400 1_000 0x10 1/2"),
      ["1e10", "1.e5", "1.5e", "1.0e400", "1_000", "0x10", "1/2"])
  }

  func testBasedIntegers() {
    XCTAssertEqual(
      shapes("#b101 #B11 #*101 #o17 #O17 #d10 #D10 #x1F #X1f #xff #36rZZ #36rzz #2r-101 #16R10"),
      [
        "#i5", "#i3", "#i5", "#i15", "#i15", "#i10", "#i10", "#i31", "#i31", "#i255", "#i1295", "#i1295",
        "#i-5", "#i16",
      ])
    XCTAssertEqual(shapes("#x-1F #x+1F #d-10 #b-1"), ["#i-31", "#i31", "#i-10", "#i-1"])
    XCTAssertEqual(
      one("#x123456789abcdef0123456789abcdef"), "#i\(BigInt("123456789abcdef0123456789abcdef", radix: 16)!)")
    XCTAssertEqual(one("#2r" + String(repeating: "1", count: 100)), "#i\((BigInt(1) << 100) - 1)")
    XCTAssertEqual(read(" #x1F"), ["#i31@1:2"])
  }

  func testCharacters() {
    XCTAssertEqual(
      read("#\\a #\\A #\\( #\\; #\\é #\\😀"),
      ["#i97@1:1", "#i65@1:5", "#i40@1:9", "#i59@1:13", "#i233@1:17", "#i128512@1:21"])
    // LFE has no character names or hex characters: `#\space` is 115 then the symbol `pace`.
    XCTAssertEqual(shapes("#\\space"), ["#i115", "pace"])
    XCTAssertEqual(shapes("#\\x41;"), ["#i120", "#i41"])
    XCTAssertEqual(shapes("#\\abc"), ["#i97", "bc"])
    XCTAssertEqual(shapes("#\\  #\\\n"), ["#i32", "#i10"])
  }

  // MARK: - Strings

  func testStrings() {
    XCTAssertEqual(read(" \"hello world\""), ["\"hello world\"@1:2"])
    XCTAssertEqual(one("\"\""), "\"\"")
    XCTAssertEqual(one("\"café λ\""), "\"café λ\"")
    XCTAssertEqual(shapes("\"abc\"def\"\""), ["\"abc\"", "def", "\"\""])
  }

  func testStringEscapes() throws {
    let forms = try Reader.readAll(#""\b\t\n\v\f\r\e\s\d\\\"" "\x41;\0\z\é" "a\"# + "\n" + #"b""#)
    XCTAssertEqual(forms.count, 3)
    guard case .string(let s0) = forms[0].node, case .string(let s1) = forms[1].node,
      case .string(let s2) = forms[2].node
    else { return XCTFail("not strings") }
    XCTAssertEqual(Array(s0.unicodeScalars.map(\.value)), [8, 9, 10, 11, 12, 13, 27, 32, 127, 92, 34])
    // LFE 2.2.1 has no \x..; escape: any other escaped character stands for itself.
    XCTAssertEqual(s1, "x41;0zé")
    XCTAssertEqual(s2, "a\nb")
    XCTAssertEqual(forms[2].location, SourceLocation(line: 1, column: 40))
  }

  func testTripleQuotedStrings() {
    XCTAssertEqual(read("\"\"\"\n  abc\n   def\n  \"\"\" x"), ["\"abc\\n def\"@1:1", "x@4:7"])
    XCTAssertEqual(one("\"\"\"   \n\"\"\""), "\"\"")
    XCTAssertEqual(one("\"\"\"\n  a \\n \"\"\" \" b\n  \"\"\""), "\"a \\\\n \\\"\\\"\\\" \\\" b\"")
    XCTAssertEqual(one("#\"\"\"\n é\n \"\"\""), "#bin[195,169]")
  }

  func testQuotedString() {
    XCTAssertEqual(read("'\"abc\""), ["(quote@1:1 \"abc\"@1:2)@1:1"])
  }

  // MARK: - Quote family

  func testQuoteBackquoteComma() {
    XCTAssertEqual(read("'x"), ["(quote@1:1 x@1:2)@1:1"])
    XCTAssertEqual(
      read("`(a ,b ,@c)"), ["(backquote@1:1 (a@1:3 (comma@1:5 b@1:6)@1:5 (comma-at@1:8 c@1:10)@1:8)@1:2)@1:1"]
    )
    XCTAssertEqual(one("''a"), "(quote (quote a))")
    XCTAssertEqual(one("' \n a"), "(quote a)")
    XCTAssertEqual(one("'#(1 2)"), "(quote #(#i1 #i2))")
  }

  func testQuoteWithACommentBeforeItsForm() {
    XCTAssertEqual(read("' ; why\n #| and |# a"), ["(quote@1:1 a@2:12)@1:1"])
  }

  // MARK: - Lists

  func testListsAndBrackets() {
    XCTAssertEqual(read("()"), ["()@1:1"])
    XCTAssertEqual(read("[]"), ["()@1:1"])
    XCTAssertEqual(read("[a (b [c])]"), ["(a@1:2 (b@1:5 (c@1:8)@1:7)@1:4)@1:1"])
  }

  func testDottedPairs() {
    XCTAssertEqual(read("(a . b)"), ["(a@1:2 . b@1:6)@1:1"])
    XCTAssertEqual(read("[a . b]"), ["(a@1:2 . b@1:6)@1:1"])
    XCTAssertEqual(one("(a b . c)"), "(a b . c)")
    // A point starting a token is always the dot, so `.b` here is a dotted tail.
    XCTAssertEqual(one("(a .b)"), "(a . b)")
    XCTAssertEqual(one("(a.b)"), "(a.b)")
  }

  func testDottedTailsThatAreListsJoinTheList() {
    XCTAssertEqual(read("(a . (b c))"), ["(a@1:2 b@1:7 c@1:9)@1:1"])
    XCTAssertEqual(one("(a . ())"), "(a)")
    XCTAssertEqual(one("(a . [b . c])"), "(a b . c)")
    XCTAssertEqual(one("(a . (b . (c . d)))"), "(a b c . d)")
  }

  // MARK: - Hash syntax

  func testTuples() {
    XCTAssertEqual(read("#(a #(1) \"s\")"), ["#(a@1:3 #(#i1@1:7)@1:5 \"s\"@1:10)@1:1"])
    XCTAssertEqual(one("#()"), "#()")
  }

  func testBinaries() {
    XCTAssertEqual(read("#b(1 2 255)"), ["#bin[1,2,255]@1:1"])
    XCTAssertEqual(one("#B()"), "#bin[]")
    XCTAssertEqual(one("#b(#\\a 0)"), "#bin[97,0]")
    XCTAssertEqual(read("#b(\"abc\" 1)"), ["#seg(\"abc\"@1:4 #i1@1:10)@1:1"])
    XCTAssertEqual(one("#b((1 (size 16)))"), "#seg((#i1 (size #i16)))")
    XCTAssertEqual(one("#b(256)"), "#seg(#i256)")
    XCTAssertEqual(one("#b(-1)"), "#seg(#i-1)")
  }

  func testBinaryStrings() {
    XCTAssertEqual(read("#\"abc\""), ["#bin[97,98,99]@1:1"])
    XCTAssertEqual(one("#\"\""), "#bin[]")
    XCTAssertEqual(one("#\"é\\n\""), "#bin[195,169,10]")
  }

  func testMaps() {
    XCTAssertEqual(read("#M(a 1 b 2)"), ["#M(a@1:4 #i1@1:6 b@1:8 #i2@1:10)@1:1"])
    XCTAssertEqual(one("#m()"), "#M()")
    XCTAssertEqual(one("#M(a 1 a 2)"), "#M(a #i1 a #i2)", "kept as written; the compiler resolves duplicates")
  }

  func testFunctionReferences() {
    XCTAssertEqual(read(" #'f/2"), ["(function@1:2 f@1:2 #i2@1:2)@1:2"])
    XCTAssertEqual(one("#'lists:map/2"), "(function lists map #i2)")
    XCTAssertEqual(one("#'=:=/2"), "(function =:= #i2)")
    XCTAssertEqual(one("#'erlang:=:=/2"), "(function erlang =:= #i2)")
    XCTAssertEqual(one("#'a:b:c/2"), "(function a b:c #i2)")
    XCTAssertEqual(one("#'send-message/10"), "(function send-message #i10)")
  }

  func testReadTimeEvaluationOfLiterals() {
    XCTAssertEqual(
      read("#.1 #.'a #.(quote (b c)) #.\"s\""), ["#i1@1:1", "a@1:5", "(b@1:20 c@1:22)@1:10", "\"s\"@1:26"])
  }

  func testBlockComments() {
    XCTAssertEqual(shapes("#||#a #| ( \" |#b #|||#c"), ["a", "b", "c"])
    XCTAssertEqual(shapes("(list #| inline |# 1 2)"), ["(list #i1 #i2)"])
  }

  // MARK: - Reading incrementally

  func testOffsetAndRestAfterEachForm() throws {
    let text = "(λ 1) é (b)  ; c"
    var reader = Reader(text)
    XCTAssertEqual(try reader.next().map(shape), "(λ #i1)")
    XCTAssertEqual(reader.rest, " é (b)  ; c")
    XCTAssertEqual(text[reader.offset...], " é (b)  ; c")
    XCTAssertEqual(reader.byteOffset, 6)
    XCTAssertEqual(try reader.next().map(shape), "é")
    XCTAssertEqual(reader.rest, " (b)  ; c")
    XCTAssertEqual(try reader.next().map(shape), "(b)")
    XCTAssertNil(try reader.next())
    XCTAssertEqual(reader.rest, "")
    XCTAssertNil(try reader.next())
  }

  func testSymbolAtEndOfInputIsComplete() throws {
    var reader = Reader("abc")
    XCTAssertEqual(try reader.next().map(shape), "abc")
    XCTAssertEqual(reader.offset, "abc".endIndex)
  }

  func testReadAll() throws {
    XCTAssertEqual(try Reader.readAll("").count, 0)
    XCTAssertEqual(try Reader.readAll("  ; only a comment\n#| and |#").count, 0)
    XCTAssertEqual(try Reader.readAll("1 (2) #(3)").map(shape), ["#i1", "(#i2)", "#(#i3)"])
  }

  func testIsComplete() {
    XCTAssertTrue(Reader.isComplete("(+ 1 2)"))
    XCTAssertTrue(Reader.isComplete("(+ 1\n   2)\n"))
    XCTAssertTrue(Reader.isComplete("x"))
    XCTAssertTrue(Reader.isComplete("6 7"))
    XCTAssertTrue(Reader.isComplete("(a) ; trailing"))
    XCTAssertFalse(Reader.isComplete(""))
    XCTAssertFalse(Reader.isComplete("   ; nothing yet"))
    XCTAssertFalse(Reader.isComplete("(list 1\n"))
    XCTAssertFalse(Reader.isComplete("(a) (b"))
    XCTAssertFalse(Reader.isComplete("\"multi\nline"))
    XCTAssertFalse(Reader.isComplete("#| open comment"))
    XCTAssertFalse(Reader.isComplete("'"))
    // A shell answers a syntax error at once rather than waiting for more input.
    XCTAssertTrue(Reader.isComplete(")"))
    XCTAssertTrue(Reader.isComplete("(a]"))
  }

  func testDeepNestingDoesNotUseTheStack() throws {
    let depth = Reader.maxNesting
    let text = String(repeating: "(", count: depth) + String(repeating: ")", count: depth)
    var form = try XCTUnwrap(try Reader.readAll(text).first)
    var levels = 1
    while case .list(let items, nil) = form.node, let inner = items.first {
      form = inner
      levels += 1
    }
    XCTAssertEqual(levels, depth)
    // One more level is a syntax error at the paren that goes too deep.
    let deeper = String(repeating: "(", count: depth + 1) + String(repeating: ")", count: depth + 1)
    assertSyntax(deeper, 1, depth + 1, "forms nested more than \(depth) deep")
    assertIncomplete(String(repeating: "'", count: depth), 1, depth)
  }

  func testAThousandLineFile() throws {
    var text = ""
    for i in 0..<250 {
      text +=
        "(defun f\(i) (x)\n  \"Doc.\"\n  (let ((y '#(a \(i) 1.5 #\"b\")))\n    (lists:map #'g/1 (list x y))))\n"
    }
    let forms = try Reader.readAll(text)
    XCTAssertEqual(forms.count, 250)
    XCTAssertEqual(forms[249].location, SourceLocation(line: 997, column: 1))
    XCTAssertEqual(
      shape(forms[3]),
      "(defun f3 (x) \"Doc.\" (let ((y (quote #(a #i3 #f1.5 #bin[98])))) (lists:map (function g #i1) (list x y))))"
    )
  }

  // MARK: - Incomplete input

  func testIncompleteNamesTheInnermostOpenConstruct() {
    assertIncomplete("(", 1, 1)
    assertIncomplete("(a\n  (b c)\n  (d", 3, 3)
    assertIncomplete("[a", 1, 1)
    assertIncomplete(" #(a", 1, 2)
    assertIncomplete("#b(1", 1, 1)
    assertIncomplete("#M(a 1", 1, 1)
    assertIncomplete("(a . ", 1, 1)
    assertIncomplete("(a . b", 1, 1)
  }

  func testIncompleteTokens() {
    assertIncomplete("(a \"abc", 1, 4)
    assertIncomplete("\"abc\\", 1, 1)
    assertIncomplete("x |a b", 1, 3)
    assertIncomplete("|a\\", 1, 1)
    assertIncomplete("a #| comment\n", 1, 3)
    assertIncomplete("#\"abc", 1, 1)
    assertIncomplete("\"\"\"\n  abc\n", 1, 1)
    assertIncomplete("\"\"\"  ", 1, 1)
    assertIncomplete("#\\", 1, 1)
  }

  func testIncompleteQuotes() {
    assertIncomplete("'", 1, 1)
    assertIncomplete("(a `", 1, 4)
    assertIncomplete(",", 1, 1)
    assertIncomplete(",@ ; comment", 1, 1)
    assertIncomplete("#.", 1, 1)
    assertIncomplete("'(a\n", 1, 2)
  }

  // MARK: - Syntax errors

  func testUnbalancedAndMismatchedCloses() {
    assertSyntax(")", 1, 1, "unexpected ')'")
    assertSyntax("(a) ]", 1, 5, "unexpected ']'")
    assertSyntax("(a]", 1, 3, "does not close '(' at 1:1")
    assertSyntax("[a)", 1, 3, "does not close '['")
    assertSyntax("#(a]", 1, 4, "does not close '#('")
    assertSyntax("#b(1]", 1, 5)
    assertSyntax("#M(a 1]", 1, 7)
    assertSyntax("(')", 1, 3, "unexpected ')'")
  }

  func testBadDots() {
    assertSyntax(".5", 1, 1, "unexpected '.'")
    assertSyntax("(. a)", 1, 2, "unexpected '.'")
    assertSyntax("(a . b c)", 1, 8, "only one form")
    assertSyntax("(a . b . c)", 1, 8)
    assertSyntax("(a . b (c", 1, 8)
    assertSyntax("(a . )", 1, 6, "missing form after '.'")
    assertSyntax("#(a . b)", 1, 5, "unexpected '.'")
    assertSyntax("(a ' . b)", 1, 6)
  }

  func testIllegalCharacters() {
    assertSyntax("{a}", 1, 1, "illegal character")
    assertSyntax("(a }", 1, 4)
    assertSyntax("a\u{7F}", 1, 2, "U+007F")
    assertSyntax("é\u{A0}", 1, 2, "U+00A0")
    XCTAssertEqual(shapes("\u{A1}"), ["\u{A1}"])
  }

  func testBadHashSyntax() {
    assertSyntax("x #q", 1, 3, "illegal token '#q'")
    // LFE reads #b(...) as a literal: a segment value must be one.
    assertSyntax("#b((x (size 16)))", 1, 1, "bad binary")
    assertSyntax("#", 1, 1, "'#'")
    assertSyntax("# a", 1, 1, "'# '")
    assertSyntax("#;(a) b", 1, 1, "'#;'")
    assertSyntax("#S(a)", 1, 1, "'#S('")
    assertSyntax("#,a", 1, 1, "'#,'")
    assertSyntax("#,@a", 1, 1, "'#,@'")
    assertSyntax("#`a", 1, 1, "'#`'")
    assertSyntax("#ma", 1, 1, "'#m'")
    assertSyntax("#12(", 1, 1, "'#12('")
    assertSyntax("#-x1F", 1, 1, "'#-'")
  }

  func testBadBasedNumbers() {
    assertSyntax("(#xG)", 1, 2, "illegal digit 'G'")
    assertSyntax("#2r102", 1, 1, "illegal digit '2'")
    assertSyntax("#x1F.5", 1, 1, "illegal digit '.'")
    assertSyntax("#x", 1, 1, "no digits")
    assertSyntax("#x-)", 1, 1, "no digits")
    assertSyntax("#b", 1, 1, "no digits")
    assertSyntax("#37r1", 1, 1, "radix")
    assertSyntax("#1r0", 1, 1, "radix")
    assertSyntax("#0r0", 1, 1, "radix")
  }

  func testBadFunctionReferences() {
    assertSyntax("#'f", 1, 1, "#'f")
    assertSyntax("#'f/", 1, 1)
    assertSyntax("#'f/x", 1, 1)
    assertSyntax("#'a/b/2", 1, 1)
    assertSyntax("#'//2", 1, 1)
    assertSyntax("#'(", 1, 1)
  }

  func testBadBlockComments() {
    assertSyntax("#| a #| b |# c |#", 1, 6, "nested block comment")
    assertSyntax("x\n#| a\n  #|", 3, 3)
  }

  func testBadTripleQuotedStrings() {
    assertSyntax("\"\"\"abc\"\"\"", 1, 4, "triple-quoted")
    assertSyntax("(f \"\"\")", 1, 7, "triple-quoted")
    assertSyntax("\"\"\"\n  a\n b\n  \"\"\"", 3, 1, "indented less")
    assertSyntax("\"\"\"\n  a\n\n  \"\"\"", 3, 1, "indented less")
  }

  func testBadMapsAndEvaluation() {
    assertSyntax("(#M(a 1 b))", 1, 2, "value for every key")
    assertSyntax("#.a", 1, 1, "'#.'")
    assertSyntax("(x #.(+ 1 2))", 1, 4, "'#.'")
  }

  func testErrorDescriptions() {
    XCTAssertEqual(error("(a\n  b))")?.description, "2:5: unexpected ')'")
    XCTAssertEqual(error("\n  (a")?.description, "2:3: unexpected end of input")
    XCTAssertEqual(ReadError.syntax(message: "m", at: SourceLocation(line: 3, column: 4)).location.line, 3)
  }

  func testReadingStopsAtTheError() throws {
    var reader = Reader("(a) ) (b)")
    XCTAssertEqual(try reader.next().map(shape), "(a)")
    XCTAssertThrowsError(try reader.next())
  }
}
