#pragma once
#include <spdlog/logger.h>

#include <boost/json/object.hpp>
#include <memory>
#include <string_view>

namespace tp::http {

/// The process's JSON-lines logger ("tp"), writing to stderr. Every line is one JSON object:
/// {"ts":"2024-05-01T10:00:00.123Z","level":"info","request_id":"...","msg":"...",...}.
/// Thread-safe; the app may change its level.
spdlog::logger& Logger();

/// Logs one JSON line with the request id (left out when empty), a message and extra `fields`.
void LogEvent(spdlog::level::level_enum level, std::string_view request_id,
              std::string_view message, const boost::json::object& fields = {});

}  // namespace tp::http

namespace tp::http {

/// Makes spdlog's default logger write the same JSON lines (message JSON-escaped under "msg"),
/// so that lines logged by any layer with spdlog::info(...) are machine-readable too.
void InstallJsonDefaultLogger();

}  // namespace tp::http
