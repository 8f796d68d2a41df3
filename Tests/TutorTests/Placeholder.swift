import XCTest

final class TutorTestsPlaceholder: XCTestCase {}
