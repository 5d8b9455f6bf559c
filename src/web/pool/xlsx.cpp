#include "web/pool/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tp::web {

http::Response XlsxResponse(const std::string& filename, const std::string& sheet_name,
                            const std::vector<std::vector<XlsxCell>>& rows) {
  char path[] = "/tmp/tp-export-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the export");
  close(fd);
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* workbook = workbook_new_opt(path, &options);
  if (!workbook) {
    std::remove(path);
    throw std::runtime_error("cannot start the spreadsheet");
  }
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_format* date = workbook_add_format(workbook);
  format_set_num_format(date, "dd.mm.yyyy");
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const auto& cell = rows[r][c];
      const auto row = static_cast<lxw_row_t>(r);
      const auto col = static_cast<lxw_col_t>(c);
      if (cell.is_date && cell.text.size() == 10) {
        lxw_datetime dt{};
        dt.year = std::atoi(cell.text.substr(0, 4).c_str());
        dt.month = std::atoi(cell.text.substr(5, 2).c_str());
        dt.day = std::atoi(cell.text.substr(8, 2).c_str());
        worksheet_write_datetime(sheet, row, col, &dt, date);
      } else if (!cell.text.empty()) {
        worksheet_write_string(sheet, row, col, cell.text.c_str(), r == 0 ? bold : nullptr);
      }
    }
  }
  const lxw_error error = workbook_close(workbook);
  std::string body;
  {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    body = buffer.str();
  }
  std::remove(path);
  if (error != LXW_NO_ERROR) throw std::runtime_error("the spreadsheet could not be written");
  http::Response response = http::Response::Text(200, std::move(body));
  response.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  response.Set("Content-Disposition", http::ContentDisposition("attachment", filename));
  return response;
}

}  // namespace tp::web
