#include "search_build.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <unordered_map>

#include "markdown.hpp"
#include "parallel.hpp"
#include "search_format.hpp"
#include "text.hpp"

namespace buildlog {
namespace {

namespace sf = search_format;

constexpr std::array<double, sf::field_count> field_weight{6.0, 4.0, 2.0, 1.0};
constexpr double k1 = 1.2;
constexpr double b = 0.75;
// Parts grow to about this many bytes before the next starts: small enough
// that a query fetches little it does not need, large enough to keep the
// file count sane at 10,000 posts.
constexpr std::size_t postings_part_bytes = 8 * 1024;
constexpr std::size_t positions_part_bytes = 48 * 1024;

// One word of one post: doc << 34 | field << 32 | position, so that a
// term's records, appended post after post, are in (doc, field, position) order.
using Record = std::uint64_t;
constexpr Record record(std::uint32_t doc, std::uint32_t field, std::uint32_t position) {
  return Record{doc} << 34 | Record{field} << 32 | position;
}
constexpr std::uint32_t doc_of(Record r) { return static_cast<std::uint32_t>(r >> 34); }
constexpr std::uint8_t field_of(Record r) { return static_cast<std::uint8_t>((r >> 32) & 3); }
constexpr std::uint32_t position_of(Record r) { return static_cast<std::uint32_t>(r); }

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using Terms = std::unordered_map<std::string, std::vector<Record>, StringHash, std::equal_to<>>;

// The words of posts [begin, end): one worker's share of the index.
struct Share {
  Terms terms;
  std::array<double, sf::field_count> total{};
};

void index_posts(const std::vector<const SourcePost*>& docs, const std::vector<std::string_view>& bodies, std::size_t begin, std::size_t end,
                 std::vector<std::array<std::uint32_t, sf::field_count>>& lengths, Share& share, const std::function<void(std::size_t)>& read) {
  for (std::size_t doc = begin; doc < end; ++doc) {
    const SourcePost& p = *docs[doc];
    std::string tag_text;
    for (const auto& t : p.tags) tag_text += t + " ";
    const std::string_view body = p.status == Status::published && doc < bodies.size() ? bodies[doc] : std::string_view{};
    const std::array<std::string_view, sf::field_count> texts{p.title, tag_text, p.summary, body};
    for (std::uint32_t f = 0; f < sf::field_count; ++f) {
      std::uint32_t position = 0;
      for (WordScanner scan(texts[f]); scan.next(); ++position) {
        // Stop words count for length and position, but are never looked up:
        // queries drop them, and in a phrase they match any word.
        if (is_stop_word(scan.term())) continue;
        auto it = share.terms.find(scan.term());
        if (it == share.terms.end()) it = share.terms.emplace(std::string(scan.term()), std::vector<Record>{}).first;
        it->second.push_back(record(static_cast<std::uint32_t>(doc), f, position));
      }
      lengths[doc][f] = position;
      share.total[f] += position;
    }
    for (const auto& t : p.tags) {
      auto& records = share.terms[sf::tag_prefix + fold(t)];
      if (records.empty() || doc_of(records.back()) != doc) records.push_back(record(static_cast<std::uint32_t>(doc), 1, 0));
    }
    if (read) read(doc);
  }
}

struct Encoded {
  std::string postings;
  std::string positions;
  std::uint32_t docs = 0;
};

// A span of one term's records: one (doc, field), its positions.
struct FieldSpan {
  const Record* begin;
  const Record* end;
  std::size_t size() const { return static_cast<std::size_t>(end - begin); }
};

struct PositionsOf {  // iterates a span's positions for PositionsWriter
  FieldSpan span;
  std::size_t size() const { return span.size(); }
  struct It {
    const Record* r;
    std::uint32_t operator*() const { return position_of(*r); }
    It& operator++() { return ++r, *this; }
    bool operator!=(const It& o) const { return r != o.r; }
  };
  It begin() const { return {span.begin}; }
  It end() const { return {span.end}; }
};

Encoded encode_term(bool is_tag, const std::vector<std::vector<Record>*>& shares,
                    const std::vector<std::array<std::uint32_t, sf::field_count>>& lengths, const std::array<double, sf::field_count>& average) {
  sf::PostingsWriter postings;
  sf::PositionsWriter positions;
  std::uint32_t doc_open = UINT32_MAX;  // the doc whose impact is being summed
  std::uint32_t impact_sum = 0;
  for (const auto* records : shares) {
    const Record* r = records->data();
    const Record* end = r + records->size();
    while (r != end) {
      const std::uint32_t doc = doc_of(*r);
      const std::uint8_t field = field_of(*r);
      const Record* group = r;
      while (r != end && doc_of(*r) == doc && field_of(*r) == field) ++r;
      const FieldSpan span{group, r};
      double impact = 0;
      if (!is_tag) {
        const double tf = static_cast<double>(span.size());
        const double norm = 1.0 - b + b * lengths[doc][field] / average[field];
        impact = field_weight[field] * tf * (k1 + 1.0) / (tf + k1 * norm);
        positions.add(doc, field, PositionsOf{span});
      }
      if (doc != doc_open) {
        if (doc_open != UINT32_MAX) postings.add(doc_open, impact_sum);
        doc_open = doc;
        impact_sum = 0;
      }
      impact_sum += static_cast<std::uint32_t>(std::lround(impact * sf::impact_scale));
    }
  }
  if (doc_open != UINT32_MAX) postings.add(doc_open, impact_sum);
  return {postings.finish(), positions.empty() ? std::string() : positions.finish(), postings.count()};
}

// Appends `bytes` to the last file of `files`, starting a new one when it is full.
sf::Ref append(std::vector<std::string>& files, const std::string& bytes, std::size_t target) {
  if (files.empty() || (files.back().size() >= target)) files.emplace_back();
  sf::Ref ref{static_cast<std::uint32_t>(files.size() - 1), static_cast<std::uint32_t>(files.back().size()),
              static_cast<std::uint32_t>(bytes.size())};
  files.back() += bytes;
  return ref;
}

}  // namespace

SearchBuild build_search_index(const std::vector<const SourcePost*>& docs, const std::vector<std::string_view>& bodies,
                               const std::function<void(std::size_t doc)>& read) {
  // Each core reads a range of posts into its own share; shares are in post
  // order, so a term's records, share after share, stay in (doc, field, position) order.
  std::vector<std::array<std::uint32_t, sf::field_count>> lengths(docs.size());
  const std::size_t workers = parallel_workers();
  std::vector<Share> shares(workers);
  const std::size_t chunk = (docs.size() + workers - 1) / std::max<std::size_t>(workers, 1);
  parallel_for(workers, [&](std::size_t begin, std::size_t end) {
    for (std::size_t w = begin; w < end; ++w) index_posts(docs, bodies, std::min(docs.size(), w * chunk), std::min(docs.size(), (w + 1) * chunk), lengths, shares[w], read);
  });
  std::array<double, sf::field_count> average{};
  for (std::size_t f = 0; f < sf::field_count; ++f) {
    double total = 0;
    for (const auto& share : shares) total += share.total[f];
    average[f] = docs.empty() ? 1.0 : std::max(1.0, total / static_cast<double>(docs.size()));
  }

  // Every term with its records from each share (in share order), sorted by term.
  std::vector<std::pair<std::string_view, std::size_t>> all;  // term, share
  for (std::size_t w = 0; w < shares.size(); ++w)
    for (const auto& [term, records] : shares[w].terms) all.emplace_back(term, w);
  std::sort(all.begin(), all.end());
  std::vector<std::pair<std::string_view, std::vector<std::vector<Record>*>>> ordered;
  for (const auto& [term, w] : all) {
    if (ordered.empty() || ordered.back().first != term) ordered.emplace_back(term, std::vector<std::vector<Record>*>{});
    ordered.back().second.push_back(&shares[w].terms.find(term)->second);
  }
  // A term's records are let go once it is encoded, and its encoding once
  // appended to its file: the records are 8 bytes a word, and holding them
  // with every encoding and every file was a quarter of a build's peak memory.
  std::vector<Encoded> encoded(ordered.size());
  parallel_for(ordered.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      encoded[i] = encode_term(ordered[i].first.front() == sf::tag_prefix, ordered[i].second, lengths, average);
      for (std::vector<Record>* records : ordered[i].second) std::vector<Record>().swap(*records);
    }
  });

  SearchBuild out;
  std::map<std::string, std::vector<sf::TermEntry>> buckets;
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    sf::TermEntry entry{std::string(ordered[i].first), encoded[i].docs, {}, {}};
    entry.postings = append(out.postings, encoded[i].postings, postings_part_bytes);
    if (!encoded[i].positions.empty()) entry.positions = append(out.positions, encoded[i].positions, positions_part_bytes);
    encoded[i] = {};
    buckets[sf::bucket_key(entry.term)].push_back(std::move(entry));
  }
  for (auto& [key, entries] : buckets) out.buckets.emplace_back(key, std::move(entries));
  return out;
}

}  // namespace buildlog
