// Finds posts for a reader's query. Every word of the query must match a word
// of the post (the last word as a prefix, since readers type it), in the
// title, tags, summary or, for published posts only, the body. Posts rank by
// where their words matched (title 8, tags 4, summary 2, body 1 per word,
// doubled for a whole-word match), then newest first.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "post.hpp"

namespace buildlog {

// Lowercased words of `text`: runs of ASCII letters and digits and of
// non-ASCII bytes (so "résumé" stays one word).
std::vector<std::string> tokenize(std::string_view text);

struct SearchHit {
  const Post* post;
  int score;
};

class SearchIndex {
 public:
  // Indexes `posts`, which must outlive the index.
  explicit SearchIndex(const std::vector<Post>& posts);

  // Best first; empty for a query with no words.
  std::vector<SearchHit> search(std::string_view query) const;

 private:
  struct Entry {
    const Post* post;
    std::vector<std::string> fields[4];  // title, tags, summary, body: sorted, unique words
  };
  std::vector<Entry> entries_;
};

}  // namespace buildlog
