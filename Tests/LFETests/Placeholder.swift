import XCTest

final class LFETestsPlaceholder: XCTestCase {}
