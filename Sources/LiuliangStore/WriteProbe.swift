/// Hooks into the store's two ways of writing, for the crash drill and the tests only: nothing
/// in the product sets them. They exist because a crash test must know every version a file
/// could have before the write that might be cut short, and a full disk must be reproducible
/// where no small filesystem can be mounted.
public enum WriteProbe {
  /// Called with the file's path and the bytes it is about to hold: for a replacement the whole
  /// new file (read back from the temp file, which is written a part at a time), before it is
  /// renamed over the old one; for an append only the added bytes, before they are written.
  nonisolated(unsafe) public static var willWrite:
    ((_ path: String, _ bytes: [UInt8], _ append: Bool) -> Void)?

  /// An errno every write fails with while set (ENOSPC for a full disk), as the kernel would.
  nonisolated(unsafe) public static var failWith: Int32?

  /// Bytes the disk still has room for while set: a write takes what fits, then fails with
  /// ENOSPC, as a disk filling up in the middle of a rewrite does.
  nonisolated(unsafe) public static var room: Int?
}
