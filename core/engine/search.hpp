// Finds posts for a reader's query (search_query.hpp) in the search parts of
// the bundle (search_format.hpp), fetching only the parts the query needs.
//
// Every plain word of the query must match (AND). A word matches itself, and
// the last word also the longest-used words it starts while it is being
// typed; a word of 4 or more letters also matches words one edit away (two
// edits from 8 letters), at a lower score. Typos are looked for among words
// with the same first letter: that is what keeps the index in small parts.
// Quoted phrases must appear word for word in one field (a stop word in a
// phrase holds its place but matches any word). tag:NAME keeps posts with
// that tag. Ranking is the BM25F impact precomputed by the author tool times
// the word's IDF; ties go to the newer post.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.hpp"
#include "post.hpp"
#include "search_query.hpp"

namespace buildlog {

struct SearchHit {
  std::uint32_t doc;  // published posts in list order, then upcoming ones (bundle.hpp)
  double score;
};

struct SearchResults {
  std::vector<SearchHit> hits;           // every match; the first `ranked` best first
  std::vector<std::string> highlighted;  // every word the query matched, for snippets
};

// Every post that matches, the best `ranked` of them first and in order (the
// rest in no order: a reader pages through the best). Empty results with
// `needs` set when parts must be fetched first.
SearchResults search(const Catalog& catalog, const SearchQuery& query, std::size_t ranked, Needs& needs);

// The query with each word that matches nothing replaced by the closest word
// of the blog, or "" when there is nothing better to suggest.
std::string suggest(const Catalog& catalog, const SearchQuery& query, Needs& needs);

// Edit distance (insertions, deletions, substitutions, adjacent swaps)
// between a and b, or `limit + 1` once it is known to exceed `limit` (and for
// words longer than 64 bytes, which are never typos of each other here).
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

}  // namespace buildlog
