#include <catch2/catch.hpp>

#include "bundle.hpp"
#include "content.hpp"
#include "test_support.hpp"

using namespace buildlog;
using test::ScratchDir;
using test::spit;

TEST_CASE("a content folder reads into a bundle with its site settings") {
  ScratchDir dir;
  spit(dir / "site.yaml", "title: My log\ntagline: Things\n");
  spit(dir / "2026-01-02-first.md", "---\ntitle: First\n---\nHello.\n");
  spit(dir / "sub/second.md", "---\ntitle: Second\ndate: 2026-02-01\nstatus: planned\n---\n");
  spit(dir / "README.md", "Not a post.\n");
  spit(dir / ".hidden/ignored.md", "nothing\n");
  const auto read = read_content(dir.path());
  INFO((read.problems.empty() ? "" : read.problems[0].to_string()));
  REQUIRE(read.problems.empty());
  CHECK(read.bundle.site.title == "My log");
  REQUIRE(read.bundle.posts.size() == 2);
  CHECK(read.bundle.posts[0].slug == "second");
  CHECK(read.bundle.posts[1].slug == "first");
}

TEST_CASE("a duplicate slug names both files") {
  ScratchDir dir;
  spit(dir / "a/post.md", "---\ntitle: A\ndate: 2026-01-01\n---\nA.\n");
  spit(dir / "b/post.md", "---\ntitle: B\ndate: 2026-01-02\n---\nB.\n");
  const auto read = read_content(dir.path());
  REQUIRE(read.problems.size() == 1);
  CHECK(read.problems[0].to_string() ==
        (dir / "b/post.md").generic_string() + ":1: slug \"post\" is already used by " + (dir / "a/post.md").generic_string());
}

TEST_CASE("every problem in every file is reported in one run") {
  ScratchDir dir;
  spit(dir / "a.md", "---\ntitle: A\n---\n");
  spit(dir / "b.md", "no front matter\n");
  spit(dir / "c.md", "---\ntitle: C\ndate: 2026-01-01\n---\nFine.\n");
  spit(dir / "site.yaml", "title: T\ncolour: blue\n");
  const auto read = read_content(dir.path());
  // a.md: no date and no body; b.md: no front matter; site.yaml: unknown setting.
  CHECK(read.problems.size() == 4);
}

TEST_CASE("the sample blog reads the same on every run and matches the committed posts.json") {
  const auto first = read_content(test::source_dir() / "content");
  const auto second = read_content(test::source_dir() / "content");
  REQUIRE(first.problems.empty());
  const SplitBundle split = split_bundle(first.bundle);
  CHECK(split.entry == split_bundle(second.bundle).entry);
  CHECK(split.parts == split_bundle(second.bundle).parts);
  CHECK(split.entry == test::slurp(test::source_dir() / "posts.json"));
  for (const Part& part : split.parts) {
    INFO(part.name);
    CHECK(part.bytes == test::slurp(test::source_dir() / part.name));
  }
}

TEST_CASE("writing atomically replaces the file whole, and a failed write leaves it alone") {
  ScratchDir dir;
  const auto file = dir / "posts.json";
  spit(file, "old");
  CHECK(write_file_atomically(file, "new").empty());
  CHECK(test::slurp(file) == "new");
  const auto error = write_file_atomically(dir / "missing-folder/posts.json", "x");
  CHECK(error.find("cannot create") == 0);
  CHECK(test::slurp(file) == "new");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);  // no temporary file left behind
}
