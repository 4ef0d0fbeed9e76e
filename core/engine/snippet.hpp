// A search result's snippet: the words around the best match of a post.
// Each hit's text has its words found once, when its part arrives
// (SnippetText), so a query's snippets compare numbers, not bytes: the
// reader's page renders every result list as they type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace buildlog {

// `text` with each word's place and a hash of its folded term (text.hpp's words).
struct SnippetText {
  struct Word {
    std::uint32_t begin, end;  // bytes of `text`
    std::uint32_t hash;        // fnv1a_32 of its term
  };
  std::string_view text;
  std::vector<Word> words;
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
