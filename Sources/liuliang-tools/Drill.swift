import ArgumentParser
import LiuliangCLI
import LiuliangGenerator
import LiuliangModel
import LiuliangReport
import LiuliangStore
import LiuliangText

/// The crash drill behind scripts/crash-test: `write` edits a store through the same Store
/// calls the dashboard uses, as fast as it can, logging every version a file is about to take;
/// `check` proves, after the writer was killed, that each file is a whole version and that no
/// row went missing. In liuliang-tools: a tool for testing the store, not for the shop.
struct DrillCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "drill", abstract: cliText["drill.abstract"],
    subcommands: [DrillWrite.self, DrillCheck.self, DrillRead.self])
}

struct DrillWrite: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "write", abstract: cliText["drill.write"])
  @Option(name: .long) var data: String
  @Option(name: .long) var seed: UInt64 = 1
  @Option(name: .long) var count: Int = 1_000_000

  func run() throws {
    WriteLog.installFromEnvironment()
    let store: Store
    do {
      store = try Store(folder: data, mode: .readWrite)
    } catch {
      throw CLIError(Wording(cliText).error(error))
    }
    if let r = store.readOnly { throw CLIError(Wording(cliText).readOnly(r)) }
    var rng = SeededRandom(seed: seed)
    // The store's own tags (the demo's are Chinese), and the texts CSV has to quote.
    let tags = Array(Set(store.dataset.customers.lazy.flatMap(\.tags))).sorted()
    let local = tags.isEmpty ? ["tag"] : tags
    let words = local + ["VIP", "a,b", "say \"hi\"", local[0] + "\n" + local[local.count - 1]]
    for step in 0..<count {
      var ds = store.dataset
      let roll = Int.random(in: 0..<100, using: &rng)
      do {
        if roll < 30, !ds.customers.isEmpty {
          // A visit is the dashboard's most common write: one appended row.
          let c = Int32.random(in: 0..<Int32(ds.customers.count), using: &rng)
          let v = Visit(
            customer: c, date: Day(year: 2026, month: 11, day: 16)!, time: TimeOfDay(minutes: 720),
            amount: Money(fen: Int64.random(in: 100...99_999, using: &rng)), party: 2)
          try store.appendVisit(v)
          continue
        }
        if roll < 40 {
          let name = local[step % local.count] + "\(step)"
          ds.customers.append(Customer(id: "D\(seed)-\(step)", name: name, tags: ["drill"]))
        } else if roll < 45, !ds.posts.isEmpty {
          let i = Int.random(in: 0..<ds.posts.count, using: &rng)
          ds.posts[i].likes = Int.random(in: 0...500, using: &rng)
        } else if !ds.customers.isEmpty {
          let i = Int.random(in: 0..<ds.customers.count, using: &rng)
          // Notes grow and shrink, so versions differ in length as well as in content.
          let note = words.randomElement(using: &rng)!
          ds.customers[i].notes = ds.customers[i].notes.count > 40 ? note : ds.customers[i].notes + note
        }
        try store.save(ds)
      } catch {
        throw CLIError(Wording(cliText).error(error))
      }
    }
  }
}

struct DrillCheck: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "check", abstract: cliText["drill.check"])
  @Option(name: .long) var data: String
  @Option(name: .long) var before: String
  @Option(name: .long) var log: String

  func run() throws {
    var allowed: [String: Set<String>] = [:]
    let logText = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    for line in logText.split(separator: "\n") {
      let parts = line.split(separator: " ")
      guard parts.count == 3 else { continue }
      allowed[String(parts[0]), default: []].insert(parts[1] + " " + parts[2])
    }
    let fm = FileManager.default
    var failures: [String] = []
    var names = Set((try? fm.contentsOfDirectory(atPath: before)) ?? [])
    names.formUnion(allowed.keys)
    var leftovers = 0
    for name in (try? fm.contentsOfDirectory(atPath: data)) ?? [] {
      if name.hasPrefix(".liuliang-tmp-") {
        leftovers += 1
      } else if !name.hasPrefix(".") {
        names.insert(name)
      }
    }
    func version(_ path: String) -> String? {
      fm.contents(atPath: path).map { "\(String(fingerprint($0), radix: 16)) \($0.count)" }
    }
    for name in names.sorted() where !name.hasPrefix(".") {
      let now = version(data + "/" + name)
      let old = version(before + "/" + name)
      if now == old { continue }
      guard let now else {
        failures.append(cliText("drill.missing", name))
        continue
      }
      if allowed[name]?.contains(now) != true { failures.append(cliText("drill.torn", name, now)) }
    }
    // Every row that was there before is there after: records by id, visits by count, and no
    // row became a problem.
    do {
      let old = try Store(folder: before, mode: .readOnly)
      let new = try Store(folder: data, mode: .readOnly)
      let ids = Set(new.dataset.customers.map(\.id))
      for c in old.dataset.customers where !ids.contains(c.id) {
        failures.append(cliText("drill.lost", c.id))
      }
      if new.dataset.visits.count < old.dataset.visits.count {
        failures.append(cliText("drill.lost_visits", old.dataset.visits.count, new.dataset.visits.count))
      }
      if new.dataset.posts.count < old.dataset.posts.count {
        failures.append(cliText("drill.lost", "posts.csv"))
      }
      let known = Set(old.problems.map { "\($0.kind)" })
      for p in new.problems where !known.contains("\(p.kind)") {
        failures.append(cliText("drill.new_problem", p.description))
      }
      emit(
        cliText("drill.summary", new.dataset.customers.count, new.dataset.visits.count, leftovers) + "\n")
    } catch {
      failures.append(Wording(cliText).error(error))
    }
    for f in failures { emit(f + "\n") }
    if !failures.isEmpty { throw ExitCode(1) }
  }
}
