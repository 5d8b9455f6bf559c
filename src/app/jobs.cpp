#include "app/jobs.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace tp::app {

Jobs::~Jobs() { Stop(); }

void Jobs::AddPeriodic(std::string name, std::chrono::milliseconds every,
                       std::function<void()> job) {
  std::lock_guard lock(mutex_);
  jobs_.push_back(Job{std::move(name), every, std::move(job), {}});
}

void Jobs::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable() || jobs_.empty()) return;
  stopping_ = false;
  stopping_flag_ = false;
  for (auto& job : jobs_) job.next = std::chrono::steady_clock::now();
  thread_ = std::thread([this] { Loop(); });
}

void Jobs::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    stopping_flag_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Jobs::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    auto now = std::chrono::steady_clock::now();
    Job* due = nullptr;
    auto next = std::chrono::steady_clock::time_point::max();
    for (auto& job : jobs_) {
      if (job.next <= now && !due) due = &job;
      next = std::min(next, job.next);
    }
    if (!due) {
      wake_.wait_until(lock, next, [this] { return stopping_; });
      continue;
    }
    // The job runs without the lock so Stop() can ask to stop meanwhile.
    lock.unlock();
    try {
      due->run();
    } catch (const std::exception& e) {
      spdlog::error("background job {} failed: {}", due->name, e.what());
    } catch (...) {
      spdlog::error("background job {} failed", due->name);
    }
    lock.lock();
    due->next = std::chrono::steady_clock::now() + due->every;
  }
}

}  // namespace tp::app
