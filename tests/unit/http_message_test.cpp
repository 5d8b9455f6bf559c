#include <gtest/gtest.h>

#include "http/message.h"

namespace tp::http {
namespace {

std::vector<std::pair<std::string, std::string>> Pairs(
    const std::multimap<std::string, std::string>& m) {
  return {m.begin(), m.end()};
}

using PairList = std::vector<std::pair<std::string, std::string>>;

TEST(HttpMessage, ParseFormDecodesPlusAndEscapes) {
  auto form = ParseForm("name=Kari+Nordmann&city=T%C3%B8nsberg&note=a%2Bb%26c%3Dd");
  EXPECT_EQ(Pairs(form),
            (PairList{{"city", "Tønsberg"}, {"name", "Kari Nordmann"}, {"note", "a+b&c=d"}}));
}

TEST(HttpMessage, ParseFormKeepsInvalidEscapesLiterally) {
  auto form = ParseForm("a=100%&b=%zz&c=%4&d=%41%g1");
  EXPECT_EQ(Pairs(form), (PairList{{"a", "100%"}, {"b", "%zz"}, {"c", "%4"}, {"d", "A%g1"}}));
}

TEST(HttpMessage, ParseFormKeepsRepeatsAndEmptyValues) {
  auto form = ParseForm("tag=a&tag=b&empty=&flag&&=orphan");
  auto tags = form.equal_range("tag");
  std::vector<std::string> values;
  for (auto it = tags.first; it != tags.second; ++it) values.push_back(it->second);
  EXPECT_EQ(values, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(form.find("empty")->second, "");
  EXPECT_EQ(form.find("flag")->second, "");
  EXPECT_EQ(form.find("")->second, "orphan");
  EXPECT_EQ(form.size(), 5u);
}

TEST(HttpMessage, ParseFormOfEmptyBodyIsEmpty) { EXPECT_TRUE(ParseForm("").empty()); }

TEST(HttpMessage, ParseFormEncodedNameAndNulByte) {
  auto form = ParseForm("first%20name=%00x");
  ASSERT_EQ(form.size(), 1u);
  EXPECT_EQ(form.begin()->first, "first name");
  EXPECT_EQ(form.begin()->second, std::string("\0x", 2));
}

TEST(HttpMessage, PercentDecodeLeavesPlusUnlessAsked) {
  EXPECT_EQ(PercentDecode("a+b%20c"), "a+b c");
  EXPECT_EQ(PercentDecode("a+b%20c", true), "a b c");
  EXPECT_EQ(PercentDecode("%"), "%");
  EXPECT_EQ(PercentDecode("%2"), "%2");
  EXPECT_EQ(PercentDecode("%C3%A6%c3%b8"), "æø");
}

TEST(HttpMessage, CookieFindsByExactName) {
  Request request;
  request.headers["cookie"] = "tp_session=abc; tp_csrf=\"xyz\";other=1 ; tp_session_old=no; broken";
  EXPECT_EQ(request.Cookie("tp_session"), "abc");
  EXPECT_EQ(request.Cookie("tp_csrf"), "xyz");
  EXPECT_EQ(request.Cookie("other"), "1");
  EXPECT_EQ(request.Cookie("tp"), std::nullopt);
  EXPECT_EQ(request.Cookie("broken"), std::nullopt);
  EXPECT_EQ(request.Cookie("missing"), std::nullopt);
}

TEST(HttpMessage, CookieWithoutHeaderIsNullopt) {
  Request request;
  EXPECT_EQ(request.Cookie("tp_session"), std::nullopt);
}

TEST(HttpMessage, CookieValueMayContainEquals) {
  Request request;
  request.headers["cookie"] = "token=a=b==";
  EXPECT_EQ(request.Cookie("token"), "a=b==");
}

TEST(HttpMessage, QueryReturnsFirstValue) {
  Request request;
  request.query.emplace("page", "2");
  request.query.emplace("page", "3");
  EXPECT_EQ(request.Query("page"), "2");
  EXPECT_EQ(request.Query("size"), std::nullopt);
}

TEST(HttpMessage, HeaderLookupIgnoresCaseOfTheArgument) {
  Request request;
  request.headers["content-type"] = "text/html";
  EXPECT_EQ(request.Header("content-type"), "text/html");
  EXPECT_EQ(request.Header("Content-Type"), "text/html");
  EXPECT_EQ(request.Header("accept"), "");
}

TEST(HttpMessage, ResponseSetReplacesAndAddAppends) {
  Response response;
  response.Set("Content-Type", "text/plain");
  response.Set("content-type", "text/html");
  response.Add("Set-Cookie", "a=1");
  response.Add("Set-Cookie", "b=2");
  EXPECT_EQ(response.Get("CONTENT-TYPE"), "text/html");
  EXPECT_EQ(response.Get("Set-Cookie"), "a=1");
  EXPECT_EQ(response.headers.size(), 3u);
  EXPECT_EQ(response.Get("Location"), "");
}

TEST(HttpMessage, ResponseFactories) {
  auto text = Response::Text(404, "missing");
  EXPECT_EQ(text.status, 404);
  EXPECT_EQ(text.body, "missing");
  EXPECT_EQ(text.Get("Content-Type"), "text/plain; charset=utf-8");

  EXPECT_EQ(Response::Html(200, "<p>").Get("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(Response::Json(201, "{}").Get("Content-Type"), "application/json");
  EXPECT_EQ(Response::Json(422, "{}", "application/problem+json").Get("Content-Type"),
            "application/problem+json");

  auto redirect = Response::Redirect("/login?next=%2F");
  EXPECT_EQ(redirect.status, 303);
  EXPECT_EQ(redirect.Get("Location"), "/login?next=%2F");
  EXPECT_EQ(Response::Redirect("/x", 302).status, 302);
}

TEST(HttpMessage, StatusTextNamesCommonCodes) {
  EXPECT_EQ(StatusText(404), "Not Found");
  EXPECT_EQ(StatusText(413), "Payload Too Large");
}

}  // namespace
}  // namespace tp::http

// ------------------------------------------------------------------------------- multipart

namespace {
const std::string kBoundary = "----tpBoundary7MA4YWxk";
const std::string kType = "multipart/form-data; boundary=" + kBoundary;

std::string MultipartBody(bool closed) {
  std::string b;
  b += "--" + kBoundary + "\r\n";
  b += "Content-Disposition: form-data; name=\"_csrf\"\r\n\r\n";
  b += "token123\r\n";
  b += "--" + kBoundary + "\r\n";
  b += "Content-Disposition: form-data; name=\"cv\"; filename=\"min \\\"cv\\\".pdf\"\r\n";
  b += "Content-Type: application/pdf\r\n\r\n";
  b += std::string("%PDF-1.4\r\n\0binary\r\n--not-a-boundary\r\n%%EOF", 42);
  b += "\r\n--" + kBoundary;
  if (closed) b += "--\r\n";
  return b;
}
}  // namespace

TEST(Multipart, ParsesFieldsAndFilesWithBinaryContent) {
  auto parts = tp::http::ParseMultipart(kType, MultipartBody(true));
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "_csrf");
  EXPECT_FALSE((*parts)[0].filename.has_value());
  EXPECT_EQ((*parts)[0].data, "token123");
  EXPECT_EQ((*parts)[1].name, "cv");
  ASSERT_TRUE((*parts)[1].filename.has_value());
  EXPECT_EQ(*(*parts)[1].filename, "min \"cv\".pdf");
  EXPECT_EQ((*parts)[1].content_type, "application/pdf");
  EXPECT_EQ((*parts)[1].data.size(), 42u);
  EXPECT_EQ((*parts)[1].data.substr(0, 5), "%PDF-");
  EXPECT_EQ((*parts)[1].data.substr(37), "%%EOF");
}

TEST(Multipart, QuotedBoundaryAndEmptyFileInput) {
  std::string body = "--" + kBoundary +
                     "\r\nContent-Disposition: form-data; name=\"diploma\"; filename=\"\"\r\n"
                     "Content-Type: application/octet-stream\r\n\r\n\r\n--" +
                     kBoundary + "--\r\n";
  auto parts = tp::http::ParseMultipart(
      "multipart/form-data; charset=utf-8; boundary=\"" + kBoundary + "\"", body);
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ(*(*parts)[0].filename, "");
  EXPECT_TRUE((*parts)[0].data.empty());
}

TEST(Multipart, RefusesCutOffAndDamagedBodies) {
  std::string full = MultipartBody(true);
  EXPECT_FALSE(tp::http::ParseMultipart(kType, MultipartBody(true).substr(0, 120)).has_value());
  // The closing delimiter without "--" and nothing after it: cut off.
  EXPECT_FALSE(tp::http::ParseMultipart(kType, MultipartBody(false)).has_value());
  EXPECT_FALSE(tp::http::ParseMultipart("multipart/form-data", full).has_value());
  EXPECT_FALSE(tp::http::ParseMultipart("application/x-www-form-urlencoded", full).has_value());
  EXPECT_FALSE(tp::http::ParseMultipart(kType, "garbage").has_value());
  std::string no_disposition =
      "--" + kBoundary + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + kBoundary + "--";
  EXPECT_FALSE(tp::http::ParseMultipart(kType, no_disposition).has_value());
}
