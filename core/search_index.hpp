// Finds posts for a reader's query (search_query.hpp) and ranks them.
//
// Ranking is BM25 over four fields with weights: title 6, tags 4, summary 2,
// body 1. Every plain word of the query must match (AND); the last word
// matches as a prefix while it is being typed; a word of 4 or more letters
// also matches words one edit away (two edits from 8 letters), at a lower
// score. Quoted phrases must appear word for word in one field. tag:NAME keeps
// posts with that tag. Posts that are not published are found by title,
// summary and tags only: their bodies are never in the bundle.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "html.hpp"
#include "post.hpp"
#include "search_query.hpp"

namespace buildlog {

struct SearchHit {
  const Post* post;
  double score;
  Html snippet;  // text around the best match, matched words in <mark>
};

class SearchIndex {
 public:
  // Indexes `posts`, which must outlive the index.
  explicit SearchIndex(const std::vector<Post>& posts);

  // Best first; empty when nothing matches or the query has no words. Only
  // the first `with_snippets` hits get a snippet: building one reads the
  // post's whole text, and a reader looks at the first page of results.
  std::vector<SearchHit> search(std::string_view query, std::size_t with_snippets = 30) const;

  // The query with each word that matches nothing replaced by the closest
  // word of the blog, or "" when there is nothing better to suggest.
  std::string suggest(std::string_view query) const;

 private:
  enum Field : std::uint8_t { title, tags, summary, body };
  static constexpr std::size_t field_count = 4;

  struct Occurrence {
    std::uint32_t doc;
    Field field;
    std::vector<std::uint32_t> positions;  // word positions in the field
  };
  struct Doc {
    const Post* post;
    std::array<std::uint32_t, field_count> length{};  // words per field
    std::string body_text;                           // plain text, for snippets
    std::vector<std::uint32_t> body_checkpoints;     // byte offset of every `checkpoint_every`-th body word
    std::vector<std::string> folded_tags;
  };
  struct Match {
    std::size_t term;  // index into vocabulary_
    double weight;     // 1 for the word itself, less for a prefix or a typo
  };

  std::vector<Match> expand(const std::string& word, bool prefix) const;
  std::size_t find(std::string_view term) const;  // vocabulary_.size() when absent
  bool has_phrase(std::uint32_t doc, const std::vector<std::string>& phrase) const;
  Html snippet(std::uint32_t doc, const std::vector<std::size_t>& marked_terms) const;
  static constexpr std::uint32_t checkpoint_every = 32;

  std::vector<Doc> docs_;
  std::vector<std::string> vocabulary_;            // sorted
  std::vector<std::vector<Occurrence>> postings_;  // per vocabulary_ entry, by doc
  std::vector<std::uint32_t> doc_frequency_;       // per vocabulary_ entry
  std::array<double, field_count> average_length_{};
};

// Edit distance (insertions, deletions, substitutions, adjacent swaps)
// between a and b, or `limit + 1` once it is known to exceed `limit` (and for
// words longer than 64 bytes, which are never typos of each other here).
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

}  // namespace buildlog
