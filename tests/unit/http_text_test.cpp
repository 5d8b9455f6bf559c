#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "http/message.h"
#include "http/response_cache.h"
#include "http/text.h"

namespace tp::http {
namespace {

TEST(TextRules, Utf8IsCheckedStrictly) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Bærum kommune – Øst"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));   // U+1F600
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));   // U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF\xFE\xC3\x28"));  // the registration form's attack
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong, three bytes
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // cut off
  EXPECT_FALSE(IsValidUtf8("abc\x80"));           // a lone continuation byte
  EXPECT_EQ(ToValidUtf8("a\xFF"
                        "b\xC3"),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  EXPECT_EQ(ToValidUtf8("Søk"), "Søk");
}

TEST(TextRules, InputTextLosesControlCharactersButKeepsLines) {
  std::string text = "Linje en\r\nLinje to\rLinje tre\x0bLinje fire\x0c\tinnrykk\x01\x1b\x7f slutt";
  ASSERT_TRUE(CleanInputText(text));
  EXPECT_EQ(text, "Linje en\nLinje to\nLinje tre\nLinje fire\n\tinnrykk slutt");
  std::string nul("a\0b", 3);
  ASSERT_TRUE(CleanInputText(nul));
  EXPECT_EQ(nul, "ab");
  std::string bad = "\xFF";
  EXPECT_FALSE(CleanInputText(bad));
  EXPECT_TRUE(IsCleanText("to\nlinjer"));
  EXPECT_FALSE(IsCleanText("to\nlinjer", false));
  EXPECT_FALSE(IsCleanText("a\x0b"));
}

TEST(TextRules, XmlEscapeKeepsTheDocumentWellFormed) {
  EXPECT_EQ(XmlEscape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
  EXPECT_EQ(XmlEscape("linje\x0bny\x01\tfane\n"), "linjeny\tfane\n");
  EXPECT_EQ(XmlEscape("\xEF\xBF\xBE"), "");  // U+FFFE is not an XML character
  EXPECT_EQ(XmlEscape("ødelagt \xC3"), "ødelagt \xEF\xBF\xBD");
  EXPECT_EQ(XmlEscape("a\rb"), "a&#13;b");
}

TEST(HeaderRules, ValuesThatWouldSplitTheHeaderAreUnsafe) {
  EXPECT_TRUE(IsSafeHeaderValue("/advert/cohorts/5?x=1"));
  EXPECT_TRUE(IsSafeHeaderValue("attachment; filename=\"a b.pdf\""));
  EXPECT_TRUE(IsSafeHeaderValue(""));
  EXPECT_FALSE(IsSafeHeaderValue("/\r\nSet-Cookie: tp_session=x"));
  EXPECT_FALSE(IsSafeHeaderValue("/\nLocation: x"));
  EXPECT_FALSE(IsSafeHeaderValue("/\r"));
  EXPECT_FALSE(IsSafeHeaderValue(std::string("a\0b", 3)));
  EXPECT_FALSE(IsSafeHeaderValue(" leading"));
  EXPECT_TRUE(IsValidHeaderName("Set-Cookie"));
  EXPECT_FALSE(IsValidHeaderName("X-A\r\nB"));
  EXPECT_FALSE(IsValidHeaderName("X A"));
  EXPECT_FALSE(IsValidHeaderName(""));
}

TEST(HeaderRules, OneRuleForEveryReturnPath) {
  EXPECT_TRUE(IsLocalReturnPath("/"));
  EXPECT_TRUE(IsLocalReturnPath("/apply/cohorts/5?x=1&y=%C3%B8"));
  for (const std::string bad : {"", "https://evil.example", "//evil.example", "/\\evil.example",
                                "/\t/evil.example", "/\r\nSet-Cookie: x", "/a\nb", "/a b",
                                "/sti\\x", "/ø", "evil", "/%09ok\x7f", "/%0d%", "/a#frag"}) {
    EXPECT_FALSE(IsLocalReturnPath(bad)) << bad;
  }
  EXPECT_FALSE(IsLocalReturnPath("/" + std::string(2000, 'a')));
}

TEST(HeaderRules, DownloadNamesAreGivenBothWays) {
  EXPECT_EQ(ContentDisposition("attachment", "liste.csv"), "attachment; filename=\"liste.csv\"");
  EXPECT_EQ(ContentDisposition("inline", "Søkerliste Bærum.pdf"),
            "inline; filename=\"S_kerliste B_rum.pdf\"; "
            "filename*=UTF-8''S%C3%B8kerliste%20B%C3%A6rum.pdf");
  EXPECT_EQ(ContentDisposition("attachment", "a\"b\\c\r\n.pdf"),
            "attachment; filename=\"a_b_c__.pdf\"; filename*=UTF-8''a%22b%5Cc%0D%0A.pdf");
  EXPECT_TRUE(IsSafeHeaderValue(ContentDisposition("attachment", "x\r\nSet-Cookie: y")));
}

}  // namespace
}  // namespace tp::http

namespace tp::http {
namespace {

TEST(ResponseCaching, EntityTagsCompareWeaklyInAList) {
  const std::string tag = WeakETag("<html>side</html>");
  EXPECT_EQ(tag.rfind("W/\"", 0), 0u);
  EXPECT_NE(tag, WeakETag("<html>annen side</html>"));
  EXPECT_TRUE(NoneMatchHits(tag, tag));
  EXPECT_TRUE(NoneMatchHits("\"a\", " + tag.substr(2), tag));  // a proxy dropped the W/
  EXPECT_TRUE(NoneMatchHits("*", tag));
  EXPECT_TRUE(NoneMatchHits("W/\"abc\"", "\"abc\""));
  EXPECT_FALSE(NoneMatchHits("\"a\", \"b\"", tag));
  EXPECT_FALSE(NoneMatchHits("", tag));
  // A tag that merely contains the other is no match.
  EXPECT_FALSE(NoneMatchHits("\"abcd\"", "\"abc\""));
}

TEST(ResponseCaching, EntriesLastTheirTimeAndTheirVersion) {
  ResponseCache cache(std::chrono::hours(1));
  cache.Put("k", 7, Response::Text(200, "side"));
  ASSERT_TRUE(cache.Get("k", 7));
  EXPECT_EQ(cache.Get("k", 7)->body, "side");
  EXPECT_FALSE(cache.Get("k", 8));  // the data changed
  EXPECT_FALSE(cache.Get("k", 7));  // and the stale entry is gone
  ResponseCache expired(std::chrono::seconds(0));
  expired.Put("k", 1, Response::Text(200, "x"));
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  EXPECT_FALSE(expired.Get("k", 1));
}

}  // namespace
}  // namespace tp::http
