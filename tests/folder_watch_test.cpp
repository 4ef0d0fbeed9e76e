#include <catch2/catch.hpp>

#include "folder_watch.hpp"
#include "test_support.hpp"

using namespace buildlog;
using namespace std::chrono_literals;

#ifdef __linux__
// The preview's watcher waits here between builds: every kind of save wakes
// it, in the folder and in folders under it (made before or after it began),
// and nothing wakes it when nothing changed. The timeouts are generous: an
// event arrives in microseconds, and a late one only means a longer wait.
TEST_CASE("a folder watch wakes on every kind of save and stays asleep when nothing changes") {
  test::ScratchDir dir;
  test::spit(dir / "hello.md", "---\ntitle: Hello\n---\n");
  std::filesystem::create_directories(dir / "old-folder");
  FolderWatch watch(dir.path());
  REQUIRE(watch.live());
  CHECK_FALSE(watch.wait(50ms));

  SECTION("a file written in place") {
    test::spit(dir / "hello.md", "---\ntitle: Hello again\n---\n");
    CHECK(watch.wait(2000ms));
  }
  SECTION("a file renamed into place, as editors that write a copy first save") {
    test::spit(dir / ".hello.md.tmp", "x");
    REQUIRE(watch.wait(2000ms));
    while (watch.wait(50ms)) {}
    std::filesystem::rename(dir / ".hello.md.tmp", dir / "hello.md");
    CHECK(watch.wait(2000ms));
  }
  SECTION("a file removed") {
    std::filesystem::remove(dir / "hello.md");
    CHECK(watch.wait(2000ms));
  }
  SECTION("a file in a folder that was there before") {
    test::spit(dir / "old-folder" / "post.md", "x");
    CHECK(watch.wait(2000ms));
  }
  SECTION("a file in a folder made after the watch began") {
    std::filesystem::create_directories(dir / "new-folder");
    REQUIRE(watch.wait(2000ms));
    while (watch.wait(50ms)) {}
    test::spit(dir / "new-folder" / "post.md", "x");
    CHECK(watch.wait(2000ms));
  }
  // A burst is taken at once: afterwards the watch is quiet again.
  while (watch.wait(50ms)) {}
  CHECK_FALSE(watch.wait(50ms));
}
#endif
