#pragma once
#include <string>
#include <vector>

namespace tp::services {

/// A printable table document: already translated texts, laid out by TablePdf.
struct TableDocument {
  std::string title;
  std::vector<std::string> intro;  ///< lines under the title (cohort, deadline, counts)
  std::vector<std::string> headers;
  std::vector<double> column_shares;  ///< relative column widths, one per header
  std::vector<std::vector<std::string>> rows;
  std::string empty_text;  ///< shown instead of the table when there are no rows
  /// Footer left text (e.g. "Printed 05.06.2026") and the page label with {page} and {pages}
  /// replaced (e.g. "Side {page} av {pages}").
  std::string footer;
  std::string page_label;
};

/// Renders `doc` as an A4 PDF (cairo + pango, DejaVu Sans/any sans font, UTF-8 text including
/// æ, ø, å): title, intro lines, the table with its header row repeated on every page, and the
/// footer with page numbers. Long cells wrap. Returns the PDF bytes.
std::string TablePdf(const TableDocument& doc);

}  // namespace tp::services
