#include <gtest/gtest.h>

#include <stdexcept>

#include "http/router.h"

namespace tp::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) { return Response::Text(200, name); };
}

std::string Call(const Router::Lookup& lookup) {
  Request request;
  return lookup.match ? lookup.match->route->handler(request).body : "<none>";
}

TEST(HttpRouter, MatchesLiteralPath) {
  Router router;
  router.Add("GET", "/", Named("root"));
  router.Add("GET", "/cohorts", Named("list"));
  EXPECT_EQ(Call(router.Find("GET", "/")), "root");
  EXPECT_EQ(Call(router.Find("GET", "/cohorts")), "list");
  EXPECT_EQ(router.Find("GET", "/cohorts").match->route->pattern, "/cohorts");
}

TEST(HttpRouter, ExtractsParams) {
  Router router;
  router.Add("GET", "/cohorts/{id}/employers/{employer}", Named("employer"));
  auto lookup = router.Find("GET", "/cohorts/5/employers/17");
  ASSERT_TRUE(lookup.match);
  EXPECT_EQ(lookup.match->params,
            (std::map<std::string, std::string>{{"employer", "17"}, {"id", "5"}}));
  EXPECT_EQ(lookup.match->route->pattern, "/cohorts/{id}/employers/{employer}");
}

TEST(HttpRouter, ParamsArePercentDecoded) {
  Router router;
  router.Add("GET", "/people/{name}", Named("person"));
  auto lookup = router.Find("GET", "/people/J%C3%B8rn%20%2F%20Ola");
  ASSERT_TRUE(lookup.match);
  EXPECT_EQ(lookup.match->params.at("name"), "Jørn / Ola");
}

TEST(HttpRouter, LiteralSegmentsAreComparedDecoded) {
  Router router;
  router.Add("GET", "/søk", Named("search"));
  EXPECT_EQ(Call(router.Find("GET", "/s%C3%B8k")), "search");
}

TEST(HttpRouter, LiteralBeatsPlaceholderInEitherOrder) {
  Router a;
  a.Add("GET", "/cohorts/{id}", Named("param"));
  a.Add("GET", "/cohorts/new", Named("literal"));
  EXPECT_EQ(Call(a.Find("GET", "/cohorts/new")), "literal");
  EXPECT_EQ(Call(a.Find("GET", "/cohorts/7")), "param");

  Router b;
  b.Add("GET", "/cohorts/new", Named("literal"));
  b.Add("GET", "/cohorts/{id}", Named("param"));
  EXPECT_EQ(Call(b.Find("GET", "/cohorts/new")), "literal");
  EXPECT_EQ(Call(b.Find("GET", "/cohorts/7")), "param");
}

TEST(HttpRouter, LeftmostLiteralDecides) {
  Router router;
  router.Add("GET", "/a/{x}/c", Named("late literal"));
  router.Add("GET", "/a/b/{y}", Named("early literal"));
  EXPECT_EQ(Call(router.Find("GET", "/a/b/c")), "early literal");
  EXPECT_EQ(Call(router.Find("GET", "/a/z/c")), "late literal");
}

TEST(HttpRouter, PlaceholderNeedsOneNonEmptySegment) {
  Router router;
  router.Add("GET", "/cohorts/{id}", Named("cohort"));
  EXPECT_FALSE(router.Find("GET", "/cohorts/").match);
  EXPECT_FALSE(router.Find("GET", "/cohorts").match);
  EXPECT_FALSE(router.Find("GET", "/cohorts/1/2").match);
}

TEST(HttpRouter, TrailingSlashIsADifferentPath) {
  Router router;
  router.Add("GET", "/cohorts", Named("list"));
  EXPECT_TRUE(router.Find("GET", "/cohorts").match);
  EXPECT_FALSE(router.Find("GET", "/cohorts/").match);
}

TEST(HttpRouter, UnknownPathHasNoAllowedMethods) {
  Router router;
  router.Add("GET", "/cohorts", Named("list"));
  auto lookup = router.Find("GET", "/nowhere");
  EXPECT_FALSE(lookup.match);
  EXPECT_TRUE(lookup.allowed_methods.empty());
}

TEST(HttpRouter, WrongMethodListsAllowedOnes) {
  Router router;
  router.Add("GET", "/cohorts/{id}", Named("show"));
  router.Add("POST", "/cohorts/{id}", Named("update"));
  router.Add("DELETE", "/cohorts/{id}/members", Named("other path"));
  auto lookup = router.Find("PUT", "/cohorts/3");
  EXPECT_FALSE(lookup.match);
  EXPECT_EQ(lookup.allowed_methods, (std::vector<std::string>{"GET", "HEAD", "POST"}));
}

TEST(HttpRouter, MethodMatchBeatsMoreSpecificPatternOfOtherMethod) {
  Router router;
  router.Add("GET", "/cohorts/{id}", Named("show"));
  router.Add("POST", "/cohorts/new", Named("create"));
  EXPECT_EQ(Call(router.Find("GET", "/cohorts/new")), "show");
  EXPECT_EQ(Call(router.Find("POST", "/cohorts/new")), "create");
}

TEST(HttpRouter, HeadFallsBackToGet) {
  Router router;
  router.Add("GET", "/page", Named("get"));
  auto lookup = router.Find("HEAD", "/page");
  ASSERT_TRUE(lookup.match);
  EXPECT_EQ(lookup.match->route->method, "GET");
}

TEST(HttpRouter, ExplicitHeadRouteWins) {
  Router router;
  router.Add("GET", "/page", Named("get"));
  router.Add("HEAD", "/page", Named("head"));
  EXPECT_EQ(Call(router.Find("HEAD", "/page")), "head");
}

TEST(HttpRouter, PostDoesNotFallBackToGet) {
  Router router;
  router.Add("GET", "/page", Named("get"));
  auto lookup = router.Find("POST", "/page");
  EXPECT_FALSE(lookup.match);
  EXPECT_EQ(lookup.allowed_methods, (std::vector<std::string>{"GET", "HEAD"}));
}

TEST(HttpRouter, DuplicateRouteThrows) {
  Router router;
  router.Add("GET", "/cohorts/{id}", Named("a"));
  EXPECT_THROW(router.Add("GET", "/cohorts/{id}", Named("b")), std::logic_error);
  EXPECT_THROW(router.Add("GET", "/cohorts/{other}", Named("c")), std::logic_error);
  EXPECT_NO_THROW(router.Add("POST", "/cohorts/{id}", Named("d")));
  EXPECT_NO_THROW(router.Add("GET", "/cohorts/new", Named("e")));
}

TEST(HttpRouter, MalformedPatternsThrow) {
  Router router;
  EXPECT_THROW(router.Add("GET", "cohorts", Named("x")), std::logic_error);
  EXPECT_THROW(router.Add("GET", "/a/{b", Named("x")), std::logic_error);
  EXPECT_THROW(router.Add("GET", "/a/{b}/{b}", Named("x")), std::logic_error);
  EXPECT_THROW(router.Add("GET", "/a", Handler{}), std::logic_error);
}

TEST(HttpRouter, OptionsAreKept) {
  Router router;
  router.Add("GET", "/health", Named("ok"), RouteOptions{.on_io_thread = true});
  router.Add("GET", "/slow", Named("slow"));
  EXPECT_TRUE(router.Find("GET", "/health").match->route->options.on_io_thread);
  EXPECT_FALSE(router.Find("GET", "/slow").match->route->options.on_io_thread);
  EXPECT_EQ(router.routes().size(), 2u);
}

}  // namespace
}  // namespace tp::http
