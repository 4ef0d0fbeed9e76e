#include "search.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "text.hpp"

namespace buildlog {
namespace {

namespace sf = search_format;
using Bucket = sf::Bucket;

constexpr double prefix_weight = 0.7;
constexpr double one_typo_weight = 0.4;
constexpr double two_typo_weight = 0.2;
// Each expansion may cost a postings part to fetch: the most used few are
// enough to rank well while the reader types.
constexpr std::size_t max_prefix_expansions = 8;
constexpr std::size_t max_typo_expansions = 4;

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

const sf::TermEntry* find_term(const Bucket& bucket, std::string_view term) {
  const auto& terms = bucket.terms;
  const auto it = std::lower_bound(terms.begin(), terms.end(), term, [](const sf::TermEntry& e, std::string_view t) { return e.term < t; });
  return it != terms.end() && it->term == term ? &*it : nullptr;
}

// The first `k` of `items` in the order `before` gives, equal ones in the
// order `items` has them: what a stable sort puts first. k is a handful, so
// a pass per pick: the two stable sorts this replaced, with the sort of the
// matched words (add_sorted), were about 3.9 KB of the engine's gzip.
template <class T, class Before>
std::vector<T> first_k(std::vector<T> items, std::size_t k, Before before) {
  std::vector<T> out;
  while (out.size() < k && !items.empty()) {
    auto best = items.begin();
    for (auto it = items.begin() + 1; it != items.end(); ++it)
      if (before(*it, *best)) best = it;
    out.push_back(*best);
    items.erase(best);
  }
  return out;
}

// Adds `term` to `terms`, kept sorted and without repeats for the snippets' lookups.
void add_sorted(std::vector<std::string>& terms, const std::string& term) {
  const auto at = std::lower_bound(terms.begin(), terms.end(), term);
  if (at == terms.end() || *at != term) terms.insert(at, term);
}

struct Expansion {
  const sf::TermEntry* term;
  double weight;
  const Bucket* bucket;  // names the parts the term's refs point into
};

std::vector<Expansion> expand(const Bucket& bucket, const std::string& word, bool prefix) {
  std::vector<Expansion> out;
  const auto& terms = bucket.terms;
  if (const auto* exact = find_term(bucket, word)) out.push_back({exact, 1.0, &bucket});
  if (prefix) {
    std::vector<const sf::TermEntry*> longer;
    auto it = std::upper_bound(terms.begin(), terms.end(), word, [](std::string_view w, const sf::TermEntry& e) { return w < e.term; });
    for (; it != terms.end() && it->term.starts_with(word); ++it) longer.push_back(&*it);
    for (const auto* term : first_k(std::move(longer), max_prefix_expansions, [](const auto* a, const auto* b) { return a->docs > b->docs; }))
      out.push_back({term, prefix_weight, &bucket});
  }
  const std::size_t letters = code_points(word);
  const std::size_t allowed = letters >= 8 ? 2 : letters >= 4 ? 1 : 0;
  if (allowed > 0) {
    std::vector<std::pair<std::size_t, const sf::TermEntry*>> typos;
    for (const sf::TermEntry& e : terms) {
      const std::size_t d = edit_distance(word, e.term, allowed);
      if (d == 0 || d > allowed) continue;
      if (std::any_of(out.begin(), out.end(), [&](const Expansion& x) { return x.term == &e; })) continue;
      typos.emplace_back(d, &e);
    }
    const auto closest = first_k(std::move(typos), max_typo_expansions,
                                 [](const auto& a, const auto& b) { return a.first != b.first ? a.first < b.first : a.second->docs > b.second->docs; });
    for (const auto& [distance, term] : closest) out.push_back({term, distance == 1 ? one_typo_weight : two_typo_weight, &bucket});
  }
  return out;
}

// The bytes of a term's postings or positions, or nullptr (with needs).
const std::string* slice(const Catalog& catalog, const std::vector<std::string>& files, const sf::Ref& ref, std::string_view& out, Needs& needs) {
  if (ref.file >= files.size()) {
    if (!needs.failed) needs.failed = Problem{"search", "a term refers to a part the bundle does not list"};
    return nullptr;
  }
  const std::string* blob = catalog.blob(files[ref.file], needs);
  if (blob == nullptr) return nullptr;
  if (ref.offset > blob->size() || ref.size > blob->size() - ref.offset) {
    if (!needs.failed) needs.failed = Problem{files[ref.file], "is shorter than the search terms say"};
    return nullptr;
  }
  out = std::string_view(*blob).substr(ref.offset, ref.size);
  return blob;
}

void malformed(Needs& needs, const std::string& what) {
  if (!needs.failed) needs.failed = Problem{what, "is not a valid search part"};
}

struct PhraseWord {
  std::size_t offset;  // place in the phrase
  const sf::TermEntry* term;
  const Bucket* bucket;
};

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  constexpr std::size_t max_len = 64;
  if (n > max_len || m > max_len || limit >= max_len) return a == b ? 0 : limit + 1;
  // Which of 32 classes of bytes each word has: an insertion or deletion
  // changes at most one class's presence, a substitution two, a swap none.
  // So words whose sets differ in more than 2 * limit classes are further
  // apart than `limit`, known without the table: most words of a bucket are.
  const auto classes = [](std::string_view w) {
    std::uint32_t set = 0;
    for (const char c : w) set |= std::uint32_t{1} << (static_cast<unsigned char>(c) & 31);
    return set;
  };
  if (static_cast<std::size_t>(std::popcount(classes(a) ^ classes(b))) > 2 * limit) return limit + 1;
  // Three rows on the stack: this runs once per bucket word per query word.
  // Only the band |i - j| <= limit is computed (a cell outside it is over
  // the limit), so a row costs 2 * limit + 1 cells, not the word's length.
  const auto over = static_cast<std::uint8_t>(limit + 1);
  std::array<std::uint8_t, max_len + 2> rows[3];
  auto* prev2 = &rows[0];
  auto* prev = &rows[1];
  auto* cur = &rows[2];
  for (std::size_t j = 0; j <= m + 1; ++j) (*prev)[j] = static_cast<std::uint8_t>(std::min<std::size_t>(j, over));
  for (std::size_t i = 1; i <= n; ++i) {
    const std::size_t lo = i > limit ? i - limit : 1, hi = std::min(m, i + limit);
    (*cur)[lo - 1] = lo == 1 ? static_cast<std::uint8_t>(std::min<std::size_t>(i, over)) : over;
    (*cur)[hi + 1] = over;
    std::size_t row_min = (*cur)[lo - 1];
    for (std::size_t j = lo; j <= hi; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t v = std::min({std::size_t{(*prev)[j]} + 1, std::size_t{(*cur)[j - 1]} + 1, std::size_t{(*prev)[j - 1]} + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, std::size_t{(*prev2)[j - 2]} + 1);
      (*cur)[j] = static_cast<std::uint8_t>(std::min<std::size_t>(v, over));
      row_min = std::min(row_min, v);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(std::size_t{(*prev)[m]}, limit + 1);
}

SearchResults search(const Catalog& catalog, const SearchQuery& q, std::size_t ranked, Needs& needs) {
  SearchResults results;
  if (q.empty()) return results;
  const std::uint32_t n = catalog.entry().search.docs;
  const std::string tag_key(1, sf::tag_prefix);

  // 1. The term buckets of every word, tag and phrase word.
  auto bucket_of = [&](std::string_view word) { return catalog.terms(sf::bucket_key(word), needs); };
  std::vector<const Bucket*> term_buckets;
  for (const auto& t : q.terms) term_buckets.push_back(bucket_of(t));
  const Bucket* tags = q.tags.empty() ? nullptr : catalog.terms(tag_key, needs);
  for (const auto& phrase : q.phrases)
    for (const auto& w : phrase)
      if (!is_stop_word(w)) bucket_of(w);
  if (needs.blocked()) return results;

  // 2. Which terms each word matches, and their postings.
  std::vector<std::vector<Expansion>> expansions;
  for (std::size_t k = 0; k < q.terms.size(); ++k) {
    expansions.push_back(expand(*term_buckets[k], q.terms[k], q.last_is_prefix && k + 1 == q.terms.size()));
    if (expansions.back().empty()) return results;  // a word that matches nothing: no post has every word
  }
  std::vector<const sf::TermEntry*> tag_terms;  // all in the tags' bucket
  for (const auto& t : q.tags) {
    const auto* term = find_term(*tags, tag_key + t);
    if (term == nullptr) return results;
    tag_terms.push_back(term);
  }
  std::vector<std::vector<PhraseWord>> phrases;
  for (const auto& phrase : q.phrases) {
    std::vector<PhraseWord> words;
    for (std::size_t i = 0; i < phrase.size(); ++i) {
      if (is_stop_word(phrase[i])) continue;
      const Bucket* bucket = bucket_of(phrase[i]);
      const auto* term = find_term(*bucket, phrase[i]);
      if (term == nullptr || term->positions.size == 0) return results;
      words.push_back({i, term, bucket});
    }
    if (!words.empty()) phrases.push_back(std::move(words));
  }
  if (q.terms.empty() && q.tags.empty() && phrases.empty()) return results;  // only stop words quoted
  // The bytes each term's postings (or positions) are in, asked for all at
  // once so that one round of fetches brings every part the query needs.
  auto bytes_of = [&](const std::vector<std::string>& files, const sf::Ref& ref) {
    std::string_view bytes;
    slice(catalog, files, ref, bytes, needs);
    return bytes;
  };
  std::vector<std::vector<std::string_view>> expansion_postings;
  for (const auto& list : expansions) {
    expansion_postings.emplace_back();
    for (const auto& e : list) expansion_postings.back().push_back(bytes_of(e.bucket->postings, e.term->postings));
  }
  std::vector<std::string_view> tag_postings;
  for (const auto* t : tag_terms) tag_postings.push_back(bytes_of(tags->postings, t->postings));
  std::vector<std::vector<std::string_view>> phrase_positions;
  for (const auto& words : phrases) {
    phrase_positions.emplace_back();
    for (const auto& w : words) phrase_positions.back().push_back(bytes_of(w.bucket->positions, w.term->positions));
  }
  if (needs.blocked()) return results;

  // 3. Score. A word's score in a post is that of its best expansion.
  std::vector<double> score(n, 0.0), best(n, 0.0);
  std::vector<std::uint32_t> required(n, 0);  // conditions met: words, tags, phrases
  std::uint32_t conditions = 0;
  for (std::size_t k = 0; k < expansions.size(); ++k) {
    std::fill(best.begin(), best.end(), 0.0);
    for (std::size_t x = 0; x < expansions[k].size(); ++x) {
      const Expansion& e = expansions[k][x];
      const auto postings = sf::decode_postings(expansion_postings[k][x], n);
      if (!postings) return malformed(needs, e.bucket->postings[e.term->postings.file]), results;
      add_sorted(results.highlighted, e.term->term);
      const double df = e.term->docs;
      const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
      for (const auto& p : *postings) best[p.doc] = std::max(best[p.doc], idf * p.impact / sf::impact_scale * e.weight + 1e-9);
    }
    for (std::uint32_t d = 0; d < n; ++d)
      if (best[d] > 0) score[d] += best[d], ++required[d];
    ++conditions;
  }
  for (std::size_t k = 0; k < tag_terms.size(); ++k) {
    const auto postings = sf::decode_postings(tag_postings[k], n);
    if (!postings) return malformed(needs, tags->postings[tag_terms[k]->postings.file]), results;
    for (const auto& p : *postings) ++required[p.doc];
    ++conditions;
  }
  for (std::size_t k = 0; k < phrases.size(); ++k) {
    const auto& words = phrases[k];
    // Where each word of the phrase is, per post and field, in (post, field) order.
    std::vector<std::vector<sf::FieldPositions>> at(words.size());
    for (std::size_t i = 0; i < words.size(); ++i) {
      auto positions = sf::decode_positions(phrase_positions[k][i], n);
      if (!positions) return malformed(needs, words[i].bucket->positions[words[i].term->positions.file]), results;
      at[i] = std::move(*positions);
      add_sorted(results.highlighted, words[i].term->term);
    }
    const auto positions_in = [](const std::vector<sf::FieldPositions>& list, const sf::FieldPositions& place) -> const std::vector<std::uint32_t>* {
      const auto it = std::lower_bound(list.begin(), list.end(), place, [](const sf::FieldPositions& a, const sf::FieldPositions& b) {
        return a.doc != b.doc ? a.doc < b.doc : a.field < b.field;
      });
      return it != list.end() && it->doc == place.doc && it->field == place.field ? &it->positions : nullptr;
    };
    std::vector<bool> matched(n, false);
    for (const sf::FieldPositions& place : at[0]) {
      const std::uint32_t doc = place.doc;
      if (matched[doc]) continue;
      for (const auto first : place.positions) {
        if (first < words[0].offset) continue;
        const std::uint32_t start = first - static_cast<std::uint32_t>(words[0].offset);
        bool all = true;
        for (std::size_t i = 1; i < words.size() && all; ++i) {
          const auto* there = positions_in(at[i], place);
          all = there != nullptr && std::binary_search(there->begin(), there->end(), start + static_cast<std::uint32_t>(words[i].offset));
        }
        if (all) {
          matched[doc] = true;
          break;
        }
      }
    }
    const double bonus = 2.0 * static_cast<double>(words.back().offset + 1);
    for (std::uint32_t d = 0; d < n; ++d)
      if (matched[d]) ++required[d], score[d] += bonus;
    ++conditions;
  }
  results.hits.reserve(static_cast<std::size_t>(std::count(required.begin(), required.end(), conditions)));  // no copies as it grows
  for (std::uint32_t d = 0; d < n; ++d)
    if (required[d] == conditions) results.hits.push_back({d, score[d]});
  // Ties (a tag alone scores nothing) go to the newer post: lower numbers are newer.
  const auto better = [](const SearchHit& a, const SearchHit& b) { return a.score != b.score ? a.score > b.score : a.doc < b.doc; };
  const auto sorted_end = results.hits.begin() + static_cast<std::ptrdiff_t>(std::min(ranked, results.hits.size()));
  std::partial_sort(results.hits.begin(), sorted_end, results.hits.end(), better);
  return results;
}

std::string suggest(const Catalog& catalog, const SearchQuery& q, Needs& needs) {
  std::vector<const Bucket*> buckets;
  for (const auto& t : q.terms) buckets.push_back(catalog.terms(sf::bucket_key(t), needs));
  if (needs.blocked()) return {};
  std::string out;
  bool changed = false;
  for (std::size_t k = 0; k < q.terms.size(); ++k) {
    const auto& word = q.terms[k];
    const Bucket& bucket = *buckets[k];
    std::string best = word;
    const bool prefix = q.last_is_prefix && k + 1 == q.terms.size();
    if (find_term(bucket, word) == nullptr && !(prefix && !expand(bucket, word, true).empty())) {
      std::size_t best_distance = 3;
      std::uint32_t best_docs = 0;
      for (const sf::TermEntry& e : bucket.terms) {
        const std::size_t d = edit_distance(word, e.term, 2);
        if (d < best_distance || (d == best_distance && e.docs > best_docs)) best = e.term, best_distance = d, best_docs = e.docs;
      }
      changed = changed || best != word;
    }
    out += (out.empty() ? "" : " ") + best;
  }
  return changed ? out : std::string();
}

}  // namespace buildlog
