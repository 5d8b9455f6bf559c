#include <gtest/gtest.h>

#include "web/markdown.h"

using tp::web::RenderMarkdown;

namespace {
bool Has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}
}  // namespace

TEST(Markdown, RendersParagraphsEmphasisListsAndTables) {
  auto html = RenderMarkdown("Hei *alle*.\n\n- en\n- to\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
  EXPECT_TRUE(Has(html, "<p>Hei <em>alle</em>.</p>")) << html;
  EXPECT_TRUE(Has(html, "<li>en</li>")) << html;
  EXPECT_TRUE(Has(html, "<td>2</td>")) << html;
}

TEST(Markdown, NeverPassesRawHtmlOrHandlers) {
  auto html = RenderMarkdown(
      "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> <b onclick=\"x\">b</b>");
  EXPECT_FALSE(Has(html, "<script")) << html;
  EXPECT_FALSE(Has(html, "<img")) << html;
  EXPECT_FALSE(Has(html, "<b ")) << html;
  EXPECT_FALSE(Has(html, "<b>")) << html;
  EXPECT_TRUE(Has(html, "Text")) << html;
  // What was typed stays readable, as text.
  EXPECT_TRUE(Has(html, "&lt;script&gt;alert(1)&lt;/script&gt;")) << html;
  EXPECT_TRUE(Has(html, "&lt;b onclick=&quot;x&quot;&gt;b")) << html;
}

TEST(Markdown, KeepsOnlySafeLinksAndDropsImages) {
  auto html = RenderMarkdown(
      "[ks](https://www.ks.no) [mail](mailto:post@ks.no) [side](/advert/cohorts/1) [x](#a) "
      "[js](javascript:alert(1)) [data](data:text/html,hi) [other](//evil.example) "
      "![pixel](https://tracker.example/p.gif) www.ks.no");
  EXPECT_TRUE(Has(html, "<a href=\"https://www.ks.no\">ks</a>")) << html;
  EXPECT_TRUE(Has(html, "<a href=\"mailto:post@ks.no\">mail</a>")) << html;
  EXPECT_TRUE(Has(html, "<a href=\"/advert/cohorts/1\">side</a>")) << html;
  EXPECT_TRUE(Has(html, "<a href=\"#a\">x</a>")) << html;
  EXPECT_TRUE(Has(html, "<a href=\"http://www.ks.no\">www.ks.no</a>")) << html;
  EXPECT_FALSE(Has(html, "javascript")) << html;
  EXPECT_FALSE(Has(html, "data:")) << html;
  EXPECT_FALSE(Has(html, "evil.example")) << html;
  EXPECT_FALSE(Has(html, "<img")) << html;
  EXPECT_TRUE(Has(html, " js ")) << html;   // the text of a refused link stays
  EXPECT_TRUE(Has(html, "pixel")) << html;  // and the description of an image
}

TEST(Markdown, EscapesTextAndSurvivesNestedUnsafeNodes) {
  auto html = RenderMarkdown("a < b & \"c\" [![i](x.png) t](javascript:x)");
  EXPECT_TRUE(Has(html, "a &lt; b &amp; &quot;c&quot;")) << html;
  EXPECT_FALSE(Has(html, "<a")) << html;
  EXPECT_TRUE(Has(html, "i t")) << html;
  EXPECT_EQ(RenderMarkdown(""), "");
}
