// Errors as values: a problem says where (a file and line, or a path into the
// bundle such as "posts[4].date") and why, in a form people can grep.
#pragma once

#include <string>
#include <vector>

namespace buildlog {

struct Problem {
  std::string where;    // "content/2026-05-saga.md:3" or "posts.json: posts[4].date"
  std::string message;  // "date must be YYYY-MM-DD, got \"May 12\""

  std::string to_string() const { return where.empty() ? message : where + ": " + message; }
  friend bool operator==(const Problem&, const Problem&) = default;
};

using Problems = std::vector<Problem>;

}  // namespace buildlog
