#pragma once
#include <string>
#include <string_view>

namespace tp::web {

/// The one way to show a text that operators or employers write (a programme's description,
/// an employer's presentation, and every such text to come): it is stored as typed, as Markdown,
/// and rendered here with GitHub-flavoured Markdown (cmark-gfm: tables, strikethrough, bare
/// links) into HTML that is safe to put in a page unescaped:
///  - raw HTML is never passed through (no <script>, no inline handlers, no style): it is shown
///    as the text that was typed;
///  - a link keeps its address only when it is http:, https:, mailto:, a path on this site
///    ("/...") or a fragment ("#..."); any other link, and every image, is reduced to its text.
std::string RenderMarkdown(std::string_view text);

}  // namespace tp::web
