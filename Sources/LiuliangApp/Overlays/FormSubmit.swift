import LiuliangModel
import LiuliangRender

/// Applies a valid form, through the pane whose form it is.
func submit(_ s: inout AppState, _ f: Form) -> [Effect] {
  switch f.purpose {
  case .addCustomer, .editCustomer, .logVisit, .complaint, .tagMarked, .untagMarked:
    return submitCustomer(&s, f)
  case .addPost, .editPost:
    return submitPost(&s, f)
  case .addPromotion, .editPromotion:
    return submitPromotion(&s, f)
  case .addComplaint:
    return submitComplaint(&s, f)
  case .markPosted(let id):
    return submitPosted(&s, f, id)
  }
}
