import LiuliangModel
import LiuliangStore

/// The version of every row as this store last read or wrote it. A write names the version it
/// saw; the server refuses it when the row moved on meanwhile (someone else changed it).
struct Versions {
  var shop: Int64 = 0
  var customers: [String: Int64] = [:]
  /// The customers' `id,version` lines as read, made into `customers` by the first save: a
  /// million ids hashed would be a good part of a big chain's load, for a dashboard that may
  /// save nothing.
  var customerLines: [UInt8]?

  mutating func readCustomers() {
    guard let lines = customerLines else { return }
    customers = Versions.byID(lines)
    customerLines = nil
  }
  var posts: [String: Int64] = [:]
  var promotions: [String: Int64] = [:]
  /// Complaints and contacts have no id: their row number and version, in order.
  var complaints: [(n: Int64, version: Int64)] = []
  var contacts: [(n: Int64, version: Int64)] = []

  /// `id,version` lines from COPY.
  static func byID(_ bytes: [UInt8]) -> [String: Int64] {
    var out: [String: Int64] = [:]
    for (k, v) in pairs(bytes) where out[k] == nil { out[k] = v }
    return out
  }

  static func byPlace(_ bytes: [UInt8]) -> [(n: Int64, version: Int64)] {
    pairs(bytes).map { (Int64($0.0) ?? 0, $0.1) }
  }

  /// The two fields of each CSV line; the key may be quoted (an id holding a comma).
  static func pairs(_ bytes: [UInt8]) -> [(String, Int64)] {
    var out: [(String, Int64)] = []
    bytes.withUnsafeBufferPointer { b in
      CSV.parse(b) { r in
        if r.count == 2 { out.append((r.field(0), Int64(r.field(1)) ?? 0)) }
      }
    }
    return out
  }
}
