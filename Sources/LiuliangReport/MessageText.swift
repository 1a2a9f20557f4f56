import LiuliangModel
import LiuliangText

/// The message for one customer, as the dashboard copies it and the brief quotes it.
public enum MessageText {
  /// The store's template for the kind (messages.toml), else the one in Resources, filled in.
  public static func make(_ i: Int, _ kind: ContactKind, _ ds: Dataset, _ a: Analysis, _ text: Text) -> String
  {
    let c = ds.customers[i]
    let template = ds.shop.messages[kind] ?? text["message." + kind.rawValue]
    return Messages.fill(
      template, name: c.name, shop: ds.shop.name, days: a.figures[i].recency,
      offer: Messages.offer(for: i, ds, a))
  }
}
