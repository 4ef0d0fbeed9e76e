// A search result's snippet: the words around the best match of a post.
// Each hit's text has its words found once, when its part arrives
// (SnippetText), so a query's snippets compare hashes, not words:
// the reader's page renders every result list as they type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace buildlog {

// `text` with 16 bits of a hash of each word's folded term (text.hpp's
// words), and where every 16th word begins: about 2.3 bytes a word, where
// each word's place and full hash took 12. A hit part's text stays in the
// engine for the rest of the visit, and fresh memory is what a query paid
// for most (a page fault per 4 KB, tens of microseconds on a busy machine).
// A word whose hash matches a query's is read again, from the nearest
// start before it, to check: with one byte, most words read again did not
// match, and reading them was about a quarter of a results view's time.
struct SnippetText {
  static constexpr std::size_t words_per_start = 16;
  std::string_view text;
  std::vector<std::uint16_t> hashes;  // one per word, in order (a vector: its push_back inlines in the engine)
  std::vector<std::uint32_t> starts;  // where words 0, 16, 32… begin in `text`
};
SnippetText prepare_snippet_text(std::string_view text);

// A window of a post's plain text (`body`) around its best match, or the
// whole summary when the body has no match. Pieces point into the texts.
struct Snippet {
  struct Piece {
    std::string_view text;
    bool highlighted = false;  // a word the query matched
  };
  std::vector<Piece> pieces;
  bool cut_before = false;  // text before the window was left out
  bool cut_after = false;
};
// `highlighted`: the folded terms to mark, sorted, as SearchResults has them.
Snippet snippet(std::string_view summary, const SnippetText& body, const std::vector<std::string>& highlighted);

}  // namespace buildlog
