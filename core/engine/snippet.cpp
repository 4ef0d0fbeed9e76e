#include "snippet.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "text.hpp"

namespace buildlog {
namespace {

constexpr std::size_t snippet_words = 28;

// 16 bits of a hash of a folded term, 8 bytes of it at a time: most words
// take one multiply. It never leaves the engine's memory, so it need not be stable.
inline std::uint16_t term_hash(std::string_view term) {
  constexpr std::uint64_t odd = 0x9E3779B97F4A7C15u;
  std::uint64_t h = term.size();
  std::size_t at = 0;
  for (; at + 8 <= term.size(); at += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, term.data() + at, 8);
    h = (h ^ chunk) * odd;
  }
  std::uint64_t rest = 0;
  for (std::size_t i = at; i < term.size(); ++i) rest |= std::uint64_t{static_cast<unsigned char>(term[i])} << 8 * (i - at);
  return static_cast<std::uint16_t>(((h ^ rest) * odd) >> 48);
}

// Calls `use` with a scanner on word `index` of `t`, read again from the
// nearest start before it. A callback, not a returned scanner: the term of
// a word that needed folding points into the scanner itself.
template <class Use>
auto with_word(const SnippetText& t, std::size_t index, Use use) {
  WordScanner scan(t.text, t.starts[index / SnippetText::words_per_start]);
  for (std::size_t i = index - index % SnippetText::words_per_start; i <= index; ++i) scan.next();
  return use(scan);
}

struct Mark {
  std::size_t index;  // the word's, in its text
  std::uint32_t begin, end;
};

// The query's terms to mark: a word of the text is one of them when its
// hash is one of theirs (one test in a 256-bit set of their top bytes,
// then their few hashes) and its term, read again, is among them. With 16
// bits a word that is not one of them is read again about once in 65,000
// per term; with 8, three in five of the words read again for the
// benchmark's queries (bench/search.mjs, 1,000 posts) were not among them.
class MarkedTerms {
 public:
  explicit MarkedTerms(const std::vector<std::string>& sorted) : terms_(sorted) {
    hashes_.reserve(terms_.size());
    for (const auto& t : terms_) {
      const std::uint16_t h = term_hash(t);
      hashes_.push_back(h);
      top_bytes_[h >> 14] |= std::uint64_t{1} << (h >> 8 & 63);
    }
  }
  // The words of `t` that are marked, in order.
  std::vector<Mark> in(const SnippetText& t) const {
    std::vector<Mark> out;
    for (std::size_t i = 0; i < t.hashes.size(); ++i) {
      if (!candidate(t.hashes[i])) continue;
      with_word(t, i, [&](const WordScanner& word) {
        if (std::binary_search(terms_.begin(), terms_.end(), word.term(), [](std::string_view a, std::string_view b) { return a < b; }))
          out.push_back({i, word.begin(), word.end()});
      });
    }
    return out;
  }

 private:
  bool candidate(std::uint16_t hash) const {
    if ((top_bytes_[hash >> 14] >> (hash >> 8 & 63) & 1) == 0) return false;
    return std::find(hashes_.begin(), hashes_.end(), hash) != hashes_.end();
  }

  const std::vector<std::string>& terms_;
  std::vector<std::uint16_t> hashes_;
  std::array<std::uint64_t, 4> top_bytes_{};
};

// Words [from, to) of `t`, with the text between them (and the text after
// them when they are its last); `marked`: its marks, in order.
Snippet window(const SnippetText& t, const std::vector<Mark>& marked, std::size_t from, std::size_t to) {
  Snippet out;
  const std::size_t count = t.hashes.size();
  to = std::min(to, count);
  out.cut_before = from > 0;
  out.cut_after = to < count;
  std::uint32_t at = from == 0 ? 0 : with_word(t, from, [](const WordScanner& word) { return word.begin(); });  // from the text's start when nothing is cut
  for (const Mark& m : marked) {
    if (m.index < from || m.index >= to) continue;
    if (m.begin > at) out.pieces.push_back({t.text.substr(at, m.begin - at), false});
    out.pieces.push_back({t.text.substr(m.begin, m.end - m.begin), true});
    at = m.end;
  }
  const std::size_t end = out.cut_after ? with_word(t, to - 1, [](const WordScanner& word) { return word.end(); }) : t.text.size();
  if (end > at) out.pieces.push_back({t.text.substr(at, end - at), false});
  return out;
}

}  // namespace

SnippetText prepare_snippet_text(std::string_view text) {
  SnippetText out{text, {}, {}};
  out.hashes.reserve(text.size() / 5);  // words of English prose take about 6 bytes
  for (WordScanner scan(text); scan.next();) {
    if (out.hashes.size() % SnippetText::words_per_start == 0) out.starts.push_back(scan.begin());
    out.hashes.push_back(term_hash(scan.term()));
  }
  return out;
}

Snippet snippet(std::string_view summary, const SnippetText& body, const std::vector<std::string>& highlighted) {
  const MarkedTerms terms(highlighted);
  const std::vector<Mark> marks = terms.in(body);
  if (marks.empty()) {  // no match in the body: the summary, whole
    const SnippetText s = prepare_snippet_text(summary);
    return window(s, terms.in(s), 0, SIZE_MAX);
  }
  // The window of `snippet_words` words holding the most matches, starting a
  // few words before its first match.
  std::size_t best = 0, best_count = 0;
  for (std::size_t i = 0, j = 0; i < marks.size(); ++i) {
    while (marks[i].index - marks[j].index >= snippet_words) ++j;
    if (i - j + 1 > best_count) best_count = i - j + 1, best = j;
  }
  const std::size_t start = marks[best].index > 3 ? marks[best].index - 3 : 0;
  return window(body, marks, start, start + snippet_words);
}

}  // namespace buildlog
