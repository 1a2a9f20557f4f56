import LiuliangModel

/// The records the model, the dashboard and every command see, wherever they are kept: the
/// folder (`Store`) or a chain's PostgreSQL database. Both give the same records for the same
/// data and refuse a write over a change made elsewhere since it was read.
public protocol RecordStore: AnyObject {
  var dataset: Dataset { get }
  var problems: [Problem] { get }
  /// Why changes can't be saved, or nil when they can.
  var readOnly: ReadOnlyReason? { get }
  /// The store as shown on the status line and in messages: its folder, or `user@host/database`.
  var displayName: String { get }
  /// Reads every record again.
  func load() throws(StoreError)
  /// Writes every record of `ds` that differs from what was read; `overwrite` writes even
  /// over a change made elsewhere (the owner chose to keep theirs).
  func save(_ ds: Dataset, overwrite: Bool) throws(StoreError)
  func appendVisit(_ v: Visit, extra: [String: String]) throws(StoreError)
  func appendVisits(_ visits: [Visit], extra: [[String: String]]) throws(StoreError)
  /// Takes back this session's last appended visit (undo).
  func removeLastAppendedVisit() throws(StoreError)
  /// Tries again to become writable (another writer may have gone); true when it now is.
  func retakeLock() -> Bool
  /// The non-empty values of one of the visit log's own columns (a till's order numbers).
  func visitColumn(_ column: String) throws(StoreError) -> [String]
}

extension Store: RecordStore {
  public var displayName: String { folder }
}
