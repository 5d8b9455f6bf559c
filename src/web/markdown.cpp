#include "web/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

namespace tp::web {
namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool IsSafeUrl(std::string_view url) {
  if (StartsWith(url, "https://") || StartsWith(url, "http://") || StartsWith(url, "mailto:"))
    return true;
  if (url.starts_with("#")) return true;
  // A path on this site; "//host" would be another site and "/\" is read as one by browsers.
  return url.starts_with("/") && !url.starts_with("//") && !url.starts_with("/\\");
}

// Replaces `node` by its children (the text of a link or the description of an image).
void Unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
  cmark_node_free(node);
}

// Replaces raw HTML by the same characters as text, so that what was typed stays visible,
// escaped, and nothing of it reaches the page as markup.
void HtmlAsText(cmark_node* node) {
  std::string literal = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
  while (!literal.empty() && literal.back() == '\n') literal.pop_back();
  cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(text, literal.c_str());
  if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK) {
    cmark_node* paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
    cmark_node_append_child(paragraph, text);
    text = paragraph;
  }
  cmark_node_insert_before(node, text);
  cmark_node_free(node);
}

struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

}  // namespace

std::string RenderMarkdown(std::string_view text) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

  // CMARK_OPT_DEFAULT leaves out CMARK_OPT_UNSAFE: raw HTML becomes a comment.
  const int options = CMARK_OPT_DEFAULT;
  std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(options));
  for (const char* name : {"autolink", "strikethrough", "table"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  cmark_parser_feed(parser.get(), text.data(), text.size());
  std::unique_ptr<cmark_node, NodeFree> document(cmark_parser_finish(parser.get()));

  std::vector<cmark_node*> unsafe;
  std::vector<cmark_node*> raw_html;
  cmark_iter* iter = cmark_iter_new(document.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter);
    const auto type = cmark_node_get_type(node);
    if (type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK) {
      raw_html.push_back(node);
    } else if (type == CMARK_NODE_IMAGE) {
      unsafe.push_back(node);
    } else if (type == CMARK_NODE_LINK) {
      const char* url = cmark_node_get_url(node);
      if (!url || !IsSafeUrl(url)) unsafe.push_back(node);
    }
  }
  cmark_iter_free(iter);
  // Innermost first, so that no unwrapped node is freed before its own turn.
  for (cmark_node* node : raw_html) HtmlAsText(node);
  for (auto it = unsafe.rbegin(); it != unsafe.rend(); ++it) Unwrap(*it);

  char* html =
      cmark_render_html(document.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html ? html : "");
  cmark_get_default_mem_allocator()->free(html);
  return out;
}

}  // namespace tp::web
