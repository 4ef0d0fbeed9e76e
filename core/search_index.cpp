#include "search_index.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "markdown.hpp"
#include "text.hpp"

namespace buildlog {
namespace {

constexpr std::array<double, 4> field_weight{6.0, 4.0, 2.0, 1.0};
constexpr double k1 = 1.2;
constexpr double b = 0.75;
constexpr double prefix_weight = 0.7;
constexpr double one_typo_weight = 0.4;
constexpr double two_typo_weight = 0.2;
constexpr std::size_t max_expansions = 64;
constexpr std::size_t snippet_words = 28;

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b_, std::size_t limit) {
  const std::size_t n = a.size(), m = b_.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  constexpr std::size_t max_len = 64;
  if (n > max_len || m > max_len) return a == b_ ? 0 : limit + 1;
  // Three rows on the stack: this runs once per vocabulary word per query word.
  std::array<std::uint8_t, max_len + 1> rows[3];
  auto* prev2 = &rows[0];
  auto* prev = &rows[1];
  auto* cur = &rows[2];
  for (std::size_t j = 0; j <= m; ++j) (*prev)[j] = static_cast<std::uint8_t>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    (*cur)[0] = static_cast<std::uint8_t>(i);
    std::size_t row_min = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b_[j - 1] ? 0 : 1;
      std::size_t v = std::min({std::size_t{(*prev)[j]} + 1, std::size_t{(*cur)[j - 1]} + 1, std::size_t{(*prev)[j - 1]} + cost});
      if (i > 1 && j > 1 && a[i - 1] == b_[j - 2] && a[i - 2] == b_[j - 1]) v = std::min(v, std::size_t{(*prev2)[j - 2]} + 1);
      (*cur)[j] = static_cast<std::uint8_t>(v);
      row_min = std::min(row_min, v);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(std::size_t{(*prev)[m]}, limit + 1);
}

SearchIndex::SearchIndex(const std::vector<Post>& posts) {
  std::unordered_map<std::string, std::vector<Occurrence>> postings;
  std::array<double, field_count> total{};
  docs_.reserve(posts.size());
  for (const Post& p : posts) {
    const auto doc = static_cast<std::uint32_t>(docs_.size());
    Doc d{&p, {}, p.status == Status::published ? markdown_plain_text(p.body) : std::string(), {}, {}};
    for (const auto& t : p.tags) d.folded_tags.push_back(fold(t));
    std::string tag_text;
    for (const auto& t : p.tags) tag_text += t + " ";
    const std::array<std::string_view, field_count> texts{p.title, tag_text, p.summary, d.body_text};
    for (std::size_t f = 0; f < field_count; ++f) {
      const auto ws = words(texts[f]);
      d.length[f] = static_cast<std::uint32_t>(ws.size());
      if (f == body)
        for (std::size_t w = 0; w < ws.size(); w += checkpoint_every) d.body_checkpoints.push_back(ws[w].begin);
      total[f] += static_cast<double>(ws.size());
      for (std::uint32_t pos = 0; pos < ws.size(); ++pos) {
        auto& list = postings[ws[pos].term];
        if (list.empty() || list.back().doc != doc || list.back().field != f) list.push_back({doc, static_cast<Field>(f), {}});
        list.back().positions.push_back(pos);
      }
    }
    docs_.push_back(std::move(d));
  }
  for (std::size_t f = 0; f < field_count; ++f) average_length_[f] = docs_.empty() ? 1.0 : std::max(1.0, total[f] / static_cast<double>(docs_.size()));
  vocabulary_.reserve(postings.size());
  for (auto& [term, list] : postings) vocabulary_.push_back(term);
  std::sort(vocabulary_.begin(), vocabulary_.end());
  postings_.reserve(vocabulary_.size());
  for (const auto& term : vocabulary_) {
    auto& list = postings[term];
    std::uint32_t docs = 0, last = UINT32_MAX;
    for (const auto& o : list)
      if (o.doc != last) ++docs, last = o.doc;
    doc_frequency_.push_back(docs);
    postings_.push_back(std::move(list));
  }
}

std::size_t SearchIndex::find(std::string_view term) const {
  const auto it = std::lower_bound(vocabulary_.begin(), vocabulary_.end(), term);
  return it != vocabulary_.end() && *it == term ? static_cast<std::size_t>(it - vocabulary_.begin()) : vocabulary_.size();
}

std::vector<SearchIndex::Match> SearchIndex::expand(const std::string& word, bool prefix) const {
  std::vector<Match> out;
  if (const auto exact = find(word); exact < vocabulary_.size()) out.push_back({exact, 1.0});
  if (prefix) {
    for (auto it = std::upper_bound(vocabulary_.begin(), vocabulary_.end(), word); it != vocabulary_.end() && it->starts_with(word); ++it) {
      out.push_back({static_cast<std::size_t>(it - vocabulary_.begin()), prefix_weight});
      if (out.size() >= max_expansions) break;
    }
  }
  const std::size_t letters = code_points(word);
  const std::size_t allowed = letters >= 8 ? 2 : letters >= 4 ? 1 : 0;
  if (allowed > 0) {
    for (std::size_t i = 0; i < vocabulary_.size() && out.size() < max_expansions; ++i) {
      const std::size_t d = edit_distance(word, vocabulary_[i], allowed);
      if (d == 0 || d > allowed) continue;
      if (std::any_of(out.begin(), out.end(), [&](const Match& m) { return m.term == i; })) continue;
      out.push_back({i, d == 1 ? one_typo_weight : two_typo_weight});
    }
  }
  return out;
}

bool SearchIndex::has_phrase(std::uint32_t doc, const std::vector<std::string>& phrase) const {
  std::vector<const std::vector<Occurrence>*> lists;
  for (const auto& w : phrase) {
    const auto t = find(w);
    if (t == vocabulary_.size()) return false;
    lists.push_back(&postings_[t]);
  }
  for (std::size_t f = 0; f < field_count; ++f) {
    std::vector<const std::vector<std::uint32_t>*> positions;
    for (const auto* list : lists) {
      const auto it = std::find_if(list->begin(), list->end(), [&](const Occurrence& o) { return o.doc == doc && o.field == f; });
      if (it == list->end()) break;
      positions.push_back(&it->positions);
    }
    if (positions.size() != phrase.size()) continue;
    for (const auto start : *positions[0]) {
      bool all = true;
      for (std::size_t k = 1; k < positions.size() && all; ++k)
        all = std::binary_search(positions[k]->begin(), positions[k]->end(), start + static_cast<std::uint32_t>(k));
      if (all) return true;
    }
  }
  return false;
}

std::vector<SearchHit> SearchIndex::search(std::string_view text, std::size_t with_snippets) const {
  const SearchQuery q = parse_query(text);
  std::vector<SearchHit> hits;
  if (q.empty()) return hits;
  const double n = static_cast<double>(docs_.size());

  // Score each word of the query; a post must match all of them. A word's
  // score in a post is that of its best expansion (itself, a longer word it
  // starts, or a word one typo away).
  std::vector<double> score(docs_.size(), 0.0);
  std::vector<std::size_t> matched(docs_.size(), 0);
  std::vector<double> best(docs_.size(), 0.0);
  std::vector<double> term_score(docs_.size(), 0.0);
  std::vector<std::uint32_t> touched;
  std::vector<std::size_t> expanded;  // every vocabulary term the query matched, for highlighting
  for (std::size_t k = 0; k < q.terms.size(); ++k) {
    const bool prefix = q.last_is_prefix && k + 1 == q.terms.size();
    std::fill(best.begin(), best.end(), 0.0);
    for (const Match& m : expand(q.terms[k], prefix)) {
      expanded.push_back(m.term);
      const double df = doc_frequency_[m.term];
      const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
      touched.clear();
      for (const Occurrence& o : postings_[m.term]) {
        const double tf = static_cast<double>(o.positions.size());
        const double norm = 1.0 - b + b * docs_[o.doc].length[o.field] / average_length_[o.field];
        if (term_score[o.doc] == 0.0) touched.push_back(o.doc);
        term_score[o.doc] += field_weight[o.field] * idf * tf * (k1 + 1.0) / (tf + k1 * norm) * m.weight;
      }
      for (const auto d : touched) {
        best[d] = std::max(best[d], term_score[d]);
        term_score[d] = 0.0;
      }
    }
    for (std::size_t d = 0; d < docs_.size(); ++d)
      if (best[d] > 0) score[d] += best[d], ++matched[d];
  }
  for (const auto& phrase : q.phrases)
    for (const auto& w : phrase)
      if (const auto t = find(w); t < vocabulary_.size()) expanded.push_back(t);

  std::vector<std::uint32_t> hit_docs;
  for (std::uint32_t d = 0; d < docs_.size(); ++d) {
    if (matched[d] != q.terms.size()) continue;
    const Doc& doc = docs_[d];
    const bool tagged = std::all_of(q.tags.begin(), q.tags.end(), [&](const std::string& t) {
      return std::find(doc.folded_tags.begin(), doc.folded_tags.end(), t) != doc.folded_tags.end();
    });
    if (!tagged) continue;
    double s = score[d];
    bool phrases = true;
    for (const auto& phrase : q.phrases) {
      if (!has_phrase(d, phrase)) {
        phrases = false;
        break;
      }
      s += 2.0 * static_cast<double>(phrase.size());
    }
    if (!phrases) continue;
    hits.push_back({doc.post, s, {}});
    hit_docs.push_back(d);
  }
  std::vector<std::size_t> order(hits.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    if (hits[x].score != hits[y].score) return hits[x].score > hits[y].score;
    return hits[x].post->date > hits[y].post->date;
  });
  std::vector<SearchHit> ranked;
  ranked.reserve(hits.size());
  for (const std::size_t i : order) {
    ranked.push_back(std::move(hits[i]));
    if (ranked.size() <= with_snippets) ranked.back().snippet = snippet(hit_docs[i], expanded);
  }
  return ranked;
}

Html SearchIndex::snippet(std::uint32_t d, const std::vector<std::size_t>& marked_terms) const {
  // Where the marked words are in the body, from the postings (word positions).
  const Doc& doc = docs_[d];
  std::vector<std::uint32_t> positions;
  std::vector<std::string_view> marked;
  for (const auto t : marked_terms) {
    for (const Occurrence& o : postings_[t]) {
      if (o.doc != d) continue;
      marked.push_back(vocabulary_[t]);
      if (o.field == body) positions.insert(positions.end(), o.positions.begin(), o.positions.end());
    }
  }
  auto is_marked = [&](const Word& w) { return std::find(marked.begin(), marked.end(), w.term) != marked.end(); };
  auto render = [&](std::string_view text, const std::vector<Word>& ws, bool cut_before, bool cut_after) {
    Html out;
    if (cut_before) out += html::text("… ");
    std::size_t at = ws.empty() ? 0 : ws.front().begin;
    for (const Word& w : ws) {
      out += html::text(text.substr(at, w.begin - at));
      const auto word = text.substr(w.begin, w.end - w.begin);
      out += is_marked(w) ? html::format("<mark>{}</mark>", word) : html::text(word);
      at = w.end;
    }
    out += cut_after ? html::text(" …") : html::text(text.substr(at));
    return out;
  };
  if (positions.empty()) {  // no match in the body: the summary, whole
    const std::string_view text = doc.post->summary;
    return render(text, words(text), false, false);
  }
  // The window of `snippet_words` words holding the most matches, starting a
  // few words before its first match.
  std::sort(positions.begin(), positions.end());
  std::size_t best = 0, best_count = 0;
  for (std::size_t i = 0, j = 0; i < positions.size(); ++i) {
    while (positions[i] - positions[j] >= snippet_words) ++j;
    if (i - j + 1 > best_count) best_count = i - j + 1, best = j;
  }
  const std::uint32_t start = positions[best] > 3 ? positions[best] - 3 : 0;
  // Read words only from the checkpoint before the window.
  const std::uint32_t checkpoint = start / checkpoint_every;
  const std::uint32_t from = doc.body_checkpoints.empty() ? 0 : doc.body_checkpoints[std::min<std::size_t>(checkpoint, doc.body_checkpoints.size() - 1)];
  const std::string_view text = doc.body_text;
  const std::size_t skip = start - std::min<std::size_t>(checkpoint, doc.body_checkpoints.size() - 1) * checkpoint_every;
  const std::size_t want = skip + snippet_words + 1;
  // Enough text for the window: words are short, so 24 bytes a word is plenty.
  auto ws = words(text.substr(from, std::min(text.size() - from, want * 24)));
  for (auto& w : ws) w.begin += from, w.end += from;
  const bool more = ws.size() >= want || from + want * 24 < text.size();
  if (ws.size() > skip) ws.erase(ws.begin(), ws.begin() + static_cast<std::ptrdiff_t>(skip));
  if (ws.size() > snippet_words) ws.resize(snippet_words);
  return render(text, ws, start > 0, more);
}

std::string SearchIndex::suggest(std::string_view text) const {
  const SearchQuery q = parse_query(text);
  std::string out;
  bool changed = false;
  for (std::size_t k = 0; k < q.terms.size(); ++k) {
    const auto& word = q.terms[k];
    std::string best = word;
    if (find(word) == vocabulary_.size() && !(q.last_is_prefix && k + 1 == q.terms.size() && !expand(word, true).empty())) {
      std::size_t best_distance = 3;
      std::uint32_t best_df = 0;
      for (std::size_t i = 0; i < vocabulary_.size(); ++i) {
        const std::size_t d = edit_distance(word, vocabulary_[i], 2);
        if (d < best_distance || (d == best_distance && doc_frequency_[i] > best_df))
          best = vocabulary_[i], best_distance = d, best_df = doc_frequency_[i];
      }
      changed = changed || best != word;
    }
    out += (out.empty() ? "" : " ") + best;
  }
  return changed ? out : std::string();
}

}  // namespace buildlog
