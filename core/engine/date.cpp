#include "date.hpp"

#include <array>

namespace buildlog {
namespace {

constexpr std::array<const char*, 12> month_names{"January", "February", "March",     "April",   "May",      "June",
                                                  "July",    "August",   "September", "October", "November", "December"};

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
}

std::optional<int> digits(std::string_view s) {
  int value = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// `value`'s last `width` decimal digits into out[at, at + width), zero-padded.
void write_digits(std::string& out, std::size_t at, std::size_t width, int value) {
  for (std::size_t i = at + width; i-- > at; value /= 10) out[i] = static_cast<char>('0' + value % 10);
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = digits(text.substr(0, 4));
  const auto m = digits(text.substr(5, 2));
  const auto d = digits(text.substr(8, 2));
  if (!y || !m || !d || *y < 1000 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m)) return std::nullopt;
  return Date{*y, *m, *d};
}

// Written by hand, not with snprintf: the engine links no printf (about
// 4.9 KB of its gzip). parse_date keeps every field within its width.
std::string to_iso(const Date& d) {
  std::string iso = "0000-00-00";
  write_digits(iso, 0, 4, d.year);
  write_digits(iso, 5, 2, d.month);
  write_digits(iso, 8, 2, d.day);
  return iso;
}

std::string month_and_year(const Date& d) {
  // The month's first three letters, as the cards of the page buildlog grew from show it.
  return std::string(month_names[static_cast<std::size_t>(d.month - 1)]).substr(0, 3) + " " + std::to_string(d.year);
}

std::string long_date(const Date& d) {
  return std::to_string(d.day) + " " + month_names[static_cast<std::size_t>(d.month - 1)] + " " + std::to_string(d.year);
}

}  // namespace buildlog
