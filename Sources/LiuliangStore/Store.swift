import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The store folder: loads every file into a `Dataset`, keeps what it could not read, and
/// writes changes back atomically — never over a file someone else changed meanwhile, never
/// while another liuliang holds the folder.
public final class Store {
  public let folder: String
  public internal(set) var dataset: Dataset
  public private(set) var problems: [Problem] = []
  /// Why changes can't be saved, or nil when this process holds the folder.
  public internal(set) var readOnly: ReadOnlyReason?

  var tables: [Kind: TableFile] = [:]
  var signatures: [String: FileSignature] = [:]
  /// The records as loaded or last saved, to tell changed records from unchanged ones.
  var saved: Dataset
  var lock: FolderLock?
  /// The log's state before each append of this session, newest last, so an append can be undone.
  var appends: [(before: FileSignature, visits: Int, table: TableFile)] = []
  /// The same for contacts.csv: its size and table before each append, and the contacts then.
  var contactAppends: [(size: Int64, contacts: Int, mark: TableFile.Mark)] = []
  /// Told of each file as loading starts and finishes it (the dashboard's loading screen).
  let progress: LoadProgress?
  /// The files' bytes when they come from elsewhere than the folder (a database's COPY).
  var memory: [String: [UInt8]]?
  var lateVisits: (() -> [UInt8])?

  public enum Mode: Sendable {
    /// Take the lock.
    case readWrite
    /// Read only, no lock (scriptable commands that only report).
    case readOnly
  }

  /// Opens the store. A missing folder is an error in either mode: a folder is made only when
  /// asked for, by `initialize` (a mistyped --data must not become an empty shop).
  public init(folder: String, mode: Mode, progress: LoadProgress? = nil) throws(StoreError) {
    self.progress = progress
    self.folder = folder
    dataset = Dataset()
    saved = dataset
    switch Files.isDirectory(folder) {
    case nil: throw .folderMissing(folder)
    case false?: throw .notAFolder(folder)
    case true?: break
    }
    if mode == .readWrite {
      switch FolderLock.acquire(folder: folder) {
      case .success(let l):
        lock = l
        Files.removeLeftovers(folder: folder)
        // A linked customers.csv is read (it is the owner's), never written: see `notAFile`.
        if let special = Store.fileNames.first(where: { Files.isSpecial(folder + "/" + $0) }) {
          readOnly = .notAFile(special)
          lock = nil
        }
      case .failure(let reason): readOnly = reason
      }
    } else {
      readOnly = .requested
    }
    try load()
  }

  /// A store read from its files' bytes in memory (a database's COPY), never written here.
  /// `visits`, when given, gives the log's bytes once the other files are read: a chain's log
  /// is still arriving while they are.
  public init(bytes: [String: [UInt8]], name: String, visits: (() -> [UInt8])? = nil) throws(StoreError) {
    folder = name
    progress = nil
    dataset = Dataset()
    saved = dataset
    memory = bytes
    lateVisits = visits
    readOnly = .requested
    try load()
    memory = nil
    lateVisits = nil
  }

  /// Reads every file again, dropping unsaved knowledge of the old contents.
  public func load() throws(StoreError) {
    var problems: [Problem] = []
    var ds = Dataset()
    contactAppends = []
    signatures[ShopFile.name] = Files.signature(path(ShopFile.name))
    if let bytes = try bytes(ShopFile.name) {
      let (shop, p) = ShopFile.parse(String(decoding: bytes, as: UTF8.self))
      ds.shop = shop
      problems += p
    }
    signatures[MessagesFile.name] = Files.signature(path(MessagesFile.name))
    if let bytes = try bytes(MessagesFile.name) {
      let (m, p) = MessagesFile.parse(String(decoding: bytes, as: UTF8.self))
      ds.shop.messages = m
      problems += p
    }
    var tables: [Kind: TableFile] = [:]
    var notes: [Problem] = []
    func read<R>(
      _ kind: Kind, plain: PlainDecoder<R>? = nil, ahead: PlainAhead? = nil, _ decode: RowDecoder<R>
    ) throws(StoreError) -> [R] {
      signatures[kind.fileName] = Files.signature(path(kind.fileName))
      tell(kind.fileName, done: false)
      defer { tell(kind.fileName, done: true) }
      var table = TableFile(kind: kind)
      var out: [R] = []
      if kind == .visits, let m = memory {
        out =
          (lateVisits?() ?? m[kind.fileName])?.withUnsafeBufferPointer { b in
            table.read(
              buffer: b, kind: kind, problems: &problems, notes: &notes, plain: plain, ahead: ahead,
              decode: decode)
          } ?? []
      } else if kind == .visits {
        out =
          try Files.withMapped(path(kind.fileName), name: kind.fileName) { b, release in
            table.read(
              buffer: b, kind: kind, problems: &problems, notes: &notes, release: release, plain: plain,
              ahead: ahead, decode: decode)
          } ?? []
      } else {
        let read = try TableFile.read(
          kind, path: memory == nil ? path(kind.fileName) : nil, bytes: memory?[kind.fileName], decode)
        (out, table) = (read.records, read.table)
        problems += read.problems
        notes += read.notes
      }
      tables[kind] = table
      return out
    }
    ds.customers = ChunkedArray(
      try read(.customers) { r, notes throws(ProblemKind) in try RecordCodec.checkedCustomer(r, notes: &notes)
      })
    let contactsPath = path(Kind.contacts.fileName)
    signatures[Kind.contacts.fileName] = Files.signature(contactsPath)
    tell(Kind.contacts.fileName, done: false)
    let contacts = readBeside(
      .contacts, path: memory == nil ? contactsPath : nil, bytes: memory?[Kind.contacts.fileName],
      size: signatures[Kind.contacts.fileName]?.size ?? 0, told: progress
    ) { r, _ throws(ProblemKind) in try RecordCodec.contact(r) }
    // Whatever the rest does, the contacts' thread is done before the load returns or throws.
    defer { _ = contacts.value }
    ds.promotions = try read(.promotions) { r, _ throws(ProblemKind) in try RecordCodec.promotion(r) }
    ds.posts = try read(.posts) { r, _ throws(ProblemKind) in try RecordCodec.post(r) }
    ds.complaints = try read(.complaints) { r, _ throws(ProblemKind) in try RecordCodec.complaint(r) }
    // The customers' ids read where they lie: a customer copied out counts a reference to each string.
    let customerBytes = uniqueIDs(
      &ds.customers, \.id, ids: ds.customers.mapAt { $0.pointee.id }, kind: .customers, tables: &tables,
      problems: &problems)
    _ = uniqueIDs(&ds.posts, \.id, kind: .posts, tables: &tables, problems: &problems)
    let promoBytes = uniqueIDs(&ds.promotions, \.id, kind: .promotions, tables: &tables, problems: &problems)
    let visits = customerBytes.withView { customers in
      promoBytes.withView { promotions in
        Result { () throws(StoreError) in
          try read(
            .visits,
            plain: { RecordCodec.plainVisit($0.field, customers: customers, promotions: promotions) },
            ahead: PlainAhead(column: VisitColumn.customer.rawValue) { customers.place($0) }
          ) {
            (r: RowReader, notes: inout [Problem]) throws(ProblemKind) in
            if let v = RecordCodec.plainVisit(r.plainBytes, customers: customers, promotions: promotions) {
              return v
            }
            let (v, unknown) = try RecordCodec.visit(
              r, customer: { customerBytes.lookup($0) }, promotion: { promoBytes.lookup($0) })
            if let unknown {
              notes.append(Problem(file: Kind.visits.fileName, line: r.record.line, kind: unknown))
            }
            return v
          }
        }
      }
    }
    ds.visits = VisitLog(try visits.get())
    let read = try contacts.value.get()
    ds.contacts = read.records
    tables[.contacts] = read.table
    problems += read.problems
    notes += read.notes
    let unknownRefs = notes
    // A reference to a row that is itself unreadable is not a second problem.
    let unreadable = tables[.customers]!.keptIDs().union(tables[.promotions]!.keptIDs())
    problems += unknownRefs.filter { p in
      switch p.kind {
      case .unknownCustomer(let id), .unknownPromotion(let id): return !unreadable.contains(id)
      default: return true
      }
    }
    let complaintCustomers = ds.complaints.map { c in
      c.customer.isEmpty ? -1 : customerBytes.lookup(c.customer) ?? -1
    }
    for (k, c) in ds.complaints.enumerated()
    where !c.customer.isEmpty && complaintCustomers[k] < 0 && !unreadable.contains(c.customer) {
      let line = tables[.complaints]!.lineOfRecord(k)
      problems.append(Problem(file: Kind.complaints.fileName, line: line, kind: .unknownCustomer(c.customer)))
    }
    let (unknownContacts, contactCustomers) = contactCustomers(
      ds, customerBytes, unreadable: unreadable, tables: tables)
    problems += unknownContacts
    ds.foundCustomers = FoundCustomers(
      of: ds.customers, contacts: ds.contacts, contactCustomers, complaints: ds.complaints, complaintCustomers
    )
    problems.sort { ($0.file, $0.line) < ($1.file, $1.line) }
    // Every problem with a line is found: no later step asks where a row was.
    for k in tables.keys { tables[k]!.rowLines = [] }
    self.tables = tables
    self.problems = problems
    dataset = ds
    saved = ds
    // The log is only appended to, never compared: what was saved of it needs no record.
    saved.visits = []
  }

  /// The index of the records' ids (`ids`, when the caller has them). Of equal ids the first row
  /// wins; later ones are problems, their rows kept verbatim.
  func uniqueIDs<C: RandomAccessCollection & RangeReplaceableCollection>(
    _ records: inout C, _ id: KeyPath<C.Element, String>, ids: [String]? = nil, kind: Kind,
    tables: inout [Kind: TableFile], problems: inout [Problem]
  ) -> ByteIDIndex where C.Index == Int {
    let index = ByteIDIndex(ids ?? records.map { $0[keyPath: id] })
    tables[kind]!.idsDistinct = true
    guard !index.duplicates.isEmpty else { return index }
    let t = tables[kind]!
    for (i, first) in index.duplicates {
      problems.append(
        Problem(
          file: kind.fileName, line: t.lineOfRecord(i),
          kind: .duplicateID(records[i][keyPath: id], firstLine: t.lineOfRecord(first))))
    }
    for (i, _) in index.duplicates.reversed() {
      records.remove(at: i)
      tables[kind]!.keepVerbatim(record: i)
    }
    return ByteIDIndex(records.map { $0[keyPath: id] })
  }

  /// The store's own files: their presence makes a folder a store, and none may be a link.
  static let fileNames = [ShopFile.name] + Kind.allCases.map(\.fileName)

  /// Files whose bytes on disk are no longer those this store read or wrote.
  public func changedOnDisk() -> [String] {
    signatures.keys.sorted().filter { Files.signature(path($0)) != signatures[$0] }
  }

  func checkWritable(_ name: String, overwrite: Bool = false) throws(StoreError) {
    if let r = readOnly { throw .readOnly(r) }
    try checkFolder()
    if !overwrite && Files.signature(path(name)) != signatures[name] { throw .changedOnDisk(file: name) }
  }

  /// Saves every kind whose records differ from what is on disk. Each file is replaced
  /// atomically; visits are never rewritten here (they only grow, through `appendVisit`).
  /// `overwrite` writes even over files someone else changed since they were read: only when
  /// the owner chose to keep their version over the other one.
  public func save(_ ds: Dataset, overwrite: Bool = false) throws(StoreError) {
    var jobs: [Rewrite] = []
    if ds.customers != saved.customers {
      // Outside the chunks the two lists don't share, every customer is the saved one.
      let unshared = ds.customers.unsharedRanges(with: saved.customers)
      jobs.append(
        rewrite(
          ds.customers, saved.customers, .customers,
          unchanged: { j in !unshared.contains { $0.contains(j) } },
          RecordCodec.fields, decode: Decoders.customer, collect: { ChunkedArray($0) }))
    }
    if ds.posts != saved.posts {
      jobs.append(rewrite(ds.posts, saved.posts, .posts, RecordCodec.fields, decode: Decoders.post) { $0 })
    }
    if ds.promotions != saved.promotions {
      jobs.append(
        rewrite(ds.promotions, saved.promotions, .promotions, RecordCodec.fields, decode: Decoders.promotion)
        { $0 })
    }
    if ds.complaints != saved.complaints {
      jobs.append(
        rewrite(ds.complaints, saved.complaints, .complaints, RecordCodec.fields, decode: Decoders.complaint)
        { $0 })
    }
    let newContacts = appendedContacts(ds)
    let cutBack = newContacts == nil ? contactsCutBack(ds) : nil
    if ds.contacts != saved.contacts && newContacts == nil && cutBack == nil {
      jobs.append(
        rewrite(ds.contacts, saved.contacts, .contacts, RecordCodec.fields, decode: Decoders.contact) { $0 })
    }
    if newContacts != nil || cutBack != nil {
      try checkWritable(Kind.contacts.fileName, overwrite: overwrite)
      if tables[.contacts]?.unreadableHeader == true { throw .unwritableFile(Kind.contacts.fileName) }
    }
    // Check every file first, so a save is refused whole rather than half done.
    for job in jobs {
      try checkWritable(job.kind.fileName, overwrite: overwrite)
      if tables[job.kind]?.unreadableHeader == true { throw .unwritableFile(job.kind.fileName) }
    }
    try write(jobs, of: ds, overwrite: overwrite)
    if messagesChanged(ds) { try saveMessages(ds, overwrite: overwrite) }
    if let newContacts { try appendContacts(newContacts, of: ds) }
    if let cutBack { try cutContacts(back: cutBack, to: ds) }
    let visits = dataset.visits
    dataset = ds
    dataset.visits = visits
    saved.customers = ds.customers
    saved.posts = ds.posts
    saved.promotions = ds.promotions
    saved.complaints = ds.complaints
    saved.contacts = ds.contacts
    saved.shop = ds.shop
    dataset.shop = ds.shop
  }

  /// Writes the whole store as `ds` into a folder that has no store yet (the generator's way);
  /// `durable: false` skips the fsyncs, for a throwaway copy.
  public static func create(folder: String, _ ds: Dataset, durable: Bool = true) throws(StoreError) {
    guard Files.makeFolder(folder) else { throw .cannotWrite(file: folder, errno: errno) }
    try Files.writeAtomically(
      folder: folder, name: ShopFile.name, bytes: Array(ShopFile.text(ds.shop).utf8), durable: durable)
    func write<C: Collection>(_ kind: Kind, _ records: C, _ fields: (C.Element) -> [String])
      throws(StoreError)
    {
      // liuliang's own columns go in only when some record has a value for them.
      let rows = records.map(fields)
      let keep = kind.columns.indices.filter { k in
        !kind.optionalColumns.contains(kind.columns[k]) || rows.contains { !$0[k].isEmpty }
      }
      var out: [UInt8] = []
      CSV.appendRecord(keep.map { kind.columns[$0] }, lineEnding: [CSV.lf], to: &out)
      for r in rows { CSV.appendRecord(keep.map { r[$0] }, lineEnding: [CSV.lf], to: &out) }
      try Files.writeAtomically(folder: folder, name: kind.fileName, bytes: out, durable: durable)
    }
    try write(.customers, ds.customers, RecordCodec.fields)
    try write(.promotions, ds.promotions, RecordCodec.fields)
    try write(.posts, ds.posts, RecordCodec.fields)
    try write(.complaints, ds.complaints, RecordCodec.fields)
    try write(.contacts, ds.contacts, RecordCodec.fields)
    // The log is written without a String per field: it is most of a big store's bytes.
    var out: [UInt8] = []
    out.reserveCapacity(64 + ds.visits.count * 40)
    CSV.appendRecord(Kind.visits.columns, lineEnding: [CSV.lf], to: &out)
    var promotionIDs: [[UInt8]] = []
    for p in ds.promotions {
      var b: [UInt8] = []
      CSV.appendField(p.id, to: &b)
      promotionIDs.append(b)
    }
    for v in ds.visits {
      if v.customer >= 0 { CSV.appendField(ds.customers[Int(v.customer)].id, to: &out) }
      RecordCodec.appendFields(
        v, promotionID: v.promotion >= 0 ? promotionIDs[Int(v.promotion)] : [], to: &out)
    }
    try Files.writeAtomically(folder: folder, name: Kind.visits.fileName, bytes: out, durable: durable)
  }

  /// Appends one visit to visits.csv and to the dataset: the log is never rewritten, except
  /// once to add a column of `extra` it lacks (see `appendVisits`).
  public func appendVisit(_ v: Visit, extra: [String: String] = [:]) throws(StoreError) {
    let name = Kind.visits.fileName
    try checkWritable(name)
    let missing = missingLogColumns([extra])
    if !missing.isEmpty { try widenLog(with: missing) }
    let ds = dataset
    let fields = RecordCodec.fields(
      v, customerID: v.customer >= 0 ? ds.customers[Int(v.customer)].id : "",
      promotionID: v.promotion >= 0 ? ds.promotions[Int(v.promotion)].id : "")
    let bytes = tables[.visits]!.appendBytes(fields, extra: extra)
    let before = Files.signature(path(name))
    try Files.append(folder: folder, name: name, bytes: bytes)
    appends.append((before: before, visits: dataset.visits.count, table: tables[.visits]!))
    signatures[name] = Files.signature(path(name))
    tables[.visits]!.appended(bytes)
    dataset.visits.append(v)
  }

  /// Releases the lock (also released when the process ends, however it ends).
  public func close() { lock = nil }
}
