import LiuliangModel

/// A month of Moments posts, posted and planned, plus an idea list.
enum Content {
  static func posts(today t: Day, words: Words, rng: inout SeededRandom) -> [Post] {
    let slots = ["07:30", "11:30", "17:30", "21:00"].compactMap { TimeOfDay($0) }
    var out: [Post] = []
    var n = 0
    func add(_ day: Day?, _ slot: TimeOfDay?, _ template: Int, status: PostStatus) {
      let w = words.posts[template % words.posts.count]
      n += 1
      let posted = status == .posted
      out.append(
        Post(
          id: "M" + zeroPad(n, 4), date: day, slot: slot,
          category: PostCategory(rawValue: w.category) ?? .promotion,
          text: w.text, media: posted ? (rng.chance(0.6) ? "photo" : "video") : "", benefit: w.benefit,
          meaning: w.meaning, fun: w.fun, status: status, likes: posted ? 5 + rng.below(60) : 0,
          comments: posted ? rng.below(14) : 0))
    }
    let weekStart = t.weekStart
    var d = weekStart.adding(-21)
    let end = weekStart.adding(6)
    while d <= end {
      let offset = d - weekStart
      // This week shows the checks: Thursday has no post, Tuesday floods the feed (刷屏),
      // and Wednesday's post passes none of the three tests.
      var count = 1 + rng.below(3)
      if offset == 3 { count = 0 }
      if offset == 1 { count = 4 }
      for k in 0..<count {
        let template = offset == 2 && k == 0 ? words.posts.count - 1 : rng.below(words.posts.count - 1)
        let status: PostStatus = d < t ? (rng.chance(0.9) ? .posted : .skipped) : .planned
        add(d, slots[k % slots.count], template, status: status)
      }
      d = d.adding(1)
    }
    for k in 0..<5 { add(nil, nil, (k * 3 + 1) % (words.posts.count - 1), status: .idea) }
    return out
  }
}
