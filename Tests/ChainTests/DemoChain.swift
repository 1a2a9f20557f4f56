import LiuliangPostgres
import LiuliangStore
import LiuliangTestSupport

/// The demo shop migrated into the database at `url` as shop main; gives the demo as read.
func migrateDemo(into url: String) throws -> Store {
  let demo = try Store(folder: Repo.seeds.path, mode: .readOnly)
  _ = try Migration.run(demo.dataset, into: url, shop: "main")
  return demo
}
