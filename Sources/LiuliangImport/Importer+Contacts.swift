import LiuliangModel
import LiuliangStore

extension Importer {
  /// Contacts, like complaints: a log without ids, whose customer may be named by id, WeChat
  /// id, phone or a name only one customer has; rows already in the store are not added again.
  mutating func contacts() {
    let people = People(result.dataset)
    var present: [Contact: Int] = [:]
    for c in result.dataset.contacts { present[c, default: 0] += 1 }
    for row in sheet.rows where !Importer.isBlank(row) {
      var f: [String]
      switch fields(row) {
      case .failure(let why):
        reject(row, why)
        continue
      case .success(let v): f = v
      }
      switch people.resolve(f[0]) {
      case .failure(let why):
        reject(row, why)
        continue
      case .success(let id): f[0] = id
      }
      let c: Contact
      do throws(ProblemKind) {
        c = try StoreRows.contact(f)
      } catch {
        reject(row, reason(error))
        continue
      }
      if let n = present[c], n > 0 {
        present[c] = n - 1
        result.unchanged += 1
        continue
      }
      result.dataset.contacts.append(c)
      result.added.append(Change(line: row.line, id: f[0], fields: []))
    }
  }
}
