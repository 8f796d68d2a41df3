import XCTest

final class LessonsTestsPlaceholder: XCTestCase {}
