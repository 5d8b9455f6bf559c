#include "http/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

#include "http/router.h"

namespace tp::http {
namespace {

// Compares without an early exit, so the time taken does not tell how much of a guess matched.
bool SameSecret(std::string_view given, std::string_view expected) {
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const unsigned char g = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
    difference |= static_cast<unsigned char>(g ^ static_cast<unsigned char>(expected[i]));
  }
  return difference == 0;
}

// Shortest text that reads back as the same double, as Prometheus parsers expect.
std::string Number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string("NaN");
}

// Label values escape backslash, double quote and line feed (exposition format 0.0.4).
std::string LabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// HELP text escapes only backslash and line feed.
std::string HelpText(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

void Metrics::Observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  if (!(seconds >= 0)) seconds = 0;  // also maps NaN to 0 so the sum stays usable
  std::string key = method + "|" + route + "|" + std::to_string(status);
  auto bucket = static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), seconds) -
                                         bounds_.begin());
  std::lock_guard lock(mutex_);
  ++requests_[key];
  ++buckets_[bucket];
  sum_ += seconds;
  ++count_;
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  gauges_.push_back(Gauge{std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::Render() const {
  std::map<std::string, unsigned long long> requests;
  std::vector<unsigned long long> buckets;
  double sum = 0;
  unsigned long long count = 0;
  std::vector<Gauge> gauges;
  {
    std::lock_guard lock(mutex_);
    requests = requests_;
    buckets = buckets_;
    sum = sum_;
    count = count_;
    gauges = gauges_;
  }

  std::string out;
  out += "# HELP tp_http_requests_total HTTP requests by method, route and status.\n";
  out += "# TYPE tp_http_requests_total counter\n";
  for (const auto& [key, value] : requests) {
    // The route may itself contain '|'; method and status never do.
    auto first = key.find('|');
    auto last = key.rfind('|');
    out += "tp_http_requests_total{method=\"" + LabelValue(key.substr(0, first)) + "\",route=\"" +
           LabelValue(key.substr(first + 1, last - first - 1)) + "\",status=\"" +
           key.substr(last + 1) + "\"} " + std::to_string(value) + "\n";
  }

  out +=
      "# HELP tp_http_request_duration_seconds Time from a complete request to its response being "
      "ready.\n";
  out += "# TYPE tp_http_request_duration_seconds histogram\n";
  unsigned long long cumulative = 0;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    cumulative += buckets[i];
    std::string le = i < bounds_.size() ? Number(bounds_[i]) : "+Inf";
    out += "tp_http_request_duration_seconds_bucket{le=\"" + le + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  out += "tp_http_request_duration_seconds_sum " + Number(sum) + "\n";
  out += "tp_http_request_duration_seconds_count " + std::to_string(count) + "\n";

  // Gauges are read outside the lock: a reader may take its own locks (a pool's mutex) or be slow.
  for (const auto& gauge : gauges) {
    double value = NAN;
    try {
      value = gauge.read ? gauge.read() : NAN;
    } catch (...) {
      value = NAN;  // one broken gauge must not break the whole scrape
    }
    out += "# HELP " + gauge.name + " " + HelpText(gauge.help) + "\n";
    out += "# TYPE " + gauge.name + " gauge\n";
    out += gauge.name + " " + Number(value) + "\n";
  }
  return out;
}

void RegisterMetricsRoute(Router& router, Metrics& metrics, MetricsAccess access) {
  router.Add("GET", "/metrics", [&metrics, access = std::move(access)](Request& request) {
    if (!InRanges(access.allow, request.remote_address) &&
        !(!access.token.empty() &&
          SameSecret(request.Header("authorization"), "Bearer " + access.token))) {
      return Response::Text(404, "Not found.\n");
    }
    Response response;
    response.body = metrics.Render();
    response.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    response.Set("Cache-Control", "no-store");
    return response;
  });
}

}  // namespace tp::http
