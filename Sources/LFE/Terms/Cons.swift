/// A list cell. `tail` is mutable only so that lists can be built front to back while
/// the cell is still private to its builder; once shared, a cell never changes.
public final class Cons: @unchecked Sendable {
  public var head: Term
  public var tail: Term

  public init(_ head: Term, _ tail: Term) {
    self.head = head
    self.tail = tail
    HeapAccount.charge(HeapAccount.cell)
  }

  deinit {
    HeapAccount.credit(HeapAccount.cell)
    // A long list would otherwise free itself by recursion through deinit, one host
    // frame per cell; hand the children to the thread's drop queue instead.
    if head.isBox || tail.isBox {
      DropQueue.release(&head, &tail)
    }
  }
}
