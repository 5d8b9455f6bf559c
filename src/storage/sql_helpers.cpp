#include "storage/sql_helpers.h"

#include <soci/soci.h>

#include <cctype>
#include <stdexcept>

namespace tp::storage::sqlx {

Params& Params::Int(const std::string& name, long long value) {
  entries_.push_back({name, Kind::kInt});
  ints_.push_back(value);
  return *this;
}

Params& Params::Text(const std::string& name, std::string value) {
  entries_.push_back({name, Kind::kText});
  texts_.push_back(std::move(value));
  indicators_.push_back(soci::i_ok);
  return *this;
}

Params& Params::OptionalText(const std::string& name, const std::optional<std::string>& value) {
  entries_.push_back({name, Kind::kText});
  texts_.push_back(value.value_or(""));
  indicators_.push_back(value ? soci::i_ok : soci::i_null);
  return *this;
}

Params& Params::Bytes(const std::string& name, std::string value) {
  entries_.push_back({name, Kind::kBytes});
  bytes_.push_back(std::move(value));
  return *this;
}

namespace {

// PostgreSQL reads a text parameter for a BYTEA column in its hex form, "\x0a1b...".
std::string PgHex(const std::string& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A BYTEA column read as text is "\x" and two hex digits a byte (bytea_output = hex).
std::string FromPgHex(const std::string& text) {
  if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0)
    throw std::runtime_error("a BYTEA column did not come in hex form");
  std::string out;
  out.reserve(text.size() / 2 - 1);
  for (std::size_t i = 2; i < text.size(); i += 2) {
    const int hi = HexValue(text[i]), lo = HexValue(text[i + 1]);
    if (hi < 0 || lo < 0) throw std::runtime_error("a BYTEA column did not come in hex form");
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

}  // namespace

void Params::Bind(soci::statement& st, Tx& tx) {
  std::size_t next_int = 0, next_text = 0, next_bytes = 0;
  for (const auto& e : entries_) {
    switch (e.kind) {
      case Kind::kInt:
        st.exchange(soci::use(ints_[next_int++], e.name));
        break;
      case Kind::kText:
        st.exchange(soci::use(texts_[next_text], indicators_[next_text], e.name));
        ++next_text;
        break;
      case Kind::kBytes: {
        std::string& bytes = bytes_[next_bytes++];
        if (tx.backend() == Backend::kPostgresql) {
          bytes = PgHex(bytes);
          st.exchange(soci::use(bytes, e.name));
        } else if (bytes.empty()) {
          // A blob nothing was written to binds as NULL: no bytes go in as the empty value.
          st.exchange(soci::use(bytes, e.name));
        } else {
          // SQLite: bound as a blob, so the value is stored as one (typeof() = 'blob').
          auto& blob = blobs_.emplace_back(std::make_shared<soci::blob>(tx.sql()));
          if (!bytes.empty()) blob->write(0, bytes.data(), bytes.size());
          st.exchange(soci::use(*blob, e.name));
        }
        break;
      }
    }
  }
}

long long Exec(Tx& tx, const std::string& query, Params params) {
  soci::statement st(tx.sql());
  params.Bind(st, tx);
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

struct Cursor::Impl {
  explicit Impl(soci::session& sql, Backend backend) : st(sql), backend(backend) {}
  soci::statement st;
  Backend backend;
  Params params;
  std::string types;
  std::vector<long long> ints;
  std::vector<std::string> texts;
  std::vector<soci::indicator> indicators;
  std::vector<std::size_t> slot;  // column -> index into ints or texts
};

Cursor::Cursor(Tx& tx, const std::string& query, Params params, const std::string& types)
    : impl_(new Impl(tx.sql(), tx.backend())) {
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
  impl_->params.Bind(impl_->st, tx);
  impl_->st.alloc();
  impl_->st.prepare(query);
  impl_->st.define_and_bind();
  impl_->st.execute(false);
}

Cursor::~Cursor() { delete impl_; }

bool Cursor::Next() {
  if (!impl_->st.fetch()) return false;
  if (impl_->backend == Backend::kPostgresql) {
    for (std::size_t c = 0; c < impl_->types.size(); ++c)
      if (impl_->types[c] == 'B' && impl_->indicators[c] != soci::i_null)
        impl_->texts[impl_->slot[c]] = FromPgHex(impl_->texts[impl_->slot[c]]);
  }
  return true;
}

long long Cursor::Int(std::size_t column) const {
  if (impl_->indicators.at(column) == soci::i_null) return 0;
  return impl_->ints.at(impl_->slot.at(column));
}

const std::string& Cursor::Text(std::size_t column) const {
  static const std::string kEmpty;
  if (impl_->indicators.at(column) == soci::i_null) return kEmpty;
  return impl_->texts.at(impl_->slot.at(column));
}

const std::string& Cursor::Bytes(std::size_t column) const {
  if (impl_->types.at(column) != 'B') throw std::logic_error("column is not of type 'B'");
  return Text(column);
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
