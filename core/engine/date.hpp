// A calendar date as posts carry it: ISO 8601 "YYYY-MM-DD", no time zone
// (a post is dated by the day its author says, wherever it is read).
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace buildlog {

struct Date {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31, valid for the month and year

  friend auto operator<=>(const Date&, const Date&) = default;
};

// The date in `text` if it is exactly "YYYY-MM-DD" and a real calendar day
// (years 1000-9999); nothing otherwise.
std::optional<Date> parse_date(std::string_view text);

std::string to_iso(const Date& d);           // "2026-05-12"
std::string month_and_year(const Date& d);   // "May 2026", "Apr 2026"
std::string long_date(const Date& d);        // "12 May 2026"

}  // namespace buildlog
