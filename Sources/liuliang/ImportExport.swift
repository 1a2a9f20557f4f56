import ArgumentParser
import LiuliangCLI
import LiuliangImport
import LiuliangModel
import LiuliangReport
import LiuliangStore
import LiuliangStringFunctions
import LiuliangText

extension Kind: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}

/// `liuliang import FILE`: plans the whole import in memory, then writes the store once (or,
/// with --dry-run, not at all) and the rejected rows beside the input.
struct ImportCommand: ParsableCommand {
  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  static let configuration = CommandConfiguration(commandName: "import", abstract: cliText["import.abstract"])
  @Argument(help: ArgumentHelp(cliText["import.arg.file"], valueName: "FILE"))
  var file: String
  @Option(
    help: ArgumentHelp(
      cliText["import.opt.kind"], valueName: "customers|visits|posts|promotions|complaints|contacts"))
  var kind: Kind = .customers
  @Option(help: ArgumentHelp(cliText["import.opt.map"], valueName: "COLUMN=field"))
  var map: [String] = []
  @Option(help: ArgumentHelp(cliText["import.opt.encoding"], valueName: "utf-8|gb18030"))
  var encoding: TextEncoding?
  @Flag(help: ArgumentHelp(cliText["import.opt.dry_run"]))
  var dryRun = false
  @Flag(help: ArgumentHelp(cliText["import.opt.add_customers"]))
  var addCustomers = false
  @Option(help: ArgumentHelp(cliText["import.opt.format"], valueName: "text|json"))
  var format: Format = .text
  @OptionGroup var store: StoreOptions

  func run() throws {
    WriteLog.installFromEnvironment()
    var wording = Wording(cliText)
    // A chain's store has no folder: the till's fast path (straight onto visits.csv) is the folder's.
    let folder = store.storeURL() == nil ? try store.existingStore() : nil
    let bytes: [UInt8]
    do {
      bytes = try InputFile.read(file)
    } catch {
      throw CLIError(message(error))
    }
    var overrides: [(column: String, field: String)] = []
    for m in map {
      guard let eq = m.lastIndex(of: "="), eq != m.startIndex else {
        throw CLIError(cliText("import.err.map_syntax", m))
      }
      overrides.append((String(m[..<eq]), String(m[m.index(after: eq)...])))
    }
    if let folder, try importPlainTill(bytes, folder: folder) { return }
    let result: ImportResult
    let s: any RecordStore
    do {
      let (sheet, columns) = try ImportInput.read(bytes, encoding: encoding, kind: kind, overrides: overrides)
      s = try store.openStore(readOnly: dryRun)
      adoptShopLanguage(s.dataset.shop)
      wording = Wording(cliText)
      if !dryRun, let r = s.readOnly {
        throw CLIError(cliText("import.err.not_imported", wording.readOnly(r)))
      }
      var options = ImportOptions(addCustomers: addCustomers)
      if kind == .visits {
        do {
          options.existingOrders = Set(try s.visitColumn("order"))
        } catch {
          throw CLIError(wording.error(error))
        }
      }
      result = Importer.plan(sheet, kind: kind, columns: columns, into: s.dataset, options: options)
    } catch let e as ImportError {
      throw CLIError(message(e))
    }
    var rejectsPath = RejectsFile.freeName(Self.rejectsPath(file))
    if !dryRun {
      rejectsPath = try write(result, to: s, rejectsPath: rejectsPath, wording: wording)
    }
    let report = ImportReport(
      result: result, file: file, folder: s.displayName, dryRun: dryRun, rejectsPath: rejectsPath)
    switch format {
    case .text: emit(report.text())
    case .json: emitExact(report.json().serialized() + "\n")
    }
  }

  /// `list.xlsx` → `list.rejects.csv`, in the input's folder.
  static func rejectsPath(_ input: String) -> String {
    let url = URL(fileURLWithPath: input)
    let base =
      url.pathExtension.isEmpty ? url.lastPathComponent : url.deletingPathExtension().lastPathComponent
    let dir = input.droppingLastPathComponent
    return (dir.isEmpty ? "" : dir + "/") + base + ".rejects.csv"
  }

  /// The rejects go to a temp file first and take their name only once the store is saved: a
  /// failed import leaves nothing behind, a saved one always has its rejects beside it.
  /// Returns the name the rejects took (see `RejectsFile`).
  func write(_ result: ImportResult, to s: any RecordStore, rejectsPath: String, wording: Wording) throws
    -> String
  {
    var temp: String?
    if !result.rejects.isEmpty {
      let bytes = result.rejectsCSV(reasonColumn: cliText["import.reason_column"]) { ImportReport.word($0) }
      let made = RejectsFile.writeTemp(bytes, dir: rejectsPath.droppingLastPathComponent)
      guard let t = made.path else {
        throw CLIError(cliText("import.err.write", rejectsPath, Wording(cliText).systemError(made.errno)))
      }
      temp = t
    }
    do {
      if result.kind == .visits {
        // New customers first, so that the visits find them.
        if !result.newCustomers.isEmpty { try s.save(result.dataset, overwrite: false) }
        try s.appendVisits(result.newVisits, extra: result.newVisitExtras)
      } else if result.changesStore {
        try s.save(result.dataset, overwrite: false)
      }
    } catch {
      if let temp { unlink(temp) }
      throw CLIError(wording.error(error))
    }
    guard let temp else { return rejectsPath }
    let published = RejectsFile.publish(temp, as: rejectsPath)
    guard let path = published.path else {
      throw CLIError(cliText("import.err.write", rejectsPath, Wording(cliText).systemError(published.errno)))
    }
    return path
  }

  func message(_ e: ImportError) -> String { Self.message(e, file: file, kind: kind) }

  /// One sentence for an import that can't be planned, for the command line and the dashboard.
  static func message(_ e: ImportError, file: String, kind: Kind) -> String {
    switch e {
    case .undecodable(nil): return cliText("import.err.undecodable", file)
    case .undecodable(let enc?): return cliText("import.err.undecodable_as", file, enc.rawValue)
    case .noHeader: return cliText("import.err.no_header", file)
    case .badWorkbook(let part): return cliText("import.err.workbook", file, part)
    case .entities(let part): return cliText("import.err.xlsx_entities", file, part)
    case .unknownColumn(let c): return cliText("import.err.unknown_column", file, c)
    case .unknownField(let f):
      return cliText("import.err.unknown_field", f, kind.rawValue, kind.columns.joined(separator: ", "))
    case .badMapping(let f): return cliText("import.err.bad_mapping", f)
    case .noDateColumn(let found): return cliText("import.err.no_date", file, found.joined(separator: ", "))
    case .billNeedsVisits(let bill):
      return cliText("import.err.bill_kind", file, cliText["bill." + bill.rawValue])
    case .notText: return cliText("import.err.not_text", file)
    case .tooBig(let mb): return cliText("import.err.too_big", file, mb)
    case .cannotRead(let e): return cliText("import.err.read", file, Wording(cliText).systemError(e))
    case .tooLarge(.column(let ref)): return cliText("import.err.xlsx_column", file, ref)
    case .tooLarge(.row(let r)): return cliText("import.err.xlsx_row", file, r)
    case .tooLarge(.part(let part, let mb)): return cliText("import.err.xlsx_part", file, part, mb)
    case .tooLarge(.sharedStrings(let n)): return cliText("import.err.xlsx_shared", file, n)
    case .tooLarge(.cells(let n)): return cliText("import.err.xlsx_cells", file, n)
    case .tooLarge(.cellText(let mb)): return cliText("import.err.xlsx_text", file, mb)
    case .folder: return cliText("import.err.folder", file)
    case .special: return cliText("import.err.special", file)
    }
  }
}

/// What an import did (or, in a dry run, would do), as text or JSON.
struct ImportReport {
  let result: ImportResult
  let file: String
  let folder: String
  let dryRun: Bool
  let rejectsPath: String

  static func word(_ r: RejectReason) -> String {
    switch r {
    case .unreadable: return cliText["reject.unreadable"]
    case .tooManyCells: return cliText["reject.too_many_cells"]
    case .noIdentity: return cliText["reject.no_identity"]
    case .badValue(let c, let v): return cliText("reject.bad_value", c, v)
    case .missingValue(let c): return cliText("reject.missing_value", c)
    case .notAMobile(let c, let v): return cliText("reject.not_a_mobile", c, v)
    case .twoCustomers(let a, let b): return cliText("reject.two_customers", a, b)
    case .unknownCustomer(let c): return cliText("reject.unknown_customer", c)
    case .ambiguousCustomer(let c): return cliText("reject.ambiguous_customer", c)
    case .unknownPromotion(let p): return cliText("reject.unknown_promotion", p)
    case .visitLimit(let c, let v, let l): return cliText("reject.visit_limit", c, v, l)
    case .promotionLimit(let p, let n): return cliText("reject.promotion_limit", p, n, Visit.promotionLimit)
    }
  }

  var mapping: [(String, String)] {
    result.columns.field.enumerated().compactMap { k, c in
      c.map { (result.header[$0], result.kind.columns[k]) }
    }
      + result.kind.lookups.compactMap { name in result.columns.lookup[name].map { (result.header[$0], name) }
      }
  }

  func text() -> String {
    var lines = [cliText("import.report.title", file, folder, result.kind.rawValue)]
    if dryRun { lines.append(cliText["import.report.dry_run"]) }
    lines.append(
      cliText("import.report.mapping", mapping.map { "\($0.0) → \($0.1)" }.joined(separator: ", ")))
    if !result.extraColumns.isEmpty {
      lines.append(cliText("import.report.extra", result.extraColumns.joined(separator: ", ")))
    }
    lines.append(cliText("import.report.added", result.added.count))
    if result.kind == .visits {
      // A log has nothing to merge into: what matters is who the visits found.
      lines += visitLines()
    } else {
      lines.append(cliText("import.report.merged", result.merged.count))
      for m in result.merged {
        lines.append("  " + cliText("import.report.merge", m.line, m.id, m.fields.joined(separator: ", ")))
      }
      lines += controlNameLines()
      lines.append(cliText("import.report.unchanged", result.unchanged))
      lines.append(cliText("import.report.conflicts", result.conflicts.count))
      for c in result.conflicts {
        lines.append(
          "  " + cliText("import.report.conflict", c.line, c.id, c.name, c.field, c.kept, c.offered))
      }
    }
    if result.rejects.isEmpty {
      lines.append(cliText("import.report.rejected_none"))
    } else {
      lines.append(
        cliText(
          dryRun ? "import.report.rejected_dry" : "import.report.rejected", result.rejects.count, rejectsPath)
      )
      for r in result.rejects {
        lines.append("  " + cliText("import.report.reject", r.line, ImportReport.word(r.reason)))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Where the visits came from and who they found, with the first lines of each group.
  func visitLines() -> [String] {
    // Only the first six lines are taken: a till's million rows are not copied to name five.
    func first(_ lines: some Sequence<Int>) -> String {
      let head = Array(lines.prefix(6))
      return head.prefix(5).map(String.init).joined(separator: ", ") + (head.count > 5 ? " …" : "")
    }
    var out: [String] = []
    if let bill = result.bill {
      out.append(
        cliText(
          "import.report.bill", cliText["bill." + bill.rawValue], result.gifts.count, result.refunds.count,
          result.skipped))
    }
    let matched = result.added.lazy.filter { !$0.id.isEmpty }.map(\.line)
    let walkIns = result.added.lazy.filter { $0.id.isEmpty }.map(\.line)
    out.append(cliText("import.report.visits", result.matched, result.walkIns))
    if !matched.isEmpty { out.append("  " + cliText("import.report.matched_first", first(matched))) }
    if !walkIns.isEmpty { out.append("  " + cliText("import.report.walk_ins_first", first(walkIns))) }
    if !result.unmatched.isEmpty {
      out.append(cliText("import.report.unmatched", result.unmatched.count))
      for u in result.unmatched.prefix(5) {
        out.append("  " + cliText("import.report.reject", u.line, u.value))
      }
    }
    if !result.newCustomers.isEmpty {
      out.append(cliText("import.report.new_customers", result.newCustomers.count))
      out.append("  " + cliText("import.report.first_lines", first(result.newCustomers.map(\.line))))
    }
    out.append(cliText("import.report.already", result.alreadyThere.count))
    if !result.alreadyThere.isEmpty {
      out.append("  " + cliText("import.report.first_lines", first(result.alreadyThere)))
    }
    return out
  }

  func json() -> JSON {
    .object(
      visitJSON() + [
        ("file", .string(file)), ("store", .string(folder)), ("kind", .string(result.kind.rawValue)),
        ("dry_run", .bool(dryRun)),
        ("columns", .object(mapping.map { ($0.0, .string($0.1)) })),
        ("extra_columns", .array(result.extraColumns.map { .string($0) })),
        ("added", .int(result.added.count)),
        (
          "added_rows",
          .array(result.added.map { .object([("line", .int($0.line)), ("id", .string($0.id))]) })
        ),
        (
          "merged",
          .array(
            result.merged.map {
              .object([
                ("line", .int($0.line)), ("id", .string($0.id)),
                ("fields", .array($0.fields.map { .string($0) })),
              ])
            })
        ),
        ("unchanged", .int(result.unchanged)),
        ("control_names", controlNameJSON()),
        (
          "conflicts",
          .array(
            result.conflicts.map {
              .object([
                ("line", .int($0.line)), ("id", .string($0.id)), ("name", .string($0.name)),
                ("field", .string($0.field)), ("kept", .string($0.kept)), ("offered", .string($0.offered)),
              ])
            })
        ),
        ("rejected", .int(result.rejects.count)),
        ("rejects_file", result.rejects.isEmpty ? .null : .string(rejectsPath)),
        (
          "rejects",
          .array(
            result.rejects.map {
              .object([("line", .int($0.line)), ("reason", .string(ImportReport.word($0.reason)))])
            })
        ),
      ])
  }
}

extension ImportReport {
  /// The visit counts of `visitLines`, for scripts; empty for other kinds.
  func visitJSON() -> [(String, JSON)] {
    guard result.kind == .visits else { return [] }
    let lines = { (l: [Int]) in JSON.array(l.map { .int($0) }) }
    return [
      ("bill", result.bill.map { .string($0.rawValue) } ?? .null),
      ("matched", .int(result.matched)), ("walk_ins", .int(result.walkIns)),
      (
        "unmatched",
        .array(result.unmatched.map { .object([("line", .int($0.line)), ("value", .string($0.value))]) })
      ),
      ("new_customers", .array(result.newCustomers.map { .string($0.id) })),
      ("already_there", lines(result.alreadyThere)),
      ("gifts", lines(result.gifts)), ("refunds", lines(result.refunds)), ("skipped", .int(result.skipped)),
    ]
  }
}
