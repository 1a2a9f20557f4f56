import LiuliangModel
import LiuliangRender

func confirmKey(_ s: inout AppState, _ key: Key, _ purpose: ConfirmPurpose) -> [Effect] {
  switch key {
  case .char("y"), .char("Y"):
    s.overlay = .none
    switch purpose {
    case .deleteCustomer(let id):
      guard let i = s.dataset.customers.firstIndex(where: { $0.id == id }) else { return [] }
      var ds = s.dataset
      let name = ds.customers[i].name
      ds.customers.remove(at: i)
      // Later customers move up one place; their visits follow them.
      for k in ds.visits.indices where ds.visits[k].customer > Int32(i) { ds.visits[k].customer -= 1 }
      s.customersPane.detail = nil
      return s.commitNamed(ds, s.text("done.deleted", name))
    case .deletePost(let id):
      return deletePost(&s, id)
    case .edit(let p):
      return s.commit(p.after, p.what, editing: p.rows)
    case .dropForm(_, let quit):
      return quit ? s.leave(.quit) : []
    case .quitWhileWriting:
      s.quitWhenSaved = true
      s.flash(s.text["msg.quit_when_saved"])
      return []
    }
  case .char("Q") where purpose == .quitWhileWriting:
    // The write under way is atomic: the file holds the old records or the new, never half.
    s.overlay = .none
    return [.quit]
  case .char("n"), .char("N"), .escape, .char("q"), .enter:
    // No goes back to where the question came from, with everything typed still there.
    switch purpose {
    case .edit(let p): s.overlay = p.form.map(Overlay.form) ?? .none
    case .dropForm(let f, _): s.overlay = .form(f)
    default: s.overlay = .none
    }
  default: break
  }
  return []
}

func formKey(_ s: inout AppState, _ key: Key, _ form: Form) -> [Effect] {
  var f = form
  let promos = s.validPromotions(f)
  switch key {
  case .escape:
    s.overlay = f.isEdited ? .confirm(.dropForm(f, quit: false)) : .none
    return []
  case .ctrl("c"):
    guard !f.isEdited else {
      s.overlay = .confirm(.dropForm(f, quit: true))
      return []
    }
    s.overlay = .none
    return s.leave(.quit)
  case .tab:
    f.focus = (f.focus + 1) % f.fields.count
  case .backTab:
    f.focus = (f.focus + f.fields.count - 1) % f.fields.count
  case .down where f.fields[f.focus].area == nil:
    f.focus = (f.focus + 1) % f.fields.count
  case .up where f.fields[f.focus].area == nil:
    f.focus = (f.focus + f.fields.count - 1) % f.fields.count
  case .enter where f.fields[f.focus].area != nil:
    f.fields[f.focus].area!.newline()
  case .enter, .ctrl("s"):
    if key == .enter && f.focus < f.fields.count - 1 {
      f.focus += 1
    } else if f.isValid(promotions: promos) {
      s.overlay = .none
      let effects = submit(&s, f)
      // An edit of history asks first; No comes back to this form.
      if case .confirm(.edit(var p)) = s.overlay {
        p.form = f
        s.overlay = .confirm(.edit(p))
      }
      return effects
    } else {
      f.showAll = true
      f.focus = f.fields.indices.first { f.problem($0, promotions: promos) != nil } ?? f.focus
      s.flash(s.text["form.err.fix_first"], error: true)
    }
  default:
    if choiceKey(&s, &f, key) {
    } else if f.fields[f.focus].isChoice || f.fields[f.focus].isToggle {
      // A choice is never typed as an id: other keys do nothing here.
    } else if f.fields[f.focus].area != nil {
      _ = f.fields[f.focus].area!.handle(key, width: formFieldWidth(s, f))
    } else {
      // A masked phone is never shown: typing into it starts a new number.
      if f.fields[f.focus].hidden != nil, typesText(key) {
        f.fields[f.focus].hidden = nil
        f.fields[f.focus].input = TextField()
      }
      _ = f.fields[f.focus].input.handle(key)
    }
  }
  // Coming back to a choice starts a new search.
  // A customer search that found no one stays, so that the form can say so.
  if f.focus != form.focus, !(f.fields[form.focus].check == .customer && f.fields[form.focus].text.isEmpty) {
    f.fields[form.focus].query = ""
  }
  s.overlay = .form(f)
  return []
}

/// Keys that change a text field's value rather than move in it.
func typesText(_ key: Key) -> Bool {
  switch key {
  case .char, .backspace, .delete, .ctrl("u"): return true
  default: return false
  }
}
