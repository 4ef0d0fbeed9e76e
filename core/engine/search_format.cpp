#include "search_format.hpp"

#include <limits>

namespace buildlog::search_format {
namespace {

constexpr std::uint64_t max_u32 = std::numeric_limits<std::uint32_t>::max();

std::optional<std::uint32_t> get_u32(std::string_view& in) {
  const auto v = get_varint(in);
  if (!v || *v > max_u32) return std::nullopt;
  return static_cast<std::uint32_t>(*v);
}

}  // namespace

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

std::optional<std::uint64_t> get_varint(std::string_view& in) {
  std::uint64_t v = 0;
  for (unsigned shift = 0; shift < 64 && !in.empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return v;
  }
  return std::nullopt;
}

void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out += s;
}

std::optional<std::string_view> get_string(std::string_view& in, std::size_t max_bytes) {
  const auto size = get_varint(in);
  if (!size || *size > max_bytes || *size > in.size()) return std::nullopt;
  const std::string_view s = in.substr(0, static_cast<std::size_t>(*size));
  in.remove_prefix(s.size());
  return s;
}

std::string bucket_key(std::string_view term) {
  if (term.empty()) return {};
  const auto lead = static_cast<unsigned char>(term[0]);
  const std::size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || n > term.size()) return std::string(term);
  return std::string(term.substr(0, n));
}

namespace {

void put_names(std::string& out, const std::vector<std::string>& names) {
  put_varint(out, names.size());
  for (const auto& n : names) put_string(out, n);
}

std::optional<std::vector<std::string>> get_names(std::string_view& in) {
  const auto count = get_u32(in);
  if (!count || *count > in.size()) return std::nullopt;
  std::vector<std::string> names;
  for (std::uint32_t i = 0; i < *count; ++i) {
    const auto name = get_string(in, 200);
    if (!name) return std::nullopt;
    names.emplace_back(*name);
  }
  return names;
}

}  // namespace

std::string encode_bucket(const Bucket& bucket) {
  const auto& terms = bucket.terms;
  std::string out(bucket_magic);
  put_names(out, bucket.postings);
  put_names(out, bucket.positions);
  put_varint(out, terms.size());
  std::string_view previous;
  for (const TermEntry& t : terms) {
    std::size_t shared = 0;
    while (shared < previous.size() && shared < t.term.size() && previous[shared] == t.term[shared]) ++shared;
    put_varint(out, shared);
    put_varint(out, t.term.size() - shared);
    out.append(t.term, shared);
    for (const std::uint32_t v : {t.docs, t.postings.file, t.postings.offset, t.postings.size, t.positions.file, t.positions.offset, t.positions.size})
      put_varint(out, v);
    previous = t.term;
  }
  return out;
}

std::optional<Bucket> decode_bucket(std::string_view in) {
  if (!in.starts_with(bucket_magic)) return std::nullopt;
  in.remove_prefix(bucket_magic.size());
  Bucket bucket;
  auto postings = get_names(in);
  if (!postings) return std::nullopt;
  auto positions = get_names(in);
  if (!positions) return std::nullopt;
  bucket.postings = std::move(*postings);
  bucket.positions = std::move(*positions);
  const auto count = get_u32(in);
  // Every term takes at least 9 bytes: a bound before reserving.
  if (!count || *count > in.size() / 9) return std::nullopt;
  auto& terms = bucket.terms;
  terms.resize(*count);
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const auto shared = get_u32(in);
    const auto suffix = get_u32(in);
    const std::string_view previous = i == 0 ? std::string_view{} : terms[i - 1].term;
    if (!shared || !suffix || *shared > previous.size() || *suffix > in.size()) return std::nullopt;
    TermEntry& t = terms[i];
    t.term.assign(previous.substr(0, *shared));
    t.term.append(in.substr(0, *suffix));
    in.remove_prefix(*suffix);
    if (i > 0 && !(previous < t.term)) return std::nullopt;  // sorted, no duplicates: lookups binary-search
    std::uint32_t* fields[] = {&t.docs, &t.postings.file, &t.postings.offset, &t.postings.size, &t.positions.file, &t.positions.offset, &t.positions.size};
    for (std::uint32_t* f : fields) {
      const auto v = get_u32(in);
      if (!v) return std::nullopt;
      *f = *v;
    }
    if (t.postings.file >= bucket.postings.size() || (t.positions.size > 0 && t.positions.file >= bucket.positions.size())) return std::nullopt;
  }
  if (!in.empty()) return std::nullopt;
  return bucket;
}

std::string encode_postings(const std::vector<Posting>& postings) {
  PostingsWriter writer;
  for (const Posting& p : postings) writer.add(p.doc, p.impact);
  return writer.finish();
}

void PostingsWriter::add(std::uint32_t doc, std::uint32_t impact) {
  put_varint(body_, doc - last_);
  put_varint(body_, impact);
  last_ = doc;
  ++count_;
}

namespace {

// Both encodings are a count, then the entries.
std::string counted(std::uint32_t count, const std::string& body) {
  std::string out;
  put_varint(out, count);
  return out + body;
}

}  // namespace

std::string PostingsWriter::finish() const { return counted(count_, body_); }

std::string PositionsWriter::finish() const { return counted(count_, body_); }

std::optional<std::vector<Posting>> decode_postings(std::string_view in, std::uint32_t docs) {
  const auto count = get_u32(in);
  if (!count || *count > in.size() / 2 || *count > docs) return std::nullopt;
  std::vector<Posting> out;
  out.reserve(*count);
  std::uint64_t doc = 0;
  for (std::uint32_t i = 0; i < *count; ++i) {
    const auto delta = get_u32(in);
    const auto impact = get_u32(in);
    if (!delta || !impact || (i > 0 && *delta == 0)) return std::nullopt;
    doc += *delta;
    if (doc >= docs) return std::nullopt;
    out.push_back({static_cast<std::uint32_t>(doc), *impact});
  }
  if (!in.empty()) return std::nullopt;
  return out;
}

std::string encode_positions(const std::vector<FieldPositions>& positions) {
  PositionsWriter writer;
  for (const FieldPositions& p : positions) writer.add(p.doc, p.field, p.positions);
  return writer.finish();
}

std::optional<std::vector<FieldPositions>> decode_positions(std::string_view in, std::uint32_t docs) {
  const auto count = get_u32(in);
  if (!count || *count > in.size() / 3) return std::nullopt;
  std::vector<FieldPositions> out;
  out.reserve(*count);
  std::uint64_t doc = 0;
  for (std::uint32_t i = 0; i < *count; ++i) {
    const auto delta = get_u32(in);
    const auto field = get_u32(in);
    const auto n = get_u32(in);
    if (!delta || !field || !n || *field >= field_count || *n > in.size()) return std::nullopt;
    doc += *delta;
    if (doc >= docs) return std::nullopt;
    if (i > 0 && *delta == 0 && *field <= out.back().field) return std::nullopt;  // (post, field) ascending, each once, as the writer adds them
    FieldPositions fp{static_cast<std::uint32_t>(doc), static_cast<std::uint8_t>(*field), {}};
    fp.positions.reserve(*n);
    std::uint64_t at = 0;
    for (std::uint32_t k = 0; k < *n; ++k) {
      const auto step = get_u32(in);
      if (!step || (k > 0 && *step == 0)) return std::nullopt;
      at += *step;
      if (at > max_u32) return std::nullopt;
      fp.positions.push_back(static_cast<std::uint32_t>(at));
    }
    out.push_back(std::move(fp));
  }
  if (!in.empty()) return std::nullopt;
  return out;
}

}  // namespace buildlog::search_format
