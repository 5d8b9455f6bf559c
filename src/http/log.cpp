#include "http/log.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "http/text.h"

namespace tp::http {
namespace {

// Boost.JSON writes a string's bytes as they are: a path with "%FF" in it would make the line
// invalid JSON. Every string in a log line is made valid UTF-8 first.
void MakeValidUtf8(boost::json::value& value) {
  if (auto* text = value.if_string()) {
    if (!IsValidUtf8(*text)) *text = ToValidUtf8(*text);
  } else if (auto* object = value.if_object()) {
    for (auto& field : *object) MakeValidUtf8(field.value());
  } else if (auto* array = value.if_array()) {
    for (auto& item : *array) MakeValidUtf8(item);
  }
}

}  // namespace

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
  for (const auto& field : fields) line[ToValidUtf8(field.key())] = field.value();
  boost::json::value whole(std::move(line));
  MakeValidUtf8(whole);
  std::string text = boost::json::serialize(whole);
  // Drop the outer braces: the pattern supplies them around ts and level.
  std::string_view inner(text);
  inner = inner.substr(1, inner.size() - 2);
  logger.log(level, "{}", inner);
}

}  // namespace tp::http

namespace tp::http {
namespace {

// The %* flag: the log message as a JSON string (quotes, backslashes and control characters
// escaped), so that any text keeps the line valid JSON.
class JsonMessageFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    std::string escaped = boost::json::serialize(
        boost::json::value(ToValidUtf8(std::string_view(msg.payload.data(), msg.payload.size()))));
    dest.append(escaped.data(), escaped.data() + escaped.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

}  // namespace

void InstallJsonDefaultLogger() {
  auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  formatter->add_flag<JsonMessageFlag>('*').set_pattern(
      R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":%*})");
  auto logger = std::make_shared<spdlog::logger>("default",
                                                 std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_formatter(std::move(formatter));
  spdlog::set_default_logger(logger);
}

}  // namespace tp::http
