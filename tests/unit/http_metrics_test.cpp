#include <gtest/gtest.h>

#include <stdexcept>

#include "http/metrics.h"
#include "http/router.h"

namespace tp::http {
namespace {

bool Contains(const std::string& text, const std::string& line) {
  return text.find(line) != std::string::npos;
}

TEST(HttpMetrics, CountsRequestsByMethodRouteAndStatus) {
  Metrics metrics;
  metrics.Observe("GET", "/cohorts/{id}", 200, 0.01);
  metrics.Observe("GET", "/cohorts/{id}", 200, 0.02);
  metrics.Observe("POST", "/cohorts/{id}", 303, 0.02);
  metrics.Observe("GET", "unmatched", 404, 0.0001);
  auto text = metrics.Render();
  EXPECT_TRUE(Contains(text, "# TYPE tp_http_requests_total counter\n"));
  EXPECT_TRUE(Contains(
      text, "tp_http_requests_total{method=\"GET\",route=\"/cohorts/{id}\",status=\"200\"} 2\n"));
  EXPECT_TRUE(Contains(
      text, "tp_http_requests_total{method=\"POST\",route=\"/cohorts/{id}\",status=\"303\"} 1\n"));
  EXPECT_TRUE(Contains(
      text, "tp_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1\n"));
}

TEST(HttpMetrics, HistogramBucketsAreCumulative) {
  Metrics metrics;
  metrics.Observe("GET", "/", 200, 0.0005);  // le 0.001
  metrics.Observe("GET", "/", 200, 0.001);   // le 0.001 (bounds are inclusive)
  metrics.Observe("GET", "/", 200, 0.3);     // le 0.5
  metrics.Observe("GET", "/", 200, 60);      // only +Inf
  auto text = metrics.Render();
  EXPECT_TRUE(Contains(text, "# TYPE tp_http_request_duration_seconds histogram\n"));
  EXPECT_TRUE(Contains(text, "tp_http_request_duration_seconds_bucket{le=\"0.001\"} 2\n"));
  EXPECT_TRUE(Contains(text, "tp_http_request_duration_seconds_bucket{le=\"0.25\"} 2\n"));
  EXPECT_TRUE(Contains(text, "tp_http_request_duration_seconds_bucket{le=\"0.5\"} 3\n"));
  EXPECT_TRUE(Contains(text, "tp_http_request_duration_seconds_bucket{le=\"5\"} 3\n"));
  EXPECT_TRUE(Contains(text, "tp_http_request_duration_seconds_bucket{le=\"+Inf\"} 4\n"));
  EXPECT_TRUE(Contains(text, "tp_http_request_duration_seconds_count 4\n"));
  auto sum_at = text.find("tp_http_request_duration_seconds_sum ");
  ASSERT_NE(sum_at, std::string::npos);
  EXPECT_NEAR(std::stod(text.substr(sum_at + 37)), 60.3015, 1e-9);
}

TEST(HttpMetrics, EmptyMetricsStillRenderHistogram) {
  Metrics metrics;
  auto text = metrics.Render();
  EXPECT_TRUE(Contains(text, "tp_http_request_duration_seconds_bucket{le=\"+Inf\"} 0\n"));
  EXPECT_TRUE(Contains(text, "tp_http_request_duration_seconds_sum 0\n"));
  EXPECT_TRUE(Contains(text, "tp_http_request_duration_seconds_count 0\n"));
}

TEST(HttpMetrics, LabelValuesAreEscaped) {
  Metrics metrics;
  metrics.Observe("GET", "/a\"b\\c\nd|e", 200, 0);
  auto text = metrics.Render();
  EXPECT_TRUE(Contains(text, "route=\"/a\\\"b\\\\c\\nd|e\",status=\"200\"} 1\n")) << text;
}

TEST(HttpMetrics, GaugesAreReadAtRenderTime) {
  Metrics metrics;
  double value = 1;
  metrics.AddGauge("tp_db_pool_in_use", "Database sessions in use.", [&] { return value; });
  metrics.AddGauge("tp_broken", "Throws.", []() -> double { throw std::runtime_error("no"); });
  EXPECT_TRUE(Contains(metrics.Render(),
                       "# HELP tp_db_pool_in_use Database sessions in use.\n"
                       "# TYPE tp_db_pool_in_use gauge\n"
                       "tp_db_pool_in_use 1\n"));
  value = 2.5;
  auto text = metrics.Render();
  EXPECT_TRUE(Contains(text, "tp_db_pool_in_use 2.5\n"));
  EXPECT_TRUE(Contains(text, "tp_broken NaN\n"));
}

TEST(HttpMetrics, MetricsRouteRendersText) {
  Metrics metrics;
  Router router;
  RegisterMetricsRoute(router, metrics);
  metrics.Observe("GET", "/", 200, 0.01);
  auto lookup = router.Find("GET", "/metrics");
  ASSERT_TRUE(lookup.match);
  Request request;
  request.remote_address = "127.0.0.1";
  auto response = lookup.match->route->handler(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Get("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_TRUE(Contains(response.body,
                       "tp_http_requests_total{method=\"GET\",route=\"/\",status=\"200\"} 1\n"));
}

TEST(HttpMetrics, MetricsRouteIsHiddenFromOtherAddressesWithoutTheToken) {
  Metrics metrics;
  Router router;
  RegisterMetricsRoute(router, metrics, {ParseCidrList("10.0.0.0/8, ::1"), "metrics-secret-123"});
  auto lookup = router.Find("GET", "/metrics");
  ASSERT_TRUE(lookup.match);
  auto status = [&](const std::string& address, const std::string& authorization) {
    Request request;
    request.remote_address = address;
    if (!authorization.empty()) request.headers["authorization"] = authorization;
    return lookup.match->route->handler(request).status;
  };
  EXPECT_EQ(status("10.1.2.3", ""), 200);
  EXPECT_EQ(status("::1", ""), 200);
  EXPECT_EQ(status("127.0.0.1", ""), 404);  // not in this allow list
  EXPECT_EQ(status("203.0.113.5", ""), 404);
  EXPECT_EQ(status("203.0.113.5", "Bearer metrics-secret-123"), 200);
  EXPECT_EQ(status("203.0.113.5", "Bearer metrics-secret-12"), 404);
  EXPECT_EQ(status("203.0.113.5", "Bearer metrics-secret-1234"), 404);
  EXPECT_EQ(status("203.0.113.5", "metrics-secret-123"), 404);
  // The default allows loopback only.
  Router defaults;
  RegisterMetricsRoute(defaults, metrics);
  Request outside;
  outside.remote_address = "203.0.113.5";
  EXPECT_EQ(defaults.Find("GET", "/metrics").match->route->handler(outside).status, 404);
  Request local;
  local.remote_address = "127.0.0.1";
  EXPECT_EQ(defaults.Find("GET", "/metrics").match->route->handler(local).status, 200);
}

}  // namespace
}  // namespace tp::http
