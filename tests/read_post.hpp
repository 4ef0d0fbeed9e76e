// A post file that must read without problems, for the tests of the author
// tool's reading: its SourcePost; the first problem, if any, fails the test.
#pragma once

#include <catch2/catch.hpp>

#include "front_matter.hpp"

namespace buildlog::test {

inline SourcePost read_ok(std::string_view path, std::string_view text) {
  auto r = read_post_file(path, text);
  INFO((r.problems.empty() ? "" : r.problems[0].to_string()));
  REQUIRE(r.post);
  return *r.post;
}

}  // namespace buildlog::test
