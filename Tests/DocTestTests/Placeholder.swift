import XCTest

final class DocTestTestsPlaceholder: XCTestCase {}
