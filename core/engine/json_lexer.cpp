#include "json_lexer.hpp"

#include <array>
#include <cstdint>
#include <limits>

namespace buildlog {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// 1e0 to 1e22: the powers of ten a double holds exactly.
constexpr std::array<double, 23> exact_powers{1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                              1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// mantissa × 10^power. One rounding when both are exact in a double
// (mantissa ≤ 2^53, |power| ≤ 22); otherwise one per step of 1e22.
double scale(std::uint64_t mantissa, int power) {
  double value = static_cast<double>(mantissa);
  const bool exact = mantissa <= (std::uint64_t{1} << 53);
  if (!exact || power > 22 || power < -22) {
    for (; power > 22; power -= 22) value *= exact_powers[22];
    for (; power < -22; power += 22) value /= exact_powers[22];
  }
  return power >= 0 ? value * exact_powers[static_cast<std::size_t>(power)]
                    : value / exact_powers[static_cast<std::size_t>(-power)];
}

}  // namespace

double json_number_value(const char* token, const char** end) noexcept {
  const char* p = token;
  const bool negative = *p == '-';
  if (negative) ++p;
  // Up to 19 significant digits: more than a double's 17, and they fit in 64 bits.
  std::uint64_t mantissa = 0;
  int significant = 0;
  int power = 0;
  const auto digit = [&](char c, bool fraction) {
    if (significant < 19 && (mantissa != 0 || c != '0')) {
      mantissa = mantissa * 10 + static_cast<unsigned>(c - '0');
      ++significant;
      power -= fraction;
    } else if (mantissa == 0) {
      power -= fraction;  // a leading zero
    } else {
      power += !fraction;  // a digit past the 19th
    }
  };
  for (; is_digit(*p); ++p) digit(*p, false);
  if (*p != '\0' && *p != 'e' && *p != 'E') {
    ++p;  // the decimal point
    for (; is_digit(*p); ++p) digit(*p, true);
  }
  if (*p == 'e' || *p == 'E') {
    ++p;
    const bool below = *p == '-';
    if (*p == '-' || *p == '+') ++p;
    int exponent = 0;
    for (; is_digit(*p); ++p)
      if (exponent < 100'000) exponent = exponent * 10 + (*p - '0');
    power += below ? -exponent : exponent;
  }
  *end = p;
  // Past these a nonzero mantissa (1 to 1e19) is beyond a double's range either way.
  double value = 0;
  if (mantissa != 0 && power > 330)
    value = std::numeric_limits<double>::infinity();
  else if (mantissa != 0 && power >= -400)
    value = scale(mantissa, power);
  return negative ? -value : value;
}

}  // namespace buildlog

NLOHMANN_JSON_NAMESPACE_BEGIN
namespace detail {

template <>
std::string buildlog::StringViewLexer::get_token_string() const {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string result;
  for (const auto c : token_string) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x1F)
      result += {'<', 'U', '+', '0', '0', hex[byte >> 4], hex[byte & 15], '>'};
    else
      result.push_back(static_cast<char>(c));
  }
  return result;
}

template <>
[[gnu::nonnull]] void buildlog::StringViewLexer::strtof(double& f, const char* str, char** endptr) noexcept {
  const char* end = str;
  f = buildlog::json_number_value(str, &end);
  *endptr = const_cast<char*>(end);  // strtod's signature
}

}  // namespace detail
NLOHMANN_JSON_NAMESPACE_END
