#include <catch2/catch.hpp>

#include "bundle_writer.hpp"
#include "engine.hpp"
#include "fixtures.hpp"

using namespace buildlog;

TEST_CASE("a broken bundle shows the error view, and a good one loads afterwards") {
  Engine engine;
  CHECK_FALSE(engine.loaded());
  CHECK(engine.render("./").title == "Blog unavailable");

  CHECK(engine.load("{\"version\": 2, \"posts\": [") .size() == 1);
  const auto broken = engine.render("./");
  CHECK(broken.title == "Blog unavailable");
  CHECK(broken.body.str().find("not valid JSON") != std::string::npos);

  CHECK(engine.load(split_bundle(test::small_bundle()).entry).empty());
  CHECK(engine.loaded());
  CHECK(engine.render("./").title == "Test blog");

  engine.fail("posts.json could not be fetched: HTTP 404 Not Found");
  CHECK(engine.render("post/alpha/").body.str().find("HTTP 404 Not Found") != std::string::npos);
}

TEST_CASE("the engine renders any address without throwing") {
  Engine engine;
  REQUIRE(engine.load(split_bundle(test::small_bundle()).entry).empty());
  for (const char* address : {"", "#", "./", "#//", "#/post/", "#/tag/%", "search/?q=", "search/?q=%", "search/?&&&", "\xff\xfe", "post/alpha/"})
    CHECK_NOTHROW(engine.render(address));
}
