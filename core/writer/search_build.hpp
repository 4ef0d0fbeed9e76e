// Builds the search index parts (search_format.hpp) for the author tool. The
// ranking the engine serves is decided here: BM25 per field (k1 1.2, b 0.75),
// weighted title 6, tags 4, summary 2, body 1, summed into one impact per
// term and post, so the reader's engine needs no document lengths.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "bundle_writer.hpp"
#include "search_format.hpp"

namespace buildlog {

struct SearchBuild {
  // By bucket key, each bucket's terms; their refs index `postings` and `positions`.
  std::vector<std::pair<std::string, std::vector<search_format::TermEntry>>> buckets;
  std::vector<std::string> postings;  // file contents
  std::vector<std::string> positions;
};

// `docs` in document-number order, and beside them `bodies`: each published
// post's body as plain text (markdown_plain_text). Posts that are not
// published are indexed by title, tags and summary only (their `bodies`
// entry is not read), as are docs past the end of `bodies`. `read`, when
// given, is called with each doc's number once its body has been read, on
// the worker that read it: the split lets go of the texts it made then, so
// that they are not all held on top of the index's records.
SearchBuild build_search_index(const std::vector<const SourcePost*>& docs, const std::vector<std::string_view>& bodies,
                               const std::function<void(std::size_t doc)>& read = {});

}  // namespace buildlog
