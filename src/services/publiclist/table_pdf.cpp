#include "services/publiclist/table_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <numeric>
#include <stdexcept>

namespace tp::services {
namespace {

constexpr double kPageWidth = 595.276;  // A4 in points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 50;
constexpr double kCellPad = 4;
constexpr double kFooterHeight = 24;

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct FontDeleter {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
using Font = std::unique_ptr<PangoFontDescription, FontDeleter>;

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

Layout MakeLayout(cairo_t* cr, const PangoFontDescription* font, const std::string& text,
                  double width) {
  Layout layout(pango_cairo_create_layout(cr));
  pango_layout_set_font_description(layout.get(), font);
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  return layout;
}

double HeightOf(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout, &w, &h);
  return h;
}

void Draw(cairo_t* cr, PangoLayout* layout, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
}

std::string Replace(std::string text, const std::string& key, const std::string& value) {
  auto at = text.find(key);
  if (at != std::string::npos) text.replace(at, key.size(), value);
  return text;
}

}  // namespace

std::string TablePdf(const TableDocument& doc) {
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(Append, &out, kPageWidth, kPageHeight);
  cairo_t* cr = cairo_create(surface);
  if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    throw std::runtime_error("cairo could not create a PDF surface");
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  Font title_font(pango_font_description_from_string("Sans Bold 16"));
  Font text_font(pango_font_description_from_string("Sans 10"));
  Font head_font(pango_font_description_from_string("Sans Bold 10"));
  Font small_font(pango_font_description_from_string("Sans 8"));

  const double content_width = kPageWidth - 2 * kMargin;
  const double bottom = kPageHeight - kMargin - kFooterHeight;
  std::vector<double> widths;
  const double share_sum = std::accumulate(doc.column_shares.begin(), doc.column_shares.end(), 0.0);
  for (std::size_t c = 0; c < doc.headers.size(); ++c) {
    const double share = c < doc.column_shares.size() && share_sum > 0
                             ? doc.column_shares[c] / share_sum
                             : 1.0 / static_cast<double>(doc.headers.size());
    widths.push_back(content_width * share);
  }

  // A row's cells laid out, and its height.
  auto row_layouts = [&](const std::vector<std::string>& cells, const PangoFontDescription* font,
                         double& height) {
    std::vector<Layout> layouts;
    height = 0;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      layouts.push_back(MakeLayout(cr, font, c < cells.size() ? cells[c] : std::string(),
                                   widths[c] - 2 * kCellPad));
      height = std::max(height, HeightOf(layouts.back().get()) + 2 * kCellPad);
    }
    return layouts;
  };

  // Pass 1: which page each row lands on, so the footer can say "page n of N".
  double header_height = 0;
  row_layouts(doc.headers, head_font.get(), header_height);
  double first_top = kMargin;
  {
    auto title = MakeLayout(cr, title_font.get(), doc.title, content_width);
    first_top += HeightOf(title.get()) + 8;
    for (const auto& line : doc.intro)
      first_top += HeightOf(MakeLayout(cr, text_font.get(), line, content_width).get()) + 2;
    first_top += 10;
  }
  std::vector<int> page_of_row;
  std::vector<double> row_height;
  int pages = 1;
  double y = first_top + header_height;
  for (const auto& row : doc.rows) {
    double h = 0;
    row_layouts(row, text_font.get(), h);
    if (y + h > bottom && y > kMargin + header_height + 0.5) {
      ++pages;
      y = kMargin + header_height;
    }
    page_of_row.push_back(pages);
    row_height.push_back(h);
    y += h;
  }

  // Pass 2: draw.
  auto draw_footer = [&](int page) {
    auto left = MakeLayout(cr, small_font.get(), doc.footer, content_width / 2);
    Draw(cr, left.get(), kMargin, kPageHeight - kMargin - 10);
    auto right = MakeLayout(cr, small_font.get(),
                            Replace(Replace(doc.page_label, "{page}", std::to_string(page)),
                                    "{pages}", std::to_string(pages)),
                            content_width / 2);
    pango_layout_set_alignment(right.get(), PANGO_ALIGN_RIGHT);
    Draw(cr, right.get(), kMargin + content_width / 2, kPageHeight - kMargin - 10);
  };
  auto draw_row = [&](const std::vector<std::string>& cells, const PangoFontDescription* font,
                      double top, bool shaded) {
    double h = 0;
    auto layouts = row_layouts(cells, font, h);
    if (shaded) {
      cairo_set_source_rgb(cr, 0.92, 0.93, 0.95);
      cairo_rectangle(cr, kMargin, top, content_width, h);
      cairo_fill(cr);
      cairo_set_source_rgb(cr, 0, 0, 0);
    }
    double x = kMargin;
    for (std::size_t c = 0; c < layouts.size(); ++c) {
      Draw(cr, layouts[c].get(), x + kCellPad, top + kCellPad);
      x += widths[c];
    }
    cairo_set_line_width(cr, 0.4);
    cairo_move_to(cr, kMargin, top + h);
    cairo_line_to(cr, kMargin + content_width, top + h);
    cairo_stroke(cr);
    return h;
  };

  cairo_set_source_rgb(cr, 0, 0, 0);
  y = kMargin;
  auto title = MakeLayout(cr, title_font.get(), doc.title, content_width);
  Draw(cr, title.get(), kMargin, y);
  y += HeightOf(title.get()) + 8;
  for (const auto& line : doc.intro) {
    auto l = MakeLayout(cr, text_font.get(), line, content_width);
    Draw(cr, l.get(), kMargin, y);
    y += HeightOf(l.get()) + 2;
  }
  y += 10;
  if (doc.rows.empty()) {
    auto l = MakeLayout(cr, text_font.get(), doc.empty_text, content_width);
    Draw(cr, l.get(), kMargin, y);
  } else {
    y += draw_row(doc.headers, head_font.get(), y, true);
  }
  int page = 1;
  for (std::size_t r = 0; r < doc.rows.size(); ++r) {
    if (page_of_row[r] != page) {
      draw_footer(page);
      cairo_show_page(cr);
      ++page;
      y = kMargin;
      y += draw_row(doc.headers, head_font.get(), y, true);
    }
    y += draw_row(doc.rows[r], text_font.get(), y, false);
  }
  draw_footer(page);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const auto status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo PDF: ") + cairo_status_to_string(status));
  return out;
}

}  // namespace tp::services
