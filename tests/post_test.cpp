#include <catch2/catch.hpp>

#include "post.hpp"

using namespace buildlog;

TEST_CASE("statuses read the spellings authors bring and write one canonical name") {
  CHECK(parse_status("published") == Status::published);
  CHECK(parse_status("In Progress") == Status::in_progress);
  CHECK(parse_status("in_progress") == Status::in_progress);
  CHECK(parse_status("WIP") == Status::in_progress);
  CHECK_FALSE(parse_status("draft"));  // private, not "in progress" (issue 12)
  CHECK(parse_status("idea") == Status::planned);
  CHECK_FALSE(parse_status("finished"));
  CHECK_FALSE(parse_status(""));
  for (const Status s : {Status::published, Status::in_progress, Status::planned}) CHECK(parse_status(to_string(s)) == s);
}

TEST_CASE("slugs are lowercase letters, digits and inner dashes") {
  CHECK(is_valid_slug("saga-choreography"));
  CHECK(is_valid_slug("a1"));
  for (const char* bad : {"", "-a", "a-", "Saga", "a b", "a/b", "a_b", "é"}) CHECK_FALSE(is_valid_slug(bad));
  CHECK_FALSE(is_valid_slug(std::string(101, 'a')));
}

TEST_CASE("slugify makes one slug grammar for file names, new posts and feed names") {
  CHECK(slugify("Hello, World!") == "hello-world");
  CHECK(slugify("2026-05-12-SAGA choreography") == "2026-05-12-saga-choreography");
  CHECK(slugify("--C++ & Rust--") == "c-rust");
  CHECK(slugify("Résumé") == "r-sum");  // non-ASCII letters are separators
  CHECK(slugify("!!!").empty());
  CHECK(slugify("abcdef-ghij", 7) == "abcdef");  // cut, and no '-' left at the end
  CHECK(is_valid_slug(slugify("Any Title at All")));
}
