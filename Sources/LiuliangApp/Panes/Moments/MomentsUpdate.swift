import LiuliangModel
import LiuliangRender

/// The Moments pane: a cursor on the week's grid of days × posting slots, and the posts in it.
extension AppState {
  var slots: [TimeOfDay] { dataset.shop.slots }

  /// The slot under the cursor (nil when the shop has no slots).
  var selectedSlot: TimeOfDay? { slots.isEmpty ? nil : slots[min(momentsPane.slotRow, slots.count - 1)] }

  /// The first post in the cell under the cursor.
  public var selectedPost: Int? {
    let d = selectedDay
    let slot = selectedSlot
    return dataset.posts.indices.first { dataset.posts[$0].date == d && dataset.posts[$0].slot == slot }
  }

  /// A new post id in the file's own pattern (M0001 …).
  func nextPostID() -> String {
    var maker = IDMaker(dataset.posts.map(\.id), defaultPrefix: "M", defaultWidth: 4)
    return maker.make()
  }

}

func momentsAction(_ s: inout AppState, _ action: Action) -> [Effect]? {
  let x = s.text
  switch action {
  case .down: s.momentsPane.slotRow = min(max(0, s.slots.count - 1), s.momentsPane.slotRow + 1)
  case .up: s.momentsPane.slotRow = max(0, s.momentsPane.slotRow - 1)
  case .add:
    guard s.mayEdit(), let slot = s.selectedSlot else { return [] }
    s.overlay = .form(
      postForm(
        s, Post(id: "", date: s.selectedDay, slot: slot, category: .ownerDay),
        .addPost(day: "\(s.selectedDay)", slot: "\(slot)")))
  case .edit:
    guard s.mayEdit(), let i = s.selectedPost else { return [] }
    s.overlay = .form(postForm(s, s.dataset.posts[i], .editPost(id: s.dataset.posts[i].id)))
  case .delete:
    guard s.mayEdit(), let i = s.selectedPost else { return [] }
    s.overlay = .confirm(.deletePost(id: s.dataset.posts[i].id))
  case .fromTemplate:
    guard s.mayEdit(), let slot = s.selectedSlot else { return [] }
    var items: [(label: String, value: PickValue)] = []
    for c in PostCategory.allCases {
      for (k, t) in s.text.templates(category: c.rawValue).enumerated() {
        items.append((s.wording.category(c) + " · " + firstLineOf(t), .template(c, k)))
      }
    }
    s.overlay = .picker(
      Picker(.template(day: "\(s.selectedDay)", slot: "\(slot)"), title: x["picker.template"], items: items))
  case .ideas:
    guard s.mayEdit(), let slot = s.selectedSlot else { return [] }
    let ideas = s.dataset.posts.filter { $0.date == nil }
    guard !ideas.isEmpty else {
      s.flash(x["msg.no_ideas"], error: true)
      return []
    }
    s.overlay = .picker(
      Picker(
        .idea(day: "\(s.selectedDay)", slot: "\(slot)"), title: x["picker.ideas"],
        items: ideas.map {
          (s.wording.category($0.category) + " · " + firstLineOf($0.text), .post(id: $0.id))
        }))
  case .movePostLeft, .movePostRight, .movePostUp, .movePostDown:
    guard s.mayEdit(), let i = s.selectedPost, let slot = s.selectedSlot else { return [] }
    let from = s.selectedDay
    var day = from
    var row = s.momentsPane.slotRow
    switch action {
    case .movePostLeft: day = day.adding(-1)
    case .movePostRight: day = day.adding(1)
    case .movePostUp: row -= 1
    default: row += 1
    }
    guard row >= 0, row < s.slots.count else { return [] }
    let target = s.slots[row]
    var ds = s.dataset
    // A post already in the target cell trades places with the one moved: a swap.
    let other = ds.posts.indices.first { ds.posts[$0].date == day && ds.posts[$0].slot == target }
    if let other {
      ds.posts[other].date = from
      ds.posts[other].slot = slot
    }
    ds.posts[i].date = day
    ds.posts[i].slot = target
    // A posted or skipped post stays on its day, whichever of the two it is.
    if let fixed = s.dataset.historyChanged(to: ds, today: s.today).first {
      s.flash(s.fixedSentence(fixed), error: true)
      return []
    }
    s.momentsPane.slotRow = row
    s.momentsPane.weekOffset += (day.weekStart - s.shownWeek) / 7
    s.momentsPane.day = day.weekday - 1
    if let other {
      return s.commit(
        ds,
        x("done.swapped", ds.posts[i].id, "\(day) \(target)", ds.posts[other].id, "\(from) \(slot)"))
    }
    return s.commit(ds, x("done.moved", ds.posts[i].id, "\(day)", "\(target)"))
  case .duplicate:
    guard s.mayEdit(), let i = s.selectedPost else { return [] }
    var ds = s.dataset
    var copy = ds.posts[i]
    copy.id = s.nextPostID()
    copy.status = .planned
    copy.likes = 0
    copy.comments = 0
    // Into the day's next free slot, so the copy doesn't crowd the original's cell.
    let day = s.selectedDay
    let free = s.slots.first { sl in !ds.posts.contains { $0.date == day && $0.slot == sl } }
    copy.slot = free ?? copy.slot
    ds.posts.append(copy)
    return s.commit(ds, x("done.duplicated", ds.posts[i].id, copy.id))
  case .posted:
    guard let i = s.selectedPost else { return [] }
    let p = s.dataset.posts[i]
    if p.isHistory {
      s.flash(s.fixedSentence(.post(id: p.id)), error: true)
      return []
    }
    guard let date = p.date, date <= s.today else {
      s.flash(x("msg.post_in_future", p.id, p.date?.description ?? ""), error: true)
      return []
    }
    // PRODUCT: marked posted with its likes and comments, asked now while the owner has them.
    s.overlay = .form(
      Form(
        .markPosted(id: p.id), title: x("form.posted_title", p.id, firstLineOf(p.text)),
        [
          // Empty rather than 0, so the number typed is the number saved.
          FormField("field.likes", p.likes == 0 ? "" : "\(p.likes)", .count),
          FormField("field.comments", p.comments == 0 ? "" : "\(p.comments)", .count),
        ]))
  default: return nil
  }
  return []
}

/// The post form's fields, by the file's columns (the id is the store's to give).
let postFormColumns: [PostColumn] = [
  .category, .text, .media, .benefit, .meaning, .fun, .status, .date, .slot, .likes, .comments,
]

func postForm(_ s: AppState, _ p: Post, _ purpose: FormPurpose) -> Form {
  let title =
    purpose == .addPost(day: "\(p.date.map { "\($0)" } ?? "")", slot: "\(p.slot.map { "\($0)" } ?? "")")
    ? s.text("form.add_post", p.date.map { "\($0)" } ?? "", p.slot?.description ?? "")
    : s.text("form.edit_post", p.id)
  var form = Form(
    purpose, title: title,
    postFormColumns.map { column in
      let label = "field." + column.name
      let text = column.format(p)
      switch column {
      case .category: return FormField(label, text, .category)
      case .text: return FormField("field.post_text", text, .required, lines: true)
      case .benefit, .meaning, .fun: return FormField(label, text, .flag)
      case .status: return FormField(label, text, .status)
      case .date: return FormField(label, text, .date)
      case .slot: return FormField(label, text, .slot)
      case .likes, .comments: return FormField(label, text, .count)
      default: return FormField(label, text)
      }
    })
  form.today = s.today
  return form
}

func submitPost(_ s: inout AppState, _ f: Form) -> [Effect] {
  var ds = s.dataset
  var p = Post(id: s.nextPostID(), date: nil, slot: nil, category: .ownerDay)
  var at: Int?
  if case .editPost(let id) = f.purpose, let i = ds.posts.firstIndex(where: { $0.id == id }) {
    p = ds.posts[i]
    at = i
  }
  func field(_ column: PostColumn) -> String { f.fields[postFormColumns.firstIndex(of: column)!].text }
  p.category = PostCategory(rawValue: field(.category)) ?? p.category
  p.text = field(.text)
  p.media = field(.media)
  p.benefit = parseFlag(field(.benefit)) ?? false
  p.meaning = parseFlag(field(.meaning)) ?? false
  p.fun = parseFlag(field(.fun)) ?? false
  p.status = PostStatus(rawValue: field(.status)) ?? .planned
  p.date = Day(field(.date))
  p.slot = TimeOfDay(field(.slot))
  p.likes = Int(field(.likes)) ?? 0
  p.comments = Int(field(.comments)) ?? 0
  if p.date == nil { p.status = .idea }
  if let at {
    ds.posts[at] = p
    return s.commitAsking(ds, s.text("done.post_saved", p.id))
  }
  ds.posts.append(p)
  return s.commit(ds, s.text("done.post_added", p.id))
}

func momentsPicked(_ s: inout AppState, _ purpose: PickerPurpose, _ value: PickValue) -> [Effect] {
  switch purpose {
  case .template(let day, let slot):
    guard case .template(let cat, let k) = value else { return [] }
    let templates = s.text.templates(category: cat.rawValue)
    guard k < templates.count else { return [] }
    // The three tests a category usually passes; the owner adjusts them in the form, where the
    // template's blanks (【数量】, [dish]) must be filled before it saves.
    let useful: Set<PostCategory> = [.sourcing, .video, .promotion, .newDish]
    let meaningful: Set<PostCategory> = [.review, .ownerDay, .sourcing]
    let fun: Set<PostCategory> = [.game, .newDish]
    let p = Post(
      id: "", date: Day(day), slot: TimeOfDay(slot), category: cat, text: templates[k],
      benefit: useful.contains(cat), meaning: meaningful.contains(cat), fun: fun.contains(cat),
      status: .planned)
    var form = postForm(s, p, .addPost(day: day, slot: slot))
    form.placeholders = templateBlanks(templates[k])
    s.overlay = .form(form)
    return []
  case .idea(let day, let slot):
    guard case .post(let id) = value, let i = s.dataset.posts.firstIndex(where: { $0.id == id }) else {
      return []
    }
    var ds = s.dataset
    ds.posts[i].date = Day(day)
    ds.posts[i].slot = TimeOfDay(slot)
    ds.posts[i].status = .planned
    return s.commit(ds, s.text("done.idea_placed", id, day, slot))
  default: return []
  }
}

func deletePost(_ s: inout AppState, _ id: String) -> [Effect] {
  guard let i = s.dataset.posts.firstIndex(where: { $0.id == id }) else { return [] }
  var ds = s.dataset
  ds.posts.remove(at: i)
  return s.commitNamed(ds, s.text("done.post_deleted", id))
}

/// The blanks of a template that the owner fills in: 【…】 and [...].
func templateBlanks(_ t: String) -> [String] {
  var out: [String] = []
  var open: (Character, String)?
  for ch in t {
    if ch == "【" || ch == "[" {
      open = (ch, String(ch))
    } else if var o = open {
      o.1.append(ch)
      if (o.0 == "【" && ch == "】") || (o.0 == "[" && ch == "]") {
        if !out.contains(o.1) { out.append(o.1) }
        open = nil
      } else {
        open = o
      }
    }
  }
  return out
}

/// `p`'s form: the post goes out with the likes and comments it has so far.
func submitPosted(_ s: inout AppState, _ f: Form, _ id: String) -> [Effect] {
  guard let i = s.dataset.posts.firstIndex(where: { $0.id == id }) else { return [] }
  var ds = s.dataset
  ds.posts[i].status = .posted
  ds.posts[i].likes = Int(f.fields[0].text) ?? 0
  ds.posts[i].comments = Int(f.fields[1].text) ?? 0
  return s.commit(ds, s.text("done.status", id, s.wording.status(.posted)))
}
