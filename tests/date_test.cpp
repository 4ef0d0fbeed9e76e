#include <catch2/catch.hpp>

#include "date.hpp"

using namespace buildlog;

TEST_CASE("dates parse only as real YYYY-MM-DD calendar days") {
  CHECK(parse_date("2026-05-12") == Date{2026, 5, 12});
  CHECK(parse_date("2024-02-29") == Date{2024, 2, 29});
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-5-12", "12-05-2026", "2026-05-12T10:00",
                          "May 12 2026", "", "0999-01-01", "2026/05/12"})
    CHECK_FALSE(parse_date(bad));
}

TEST_CASE("dates format for machines and readers") {
  const Date d{2026, 5, 2};
  CHECK(to_iso(d) == "2026-05-02");
  CHECK(month_and_year(d) == "May 2026");
  CHECK(long_date(d) == "2 May 2026");
  CHECK(Date{2026, 1, 31} < Date{2026, 2, 1});
}

TEST_CASE("every day the parser takes formats back to the text it came from") {
  for (const char* text : {"1000-01-01", "9999-12-31", "2024-02-29", "2026-10-09", "1999-09-30", "2010-11-20"}) {
    const auto d = parse_date(text);
    REQUIRE(d);
    CHECK(to_iso(*d) == text);
  }
}
