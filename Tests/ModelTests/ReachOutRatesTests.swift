import XCTest

@testable import LiuliangModel

/// The reach-out rates on hand-made logs: every expected count below is worked out from
/// PRODUCT.md "The reach-out loop", with days given as offsets before T.
final class ReachOutRatesTests: XCTestCase {
  func contact(_ f: Fixture, _ who: String, _ ago: Int, _ kind: ContactKind) -> Contact {
    Contact(customer: who, date: f.t.adding(-ago), kind: kind)
  }

  /// A contact on d followed by a visit on d+30 counts; d+31 and d itself do not.
  func testWinBackCountsAVisitWithinThirtyDaysAfter() {
    var f = Fixture()
    f.customer("A", visits: [200, 60 - 30])  // contact 60 days ago, visit 30 days later
    f.customer("B", visits: [200, 60 - 31])  // visit 31 days later
    f.customer("C", visits: [200, 60])  // a visit on the contact's own day
    f.customer("D", visits: [200, 60 - 1])  // the next day
    f.ds.contacts = ["A", "B", "C", "D"].map { contact(f, $0, 60, .winBack) }
    let r = ReachOutRates(f.ds, today: f.t)
    XCTAssertEqual(r.winBack, ContactOutcome(count: 4, followed: 2))
    XCTAssertEqual(r.winBack.rate, 0.5)
    XCTAssertEqual(r.welcome, ContactOutcome())
    XCTAssertNil(r.welcome.rate)
  }

  /// Only contacts dated T−364 … T−30 count: a younger one has not had its 30 days yet.
  func testContactsAfterTMinus30AndBeforeTheYearAreLeftOut() {
    var f = Fixture()
    f.customer("A", visits: [20, 340])
    f.ds.contacts = [
      contact(f, "A", 29, .winBack),  // after T−30: out, though a visit followed
      contact(f, "A", 30, .winBack),  // T−30: in, visit 10 days later
      contact(f, "A", 364, .winBack),  // T−364: in, visit 24 days later
      contact(f, "A", 365, .winBack),  // T−365: out of the year
      contact(f, "nobody", 100, .winBack),  // not in customers.csv: out
    ]
    XCTAssertEqual(ReachOutRates(f.ds, today: f.t).winBack, ContactOutcome(count: 2, followed: 2))
  }

  func testBirthdayCountsFourteenDaysAndWelcomeThirty() {
    var f = Fixture()
    f.customer("A", visits: [100 - 14])
    f.customer("B", visits: [100 - 15])
    f.customer("C", visits: [100 - 30])
    f.customer("D", visits: [100 - 31, 100 - 60])
    f.ds.contacts = [
      contact(f, "A", 100, .birthday), contact(f, "B", 100, .birthday),
      contact(f, "C", 100, .welcome), contact(f, "D", 100, .welcome),
      contact(f, "A", 100, .other), contact(f, "B", 100, .complaint),
    ]
    let r = ReachOutRates(f.ds, today: f.t)
    XCTAssertEqual(r.birthday, ContactOutcome(count: 2, followed: 1))
    XCTAssertEqual(r.welcome, ContactOutcome(count: 2, followed: 1))
    XCTAssertEqual(r.winBack, ContactOutcome())
  }

  /// A `win_back_on` left in customers.csv is one win_back contact; the same date in
  /// contacts.csv is not counted twice.
  func testLegacyWinBackOnIsAContact() {
    var f = Fixture()
    let a = f.customer("A", visits: [40])
    let b = f.customer("B", visits: [10])
    f.ds.customers[a].winBackOn = f.t.adding(-50)
    f.ds.customers[b].winBackOn = f.t.adding(-50)
    f.ds.contacts = [contact(f, "B", 50, .winBack)]
    XCTAssertEqual(f.ds.contactLog.count, 2)
    XCTAssertEqual(ReachOutRates(f.ds, today: f.t).winBack, ContactOutcome(count: 2, followed: 1))
  }

  /// At risk on T−30 (four visits ten days apart, the last 70 days before T−30), not contacted
  /// in T−60 … T−30, back in T−29 … T.
  func testComeBackRateOfTheUncontacted() {
    var f = Fixture()
    let usual = [130, 120, 110, 100]
    f.customer("back", visits: usual + [10])
    f.customer("away", visits: usual)
    f.customer("lastDay", visits: usual + [29])  // T−29 is in
    f.customer("contacted", visits: usual + [10])
    f.customer("contactedEarlier", visits: usual)  // contacted T−61: still uncontacted
    f.customer("contactedLater", visits: usual + [5])  // contacted T−29: still uncontacted
    f.customer("fine", visits: usual + [30])  // visited on T−30 itself: not at risk then
    f.customer("regular", visits: [45, 40, 35])  // not at risk on T−30
    f.ds.contacts = [
      contact(f, "contacted", 45, .other), contact(f, "contactedEarlier", 61, .winBack),
      contact(f, "contactedLater", 29, .winBack),
    ]
    let r = ReachOutRates(f.ds, today: f.t)
    XCTAssertEqual(r.uncontacted, ContactOutcome(count: 5, followed: 3))
  }

  /// The contact on T−60 keeps the customer out of the uncontacted; so does a legacy date.
  func testUncontactedWindowIncludesBothEnds() {
    var f = Fixture()
    let usual = [130, 120, 110, 100]
    f.customer("A", visits: usual)
    let b = f.customer("B", visits: usual)
    f.customer("C", visits: usual)
    f.ds.contacts = [contact(f, "A", 60, .birthday), contact(f, "C", 30, .welcome)]
    f.ds.customers[b].winBackOn = f.t.adding(-40)
    XCTAssertEqual(ReachOutRates(f.ds, today: f.t).uncontacted, ContactOutcome(count: 0, followed: 0))
  }

  /// An at-risk customer tried in the last 30 days leaves the reach-out list for those days.
  func testWinBackContactTakesTheCustomerOffTheListForThirtyDays() {
    var f = Fixture()
    f.customer("A", visits: [130, 120, 110, 100])
    f.customer("B", visits: [130, 120, 110, 100])
    f.ds.contacts = [contact(f, "A", 29, .winBack), contact(f, "B", 30, .winBack)]
    XCTAssertEqual(f.analysis().reachOut.map(\.customer), [1])
  }
}

extension ReachOutRatesTests {
  /// The byte-hashed lookup answers as `customerIndex()` does: the first of equal ids wins.
  func testCustomerLookupIsTheFirstCustomerWithTheID() {
    var f = Fixture()
    for id in ["C1", "张三", "C1", "", "C10", "c1"] { f.customer(id) }
    let lookup = CustomerLookup(f.ds.customers)
    let index = f.ds.customerIndex()
    for id in ["C1", "张三", "", "C10", "c1", "C2", "张"] {
      XCTAssertEqual(lookup.index(of: id), index[id].map(Int.init), id)
    }
  }
}

extension ReachOutRatesTests {
  /// What the store found is used while the dataset holds the very arrays it was found in, and
  /// only then: a wrong list handed over with them changes the rates (so it is read), and the
  /// same wrong list beside equal copies of the arrays changes nothing.
  func testTheStoresFoundCustomersServeOnlyTheArraysTheyWereFoundIn() {
    var f = Fixture()
    f.customer("A", visits: [200, 60 - 30])  // contacted 60 days ago, back 30 days later
    f.customer("B", visits: [200])  // contacted too, never back
    f.ds.contacts = ["A", "B"].map { contact(f, $0, 60, .winBack) }
    // Worked out by hand: two win-back contacts, A's followed.
    let truth = ContactOutcome(count: 2, followed: 1)
    XCTAssertEqual(ReachOutRates(f.ds, today: f.t).winBack, truth)

    // Both contacts said to be A's: both followed.
    var same = f.ds
    same.foundCustomers = FoundCustomers(
      of: same.customers, contacts: same.contacts, [0, 0], complaints: [], [])
    XCTAssertEqual(same.foundCustomers.ofContacts(in: same), [0, 0])
    XCTAssertEqual(ReachOutRates(same, today: f.t).winBack, ContactOutcome(count: 2, followed: 2))

    var copies = same
    copies.contacts = same.contacts.map { $0 }
    XCTAssertNil(copies.foundCustomers.ofContacts(in: same), "a new contacts array lets the list go")
    copies.foundCustomers = FoundCustomers(
      of: same.customers, contacts: same.contacts, [0, 0], complaints: [], [])
    XCTAssertNil(copies.foundCustomers.ofContacts(in: copies), "equal contacts in other storage")
    XCTAssertEqual(ReachOutRates(copies, today: f.t).winBack, truth)

    var otherCustomers = same
    otherCustomers.customers = ChunkedArray(same.customers.map { $0 })
    XCTAssertNil(otherCustomers.foundCustomers.ofContacts(in: same), "a new customers array lets the list go")
    otherCustomers.foundCustomers = FoundCustomers(
      of: same.customers, contacts: same.contacts, [0, 0], complaints: [], [])
    XCTAssertNil(
      otherCustomers.foundCustomers.ofContacts(in: otherCustomers), "equal customers in other storage")

    var edited = same
    edited.customers[1].name = "B2"
    XCTAssertNil(edited.foundCustomers.ofContacts(in: same), "a customer edited lets the list go")
    XCTAssertEqual(same, f.ds, "the list is not a record: datasets of equal records are equal")
  }
}
