#pragma once
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include "storage/database.h"

namespace tp::storage {

/// Group commit for a busy write path on SQLite, where every commit with synchronous=FULL waits
/// for one fsync and the single writer serialises them: concurrent callers' units of work are
/// run one after another inside ONE transaction, each in its own savepoint, and committed with
/// one fsync. Each caller returns only after that commit, so an acknowledged write is durable
/// exactly as with its own transaction; a unit that throws is rolled back to its savepoint
/// alone and its exception is rethrown to its caller. The first waiting caller commits the
/// batch (no extra thread). On PostgreSQL, which commits concurrently, Run is plain Transact.
class GroupCommit {
 public:
  explicit GroupCommit(Database& db) : db_(db) {}
  /// Runs `work` like Database::Transact (possibly together with other callers' work).
  void Run(const std::function<void(Tx&)>& work);

 private:
  struct Item {
    const std::function<void(Tx&)>* work = nullptr;
    std::exception_ptr error;
    bool done = false;
  };
  void RunBatch(const std::vector<Item*>& batch);

  Database& db_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Item*> queue_;
  bool committing_ = false;
};

}  // namespace tp::storage
