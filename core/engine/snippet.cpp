#include "snippet.hpp"

#include <algorithm>

#include "fnv.hpp"
#include "text.hpp"

namespace buildlog {
namespace {

constexpr std::size_t snippet_words = 28;

// The query's terms to mark, as hashes: a word of the text is one of them
// when its hash is, and its term (folded again, rarely) says so too. A
// 64-bit filter of the hashes turns most words away with one test.
class MarkedTerms {
 public:
  explicit MarkedTerms(const std::vector<std::string>& sorted) : terms_(sorted) {
    for (const auto& t : terms_) {
      hashes_.push_back(fnv1a_32(t));
      filter_ |= std::uint64_t{1} << (hashes_.back() & 63);
    }
    std::sort(hashes_.begin(), hashes_.end());
  }
  // The indexes of the words of `t` that are marked, ascending.
  std::vector<std::uint32_t> in(const SnippetText& t) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t i = 0; i < t.words.size(); ++i)
      if ((filter_ >> (t.words[i].hash & 63) & 1) != 0 && is_marked(t.text, t.words[i])) out.push_back(i);
    return out;
  }

 private:
  bool is_marked(std::string_view text, const SnippetText::Word& w) const {
    if (!std::binary_search(hashes_.begin(), hashes_.end(), w.hash)) return false;
    WordScanner scan(text.substr(w.begin, w.end - w.begin));
    return scan.next() && std::binary_search(terms_.begin(), terms_.end(), scan.term(), [](std::string_view a, std::string_view b) { return a < b; });
  }

  const std::vector<std::string>& terms_;
  std::vector<std::uint32_t> hashes_;
  std::uint64_t filter_ = 0;
};

// Words [from, to) of `text`, with the text between them; `marked`: indexes, ascending.
Snippet window(const SnippetText& t, const std::vector<std::uint32_t>& marked, std::size_t from, std::size_t to) {
  Snippet out;
  const auto& words = t.words;
  out.cut_before = from > 0;
  out.cut_after = to < words.size();
  to = std::min(to, words.size());
  std::size_t at = from == 0 ? 0 : words[from].begin;  // from the text's start when nothing is cut
  auto next_mark = std::lower_bound(marked.begin(), marked.end(), from);
  for (std::size_t i = from; i < to; ++i) {
    if (words[i].begin > at) out.pieces.push_back({t.text.substr(at, words[i].begin - at), false});
    const bool is_mark = next_mark != marked.end() && *next_mark == i;
    if (is_mark) ++next_mark;
    out.pieces.push_back({t.text.substr(words[i].begin, words[i].end - words[i].begin), is_mark});
    at = words[i].end;
  }
  if (!out.cut_after && at < t.text.size()) out.pieces.push_back({t.text.substr(at), false});
  return out;
}

}  // namespace

SnippetText prepare_snippet_text(std::string_view text) {
  SnippetText out{text, {}};
  out.words.reserve(text.size() / 6);
  for (WordScanner scan(text); scan.next();) out.words.push_back({scan.begin(), scan.end(), fnv1a_32(scan.term())});
  return out;
}

Snippet snippet(std::string_view summary, const SnippetText& body, const std::vector<std::string>& highlighted) {
  const MarkedTerms terms(highlighted);
  const std::vector<std::uint32_t> positions = terms.in(body);
  if (positions.empty()) {  // no match in the body: the summary, whole
    const SnippetText s = prepare_snippet_text(summary);
    return window(s, terms.in(s), 0, SIZE_MAX);
  }
  // The window of `snippet_words` words holding the most matches, starting a
  // few words before its first match.
  std::size_t best = 0, best_count = 0;
  for (std::size_t i = 0, j = 0; i < positions.size(); ++i) {
    while (positions[i] - positions[j] >= snippet_words) ++j;
    if (i - j + 1 > best_count) best_count = i - j + 1, best = j;
  }
  const std::size_t start = positions[best] > 3 ? positions[best] - 3 : 0;
  return window(body, positions, start, start + snippet_words);
}

}  // namespace buildlog
