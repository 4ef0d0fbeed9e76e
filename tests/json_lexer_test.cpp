#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "bounded_json.hpp"
#include "json_lexer.hpp"

using namespace buildlog;

namespace {

double value_of(const std::string& token) {
  const char* end = nullptr;
  const double value = json_number_value(token.c_str(), &end);
  CHECK(end == token.c_str() + token.size());
  return value;
}

// The digits of `mantissa` with a decimal point `fraction` digits from the end, then "e" and `exponent`.
std::string number_token(std::uint64_t mantissa, int fraction, int exponent, bool negative) {
  std::string digits = std::to_string(mantissa);
  while (static_cast<int>(digits.size()) <= fraction) digits.insert(0, "0");
  if (fraction > 0) digits.insert(digits.size() - static_cast<std::size_t>(fraction), ".");
  return (negative ? "-" : "") + digits + (exponent != 0 ? "e" + std::to_string(exponent) : "");
}

// nlohmann's message for the first syntax error (the tests build without exceptions).
struct ErrorMessage : nlohmann::json_sax<nlohmann::json> {
  std::string message;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    message = e.what();
    return false;
  }
};

std::string parse_error(const std::string& text) {
  Problems problems;
  CHECK_FALSE(parse_bounded_object(text, problems));
  REQUIRE(problems.size() == 1);
  return problems[0].message;
}

}  // namespace

TEST_CASE("a number a person writes has exactly strtod's value") {
  std::mt19937_64 random(16);
  for (int i = 0; i < 20'000; ++i) {
    const std::uint64_t mantissa = random() >> (11 + random() % 53);  // at most 2^53, of every length
    const int fraction = static_cast<int>(random() % 8);
    const int exponent = static_cast<int>(random() % 45) - 22 + fraction;  // 10's power within ±22
    const std::string token = number_token(mantissa, fraction, exponent, random() % 2);
    INFO(token);
    const double expected = std::strtod(token.c_str(), nullptr);
    const double got = value_of(token);
    CHECK(std::memcmp(&got, &expected, sizeof got) == 0);
  }
  for (const char* token : {"0", "-0", "0.1", "0.000001", "1E+2", "1e-2", "9007199254740992", "2.5"}) {
    INFO(token);
    CHECK(value_of(token) == std::strtod(token, nullptr));
  }
  CHECK(std::signbit(value_of("-0")));
}

TEST_CASE("any other number is within a few units in the last place of strtod's") {
  std::mt19937_64 random(17);
  for (int i = 0; i < 20'000; ++i) {
    const std::uint64_t mantissa = 10'000'000'000'000'000ull + random() % 90'000'000'000'000'000ull;  // 17 digits
    const std::string token = number_token(mantissa, static_cast<int>(random() % 17), static_cast<int>(random() % 640) - 320, false);
    INFO(token);
    const double expected = std::strtod(token.c_str(), nullptr);
    const double got = value_of(token);
    if (std::isinf(expected)) {
      CHECK(got == expected);
      continue;
    }
    const double unit = std::max(std::abs(expected) * std::numeric_limits<double>::epsilon(), std::numeric_limits<double>::denorm_min());
    CHECK(std::abs(got - expected) <= 8 * unit);
  }
  // More digits than a uint64 holds, and exponents far past a double's range.
  CHECK(value_of("123456789012345678901234567890") == Approx(1.2345678901234568e29));
  CHECK(value_of("0.00000000000000000000000000001234567890123456789012") == Approx(1.2345678901234568e-29));
  CHECK(std::isfinite(value_of("1.7976931348623157e308")));
  CHECK(value_of("1.7976931348623157e308") == Approx(std::numeric_limits<double>::max()));
  CHECK(value_of("5e-324") == std::numeric_limits<double>::denorm_min());
  CHECK(std::isinf(value_of("1e400")));
  CHECK(std::isinf(value_of("-1e99999999999999999999")));
  CHECK(value_of("1e-400") == 0);
  CHECK(value_of("0e99999") == 0);
}

TEST_CASE("the engine's JSON lexer reports what nlohmann's reports") {
  Problems problems;
  const auto parsed = parse_bounded_object(R"({"a": 2.5, "b": -1e-3, "c": 12345678901234567890123})", problems);
  REQUIRE(parsed);
  CHECK((*parsed)["a"].get<double>() == 2.5);
  CHECK((*parsed)["b"].dump() == "-0.001");
  CHECK((*parsed)["c"].get<double>() == Approx(1.2345678901234568e22));

  CHECK_THAT(parse_error(R"({"a": 1e999})"), Catch::Contains("number overflow"));
  // A control character in a string: the message names it as nlohmann's own lexer does.
  const std::string control = std::string(R"({"a": "x)") + '\x01' + '\x1f' + R"("})";
  ErrorMessage reference_sax;
  nlohmann::json::sax_parse(std::string(control), &reference_sax);  // another input type: nlohmann's lexer, unchanged
  const std::string& reference = reference_sax.message;
  INFO(reference);
  REQUIRE(reference.find("<U+0001>") != std::string::npos);
  const std::string message = parse_error(control);
  CHECK_THAT(message, Catch::Contains("<U+0001>"));
  CHECK(message.substr(message.find("parse error")) == reference.substr(reference.find("parse error")));
}
