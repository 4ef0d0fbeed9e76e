#include "search_index.hpp"

#include <algorithm>

#include "markdown.hpp"

namespace buildlog {
namespace {

constexpr int field_weight[4] = {8, 4, 2, 1};

std::vector<std::string> sorted_unique(std::vector<std::string> words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

// 2 for a whole-word match, 1 for a prefix match (when allowed), else 0.
int match(const std::vector<std::string>& words, const std::string& term, bool prefix) {
  const auto it = std::lower_bound(words.begin(), words.end(), term);
  if (it == words.end()) return 0;
  if (*it == term) return 2;
  return prefix && it->starts_with(term) ? 1 : 0;
}

}  // namespace

std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
      word += ch;
    } else if (c >= 'A' && c <= 'Z') {
      word += static_cast<char>(c | 0x20);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

SearchIndex::SearchIndex(const std::vector<Post>& posts) {
  entries_.reserve(posts.size());
  for (const Post& p : posts) {
    Entry e{&p, {}};
    e.fields[0] = sorted_unique(tokenize(p.title));
    std::vector<std::string> tag_words;
    for (const auto& t : p.tags)
      for (auto& w : tokenize(t)) tag_words.push_back(std::move(w));
    e.fields[1] = sorted_unique(std::move(tag_words));
    e.fields[2] = sorted_unique(tokenize(p.summary));
    if (p.status == Status::published) e.fields[3] = sorted_unique(tokenize(markdown_plain_text(p.body)));
    entries_.push_back(std::move(e));
  }
}

std::vector<SearchHit> SearchIndex::search(std::string_view query) const {
  const auto terms = tokenize(query);
  std::vector<SearchHit> hits;
  if (terms.empty()) return hits;
  const bool last_is_prefix = !query.empty() && tokenize(query.substr(query.size() - 1)).size() == 1;
  for (const Entry& e : entries_) {
    int score = 0;
    bool all = true;
    for (std::size_t t = 0; t < terms.size() && all; ++t) {
      const bool prefix = last_is_prefix && t + 1 == terms.size();
      int term_score = 0;
      for (int f = 0; f < 4; ++f) term_score += field_weight[f] * match(e.fields[f], terms[t], prefix);
      all = term_score > 0;
      score += term_score;
    }
    if (all) hits.push_back({e.post, score});
  }
  std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.post->date > b.post->date;
  });
  return hits;
}

}  // namespace buildlog
