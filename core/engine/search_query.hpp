// A reader's query, parsed: plain words, "quoted phrases" and tag:NAME
// filters, e.g.  tag:aws "state at scale" terraf
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace buildlog {

struct SearchQuery {
  std::vector<std::string> terms;                 // folded, stop words removed
  std::vector<std::vector<std::string>> phrases;  // folded words of each quoted phrase, stop words kept
  std::vector<std::string> tags;                  // folded names from tag:NAME
  bool last_is_prefix = false;  // the last term is still being typed: match it as a prefix
  bool only_stop_words = false; // the reader typed words, but all of them are stop words

  bool empty() const { return terms.empty() && phrases.empty() && tags.empty(); }
};

// Words past the first `max_query_words` (terms and phrase words together)
// are ignored: no reader types more, and each costs a pass over the vocabulary.
inline constexpr std::size_t max_query_words = 12;

SearchQuery parse_query(std::string_view text);

}  // namespace buildlog
