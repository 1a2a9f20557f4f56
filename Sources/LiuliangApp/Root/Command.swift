import LiuliangModel

/// The `:` command line: words that do what a key does, plus what has no key.
public enum Command {
  /// The commands as `?` lists them: how each is written, and the strings key of what it does.
  /// A pane's id (or number) opens that pane and is not listed here.
  public static let usages: [(usage: String, help: String)] = [
    (":setup", "cmd.setup"),
    (":import FILE [KIND]", "cmd.import"),
    (":export [FOLDER]", "cmd.export"),
    (":date YYYY-MM-DD", "cmd.date"),
    (":mask", "cmd.mask"),
    (":problems", "cmd.problems"),
    (":messages", "cmd.messages"),
    (":message KIND TEXT", "cmd.message"),
    (":retry", "cmd.retry"),
    (":keep", "cmd.keep"),
    (":reload", "cmd.reload"),
    (":help", "cmd.help"),
    (":quit", "cmd.quit"),
  ]

  /// Command words, for the message that answers an unknown one.
  public static var names: [String] {
    usages.map { String($0.usage.dropFirst().prefix { $0 != " " }) } + Pane.allCases.map(\.id)
  }

  /// The words of a command line as a shell splits them: `'…'` and `"…"` keep spaces, and a
  /// backslash takes the next character as it is, so `:import "friends list.xlsx"` and
  /// `:import friends\ list.xlsx` name one file.
  public static func words(_ line: String) -> [String] {
    var out: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for c in line {
      if escaped {
        word.append(c)
        escaped = false
      } else if c == "\\" && quote != "'" {
        escaped = true
        inWord = true
      } else if let q = quote {
        if c == q { quote = nil } else { word.append(c) }
      } else if c == "'" || c == "\"" {
        quote = c
        inWord = true
      } else if c == " " || c == "\t" {
        if inWord { out.append(word) }
        word = ""
        inWord = false
      } else {
        word.append(c)
        inWord = true
      }
    }
    if escaped { word.append("\\") }
    if inWord { out.append(word) }
    return out
  }
}

extension Command {
  /// A word that `words` reads back as itself: quoted when it holds a space or a quote.
  static func quoted(_ w: String) -> String {
    guard w.contains(where: { " \t'\"\\".contains($0) }) else { return w }
    return "'" + w.replacing("'", with: "'\\''") + "'"
  }
}

func runCommand(_ s: inout AppState, _ line: String) -> [Effect] {
  let words = Command.words(line)
  guard let head = words.first?.lowercased() else { return [] }
  let arg = words.count > 1 ? words[1] : nil
  switch head {
  case "q", "quit", "exit": return s.leave(.quit)
  case "r", "reload", "e": return s.leave(.reload)
  case "retry", "w", "write": return s.retry()
  case "h", "help": s.overlay = .help(offset: 0)
  case "import":
    guard let path = arg else {
      s.flash(s.text["msg.import_usage"], error: true)
      return []
    }
    guard s.mayEdit() else { return [] }
    let kind = words.count > 2 ? words[2] : "customers"
    return [.planImport(path: path, kind: kind)]
  case "keep":
    guard let ds = s.pendingOverwrite else {
      if !s.unsaved.isEmpty { return s.retry() }
      s.flash(s.text["msg.nothing_to_keep"], error: true)
      return []
    }
    s.pendingOverwrite = nil
    var effects = s.commitNamed(ds, s.text["done.kept"])
    effects = effects.map { if case .save(let d) = $0 { return .overwrite(d) } else { return $0 } }
    return effects
  case "messages": s.todayPane.queue.showsTemplates = true
  case "message": return setTemplate(&s, words)
  case "problems":
    guard !s.problems.isEmpty else {
      s.flash(s.text["status.no_problems"])
      return []
    }
    s.overlay = .picker(
      Picker(
        .problems, title: s.text.counted("picker.problems", s.problems.count),
        items: s.problems.enumerated().map { (s.wording.problem($0.element), .problem($0.offset)) }))
  case "export": return exportCustomers(&s, to: arg)
  case "setup": openSetup(&s)
  case "mask":
    s.maskPhones.toggle()
    s.flash(s.text[s.maskPhones ? "msg.mask_on" : "msg.mask_off"])
  case "date":
    guard let a = arg, let d = Day(a) else {
      s.flash(s.text("msg.bad_date", arg ?? ""), error: true)
      return []
    }
    s.setData(s.dataset, problems: s.problems, today: d)
    s.flash(s.text("msg.date_set", d))
  default:
    // A pane by its id or its number key: `:churn`, `:5`.
    if let p = Pane.allCases.first(where: { $0.id == head }) ?? Int(head).flatMap(Pane.init(rawValue:)) {
      s.pane = p
      return []
    }
    s.flash(s.text("msg.unknown_command", head, Command.names.joined(separator: " ")), error: true)
  }
  return []
}
