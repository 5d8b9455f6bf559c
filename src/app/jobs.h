#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tp::app {

/// A small runner of periodic background jobs (outbox delivery, retention) on one thread.
/// Each job runs first when Start() is called and then every `every` after its previous run
/// ended; a job that throws is logged and runs again at its next turn. Stop() wakes the thread,
/// waits for a job in progress to finish and joins; the destructor stops too.
class Jobs {
 public:
  Jobs() = default;
  ~Jobs();
  Jobs(const Jobs&) = delete;
  Jobs& operator=(const Jobs&) = delete;

  /// Adds a job; only before Start().
  void AddPeriodic(std::string name, std::chrono::milliseconds every, std::function<void()> job);
  /// Starts the thread (nothing happens without jobs). Idempotent.
  void Start();
  /// Stops and joins the thread. Idempotent; Start() may be called again afterwards.
  void Stop();
  std::size_t size() const { return jobs_.size(); }
  /// True once Stop() was called: long jobs check it between steps to end early.
  bool stopping() const { return stopping_flag_.load(); }

 private:
  struct Job {
    std::string name;
    std::chrono::milliseconds every;
    std::function<void()> run;
    std::chrono::steady_clock::time_point next;
  };
  void Loop();

  std::vector<Job> jobs_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<bool> stopping_flag_{false};
  std::thread thread_;
};

}  // namespace tp::app
