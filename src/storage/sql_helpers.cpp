#include "storage/sql_helpers.h"

#include <soci/soci.h>

#include <cctype>
#include <stdexcept>

namespace tp::storage::sqlx {

Params& Params::Int(const std::string& name, long long value) {
  entries_.push_back({name, true});
  ints_.push_back(value);
  return *this;
}

Params& Params::Text(const std::string& name, std::string value) {
  entries_.push_back({name, false});
  texts_.push_back(std::move(value));
  indicators_.push_back(soci::i_ok);
  return *this;
}

Params& Params::OptionalText(const std::string& name, const std::optional<std::string>& value) {
  entries_.push_back({name, false});
  texts_.push_back(value.value_or(""));
  indicators_.push_back(value ? soci::i_ok : soci::i_null);
  return *this;
}

void Params::Bind(soci::statement& st) {
  std::size_t next_int = 0, next_text = 0;
  for (const auto& e : entries_) {
    if (e.is_int) {
      st.exchange(soci::use(ints_[next_int++], e.name));
    } else {
      st.exchange(soci::use(texts_[next_text], indicators_[next_text], e.name));
      ++next_text;
    }
  }
}

long long Exec(Tx& tx, const std::string& query, Params params) {
  soci::statement st(tx.sql());
  params.Bind(st);
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

struct Cursor::Impl {
  explicit Impl(soci::session& sql) : st(sql) {}
  soci::statement st;
  Params params;
  std::string types;
  std::vector<long long> ints;
  std::vector<std::string> texts;
  std::vector<soci::indicator> indicators;
  std::vector<std::size_t> slot;  // column -> index into ints or texts
};

Cursor::Cursor(Tx& tx, const std::string& query, Params params, const std::string& types)
    : impl_(new Impl(tx.sql())) {
  impl_->params = std::move(params);
  impl_->types = types;
  std::size_t n_int = 0, n_text = 0;
  for (char t : types) impl_->slot.push_back(t == 'I' ? n_int++ : n_text++);
  // Sized once before binding: soci keeps pointers into these vectors.
  impl_->ints.resize(n_int);
  impl_->texts.resize(n_text);
  impl_->indicators.resize(types.size());
  for (std::size_t c = 0; c < types.size(); ++c) {
    if (types[c] == 'I')
      impl_->st.exchange(soci::into(impl_->ints[impl_->slot[c]], impl_->indicators[c]));
    else
      impl_->st.exchange(soci::into(impl_->texts[impl_->slot[c]], impl_->indicators[c]));
  }
  impl_->params.Bind(impl_->st);
  impl_->st.alloc();
  impl_->st.prepare(query);
  impl_->st.define_and_bind();
  impl_->st.execute(false);
}

Cursor::~Cursor() { delete impl_; }

bool Cursor::Next() { return impl_->st.fetch(); }

long long Cursor::Int(std::size_t column) const {
  if (impl_->indicators.at(column) == soci::i_null) return 0;
  return impl_->ints.at(impl_->slot.at(column));
}

const std::string& Cursor::Text(std::size_t column) const {
  static const std::string kEmpty;
  if (impl_->indicators.at(column) == soci::i_null) return kEmpty;
  return impl_->texts.at(impl_->slot.at(column));
}

long long Scalar(Tx& tx, const std::string& query, Params params) {
  Cursor c(tx, query, std::move(params), "I");
  if (!c.Next()) throw std::runtime_error("query returned no row: " + query);
  return c.Int(0);
}

std::string ContainsPattern(const std::string& q) {
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  out += '%';
  return out;
}

}  // namespace tp::storage::sqlx
