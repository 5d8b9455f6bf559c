#include "storage/applications/group_commit.h"

#include <soci/soci.h>

namespace tp::storage {

void GroupCommit::Run(const std::function<void(Tx&)>& work) {
  if (db_.backend() != Backend::kSqlite) {
    db_.Transact(work);
    return;
  }
  Item item;
  item.work = &work;
  std::unique_lock lock(mu_);
  queue_.push_back(&item);
  while (!item.done) {
    if (committing_) {
      cv_.wait(lock);
      continue;
    }
    // This caller commits everything queued so far, its own unit included.
    committing_ = true;
    std::vector<Item*> batch;
    batch.swap(queue_);
    lock.unlock();
    RunBatch(batch);
    lock.lock();
    for (auto* i : batch) i->done = true;
    committing_ = false;
    cv_.notify_all();
  }
  lock.unlock();
  if (item.error) std::rethrow_exception(item.error);
}

void GroupCommit::RunBatch(const std::vector<Item*>& batch) {
  try {
    db_.Transact([&](Tx& tx) {
      for (auto* i : batch) {
        tx.sql() << "SAVEPOINT group_item";
        try {
          (*i->work)(tx);
          tx.sql() << "RELEASE SAVEPOINT group_item";
        } catch (...) {
          i->error = std::current_exception();
          tx.sql() << "ROLLBACK TO SAVEPOINT group_item";
          tx.sql() << "RELEASE SAVEPOINT group_item";
        }
      }
    });
  } catch (...) {
    // The commit itself failed: nothing of the batch is stored.
    for (auto* i : batch)
      if (!i->error) i->error = std::current_exception();
  }
}

}  // namespace tp::storage
