// The search index as the author tool writes it and the engine reads it:
// binary parts beside posts.json, fetched only when a query needs them
// (docs/bundle-format.md, "Search parts").
//
//   term buckets   one per first letter of the terms: every term with its
//                  document frequency and where its postings and positions are.
//   postings       per term, the documents it is in with a precomputed BM25F
//                  impact, so a query never needs document lengths.
//   positions      per term, word positions per field, read only for phrases.
//
// Numbers are LEB128 varints; documents are delta-coded. Every reader checks
// bounds and returns nullopt on anything malformed: parts come over the network.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace buildlog::search_format {

// Impacts are stored as round(score * impact_scale).
inline constexpr double impact_scale = 64.0;
inline constexpr std::size_t field_count = 4;  // title, tags, summary, body
inline constexpr std::string_view bucket_magic = "BLT1";
// A tag is indexed as the term "#" + its folded name: words never hold '#'.
inline constexpr char tag_prefix = '#';

struct Ref {
  std::uint32_t file = 0;  // index into the bucket's postings (or positions) files
  std::uint32_t offset = 0;
  std::uint32_t size = 0;
  friend bool operator==(const Ref&, const Ref&) = default;
};

struct TermEntry {
  std::string term;
  std::uint32_t docs = 0;  // document frequency
  Ref postings;
  Ref positions;
  friend bool operator==(const TermEntry&, const TermEntry&) = default;
};

struct Posting {
  std::uint32_t doc;
  std::uint32_t impact;  // sum over fields of weight * BM25 tf part, times impact_scale
};

struct FieldPositions {
  std::uint32_t doc;
  std::uint8_t field;
  std::vector<std::uint32_t> positions;  // ascending
};

void put_varint(std::string& out, std::uint64_t v);
// Reads one varint from the front of `in`; nullopt when truncated or too long.
std::optional<std::uint64_t> get_varint(std::string_view& in);
// A string as every binary part writes one: its length as a varint, then its bytes.
void put_string(std::string& out, std::string_view s);
// Reads one from the front of `in` (a view into it); nullopt when truncated
// or longer than `max_bytes`.
std::optional<std::string_view> get_string(std::string_view& in, std::size_t max_bytes);

// The bucket a term lives in: its first UTF-8 code point (the whole term
// when that is not valid UTF-8).
std::string bucket_key(std::string_view term);

// A bucket names the parts its terms' postings and positions are in, so the
// entry need not list them all.
struct Bucket {
  std::vector<std::string> postings;   // part names
  std::vector<std::string> positions;  // part names
  std::vector<TermEntry> terms;        // sorted, no duplicates
  friend bool operator==(const Bucket&, const Bucket&) = default;
};

// Terms are front-coded.
std::string encode_bucket(const Bucket& bucket);
// nullopt when malformed, or a term refers to a file the bucket does not name.
std::optional<Bucket> decode_bucket(std::string_view bytes);

std::string encode_postings(const std::vector<Posting>& postings);
// `docs` bounds the document numbers.
std::optional<std::vector<Posting>> decode_postings(std::string_view bytes, std::uint32_t docs);

std::string encode_positions(const std::vector<FieldPositions>& positions);

// The same encodings written entry by entry, for the author tool's millions
// of entries: no vector per entry.
class PostingsWriter {
 public:
  void add(std::uint32_t doc, std::uint32_t impact);
  std::uint32_t count() const { return count_; }
  std::string finish() const;

 private:
  std::string body_;
  std::uint32_t count_ = 0, last_ = 0;
};

class PositionsWriter {
 public:
  // One (doc, field) entry: its positions, ascending. Entries come in
  // (doc, field) order, each pair once: decode_positions requires it.
  template <class Positions>
  void add(std::uint32_t doc, std::uint8_t field, const Positions& positions) {
    put_varint(body_, doc - last_doc_);
    last_doc_ = doc;
    put_varint(body_, field);
    put_varint(body_, positions.size());
    std::uint32_t last = 0;
    for (const std::uint32_t at : positions) put_varint(body_, at - last), last = at;
    ++count_;
  }
  bool empty() const { return count_ == 0; }
  std::string finish() const;

 private:
  std::string body_;
  std::uint32_t count_ = 0, last_doc_ = 0;
};
// In (doc, field) order, each pair once (a search looks pairs up by halving); nullopt otherwise.
std::optional<std::vector<FieldPositions>> decode_positions(std::string_view bytes, std::uint32_t docs);

}  // namespace buildlog::search_format
