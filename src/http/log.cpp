#include "http/log.h"

#include <spdlog/sinks/stdout_sinks.h>

#include <boost/json/serialize.hpp>

namespace tp::http {

spdlog::logger& Logger() {
  // Not registered in spdlog's registry, so several servers (tests) and other layers' loggers
  // never clash over the name.
  static const std::shared_ptr<spdlog::logger> logger = [] {
    auto created =
        std::make_shared<spdlog::logger>("tp", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    // The payload (%v) is the rest of a JSON object, produced by LogEvent with proper escaping.
    created->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})",
                         spdlog::pattern_time_type::utc);
    created->set_level(spdlog::level::info);
    created->flush_on(spdlog::level::info);
    return created;
  }();
  return *logger;
}

void LogEvent(spdlog::level::level_enum level, std::string_view request_id,
              std::string_view message, const boost::json::object& fields) {
  auto& logger = Logger();
  if (!logger.should_log(level)) return;
  boost::json::object line;
  if (!request_id.empty()) line["request_id"] = request_id;
  line["msg"] = message;
  for (const auto& field : fields) line[field.key()] = field.value();
  std::string text = boost::json::serialize(line);
  // Drop the outer braces: the pattern supplies them around ts and level.
  std::string_view inner(text);
  inner = inner.substr(1, inner.size() - 2);
  logger.log(level, "{}", inner);
}

}  // namespace tp::http
