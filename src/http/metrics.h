#pragma once
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "http/proxies.h"

namespace tp::http {

class Router;

/// Prometheus metrics: requests by route and status, a latency histogram, and gauges that other
/// layers register (e.g. database pool use). Thread-safe.
class Metrics {
 public:
  /// Records one finished request. `route` is the pattern ("/cohorts/{id}") or "unmatched";
  /// `seconds` runs from the complete request to the response being ready to send.
  void Observe(const std::string& method, const std::string& route, int status, double seconds);
  /// Registers a gauge read at scrape time.
  void AddGauge(std::string name, std::string help, std::function<double()> read);
  /// The whole text exposition format (version 0.0.4).
  std::string Render() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, unsigned long long> requests_;  // key: method|route|status
  std::vector<double> bounds_{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  std::vector<unsigned long long> buckets_ = std::vector<unsigned long long>(13, 0);
  double sum_ = 0;
  unsigned long long count_ = 0;
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };
  std::vector<Gauge> gauges_;
};

/// Who may read /metrics: it lists every route and its traffic.
struct MetricsAccess {
  /// Client addresses that may (request.remote_address, i.e. after proxy resolution).
  std::vector<Cidr> allow = ParseCidrList("127.0.0.0/8, ::1");
  /// When not empty, "Authorization: Bearer <token>" opens it from any address.
  std::string token;
};

/// Registers "GET /metrics" answering Metrics::Render() as text/plain; version=0.0.4 to the
/// callers `access` lets in; everybody else gets a plain 404, as if there were no such page.
/// `metrics` must outlive the router.
void RegisterMetricsRoute(Router& router, Metrics& metrics, MetricsAccess access = {});

}  // namespace tp::http
