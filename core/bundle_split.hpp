// Writing a blog as the split bundle the reader's page loads (format:
// docs/bundle-format.md): posts.json, small and loaded first, and parts beside
// it under posts/, named by a hash of their content, fetched when a view
// needs them. Only the author tool writes bundles: the engine does not link this.
#pragma once

#include <string>
#include <vector>

#include "bundle.hpp"

namespace buildlog {

struct Part {
  std::string name;   // "posts/01/p-0123456789abcdef.json", relative to posts.json
  std::string bytes;
  friend bool operator==(const Part&, const Part&) = default;
};

struct SplitBundle {
  std::string entry;        // posts.json
  std::vector<Part> parts;  // sorted by name; no two alike
};

// The same bundle always gives the same bytes and names.
SplitBundle split_bundle(const Bundle& bundle);

}  // namespace buildlog
