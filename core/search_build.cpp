#include "search_build.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <unordered_map>

#include "markdown.hpp"
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
constexpr std::size_t postings_part_bytes = 24 * 1024;
constexpr std::size_t positions_part_bytes = 48 * 1024;

struct Occurrences {
  std::vector<sf::FieldPositions> fields;  // by doc, then field
};

// Appends `bytes` to the last file of `files`, starting a new one when it is full.
sf::Ref append(std::vector<std::string>& files, const std::string& bytes, std::size_t target) {
  if (files.empty() || (files.back().size() >= target)) files.emplace_back();
  sf::Ref ref{static_cast<std::uint32_t>(files.size() - 1), static_cast<std::uint32_t>(files.back().size()),
              static_cast<std::uint32_t>(bytes.size())};
  files.back() += bytes;
  return ref;
}

}  // namespace

SearchBuild build_search_index(const std::vector<const Post*>& docs) {
  std::unordered_map<std::string, Occurrences> index;
  std::vector<std::array<std::uint32_t, sf::field_count>> lengths;
  std::array<double, sf::field_count> total{};
  lengths.reserve(docs.size());
  for (std::uint32_t doc = 0; doc < docs.size(); ++doc) {
    const Post& p = *docs[doc];
    std::string tag_text;
    for (const auto& t : p.tags) tag_text += t + " ";
    const std::string body = p.status == Status::published ? markdown_plain_text(p.body) : std::string();
    const std::array<std::string_view, sf::field_count> texts{p.title, tag_text, p.summary, body};
    auto& length = lengths.emplace_back();
    for (std::uint8_t f = 0; f < sf::field_count; ++f) {
      const auto ws = words(texts[f]);
      length[f] = static_cast<std::uint32_t>(ws.size());
      total[f] += static_cast<double>(ws.size());
      for (std::uint32_t pos = 0; pos < ws.size(); ++pos) {
        auto& fields = index[ws[pos].term].fields;
        if (fields.empty() || fields.back().doc != doc || fields.back().field != f) fields.push_back({doc, f, {}});
        fields.back().positions.push_back(pos);
      }
    }
    for (const auto& t : p.tags) {
      auto& fields = index[sf::tag_prefix + fold(t)].fields;
      if (fields.empty() || fields.back().doc != doc) fields.push_back({doc, 1, {}});
    }
  }
  std::array<double, sf::field_count> average{};
  for (std::size_t f = 0; f < sf::field_count; ++f) average[f] = docs.empty() ? 1.0 : std::max(1.0, total[f] / static_cast<double>(docs.size()));

  std::vector<std::string> terms;
  terms.reserve(index.size());
  for (const auto& [term, occurrences] : index) terms.push_back(term);
  std::sort(terms.begin(), terms.end());

  SearchBuild out;
  std::map<std::string, std::vector<sf::TermEntry>> buckets;
  for (const std::string& term : terms) {
    const auto& fields = index[term].fields;
    const bool is_tag = term.front() == sf::tag_prefix;
    std::vector<sf::Posting> postings;
    std::vector<sf::FieldPositions> positions;
    for (const auto& fp : fields) {
      double impact = 0;
      if (!is_tag) {
        const double tf = static_cast<double>(fp.positions.size());
        const double norm = 1.0 - b + b * lengths[fp.doc][fp.field] / average[fp.field];
        impact = field_weight[fp.field] * tf * (k1 + 1.0) / (tf + k1 * norm);
        positions.push_back(fp);
      }
      const auto scaled = static_cast<std::uint32_t>(std::lround(impact * sf::impact_scale));
      if (!postings.empty() && postings.back().doc == fp.doc) postings.back().impact += scaled;
      else postings.push_back({fp.doc, scaled});
    }
    sf::TermEntry entry{term, static_cast<std::uint32_t>(postings.size()), {}, {}};
    entry.postings = append(out.postings, sf::encode_postings(postings), postings_part_bytes);
    if (!positions.empty()) entry.positions = append(out.positions, sf::encode_positions(positions), positions_part_bytes);
    buckets[sf::bucket_key(term)].push_back(std::move(entry));
  }
  for (auto& [key, entries] : buckets) out.buckets.emplace_back(key, sf::encode_bucket(entries));
  return out;
}

}  // namespace buildlog
