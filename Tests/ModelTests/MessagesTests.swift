import XCTest

@testable import LiuliangModel

final class MessagesTests: XCTestCase {
  func testPlaceholdersAreFilled() {
    XCTAssertEqual(
      Messages.fill("{name}，{days} 天没见了！{shop} 想你了。", name: "王姐", shop: "老王家", days: 45, offer: "x"),
      "王姐，45 天没见了！老王家 想你了。")
  }

  /// The sentence holding {offer} goes when there is no offer; the others stay as written.
  func testTheOfferSentenceIsLeftOutWhenEmpty() {
    let zh = "王姐好！这周来有{offer}。等你来。"
    XCTAssertEqual(Messages.fill(zh, name: "", shop: "", days: nil, offer: ""), "王姐好！等你来。")
    XCTAssertEqual(Messages.fill(zh, name: "", shop: "", days: nil, offer: "下午茶 8折"), "王姐好！这周来有下午茶 8折。等你来。")
    let en = "Hi {name}! This week: {offer}. See you soon."
    XCTAssertEqual(Messages.fill(en, name: "Ann", shop: "", days: nil, offer: ""), "Hi Ann! See you soon.")
    XCTAssertEqual(Messages.fill("Offer: {offer}", name: "", shop: "", days: nil, offer: ""), "")
  }

  /// A running off-peak offer for the customer's audience comes first; a VIP-only one is not
  /// offered to a friend, an ended one to nobody.
  func testOfferIsARunningPromotionForTheCustomerOffpeakFirst() {
    var f = Fixture()
    let friend = f.customer("A")
    let vip = f.customer("B", tier: .vip)
    f.ds.promotions = [
      Promotion(id: "P1", name: "团购", kind: .groupBuy, discount: "9折", audience: .vip, start: f.t.adding(-5)),
      Promotion(
        id: "P2", name: "旧", kind: .offpeak, discount: "5折", start: f.t.adding(-50), end: f.t.adding(-1)),
      Promotion(id: "P3", name: "下午茶", kind: .offpeak, discount: "8折", audience: .vip, start: f.t),
    ]
    let a = f.analysis()
    XCTAssertEqual(Messages.offer(for: friend, f.ds, a), "")
    XCTAssertEqual(Messages.offer(for: vip, f.ds, a), "下午茶 8折")
    f.ds.promotions.remove(at: 2)
    XCTAssertEqual(Messages.offer(for: vip, f.ds, f.analysis()), "团购 9折")
  }
}
