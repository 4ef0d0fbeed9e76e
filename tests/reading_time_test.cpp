#include <catch2/catch.hpp>

#include "markdown.hpp"
#include "reading_time.hpp"

using namespace buildlog;

TEST_CASE("words are runs between whitespace that hold a letter or digit") {
  CHECK(count_words("") == 0);
  CHECK(count_words("one two  three\nfour\tfive") == 5);
  CHECK(count_words("a - b — c … d") == 4);
  CHECK(count_words("naïve café résumé") == 3);
  CHECK(count_words("x = 1; // done") == 3);
}

TEST_CASE("reading time is words at 230 a minute, rounded up, at least one") {
  CHECK(reading_minutes(0) == 1);
  CHECK(reading_minutes(1) == 1);
  CHECK(reading_minutes(230) == 1);
  CHECK(reading_minutes(231) == 2);
  CHECK(reading_minutes(1380) == 6);
}

TEST_CASE("Markdown syntax does not count as words") {
  CHECK(count_words(markdown_plain_text("## Heading\n\n* **bold** item\n* [link](https://example.com/long/url)\n")) == 4);
}
