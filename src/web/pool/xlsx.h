#pragma once
#include <string>
#include <vector>

#include "http/message.h"

namespace tp::web {

/// One cell of a spreadsheet export: text, or a calendar date (ISO "YYYY-MM-DD") written as a
/// real date shown as dd.mm.yyyy.
struct XlsxCell {
  std::string text;
  bool is_date = false;
};

/// An .xlsx download of `rows` (the first is the bold header row) written with libxlsxwriter in
/// constant-memory mode, so tens of thousands of rows stay cheap.
http::Response XlsxResponse(const std::string& filename, const std::string& sheet_name,
                            const std::vector<std::vector<XlsxCell>>& rows);

}  // namespace tp::web
