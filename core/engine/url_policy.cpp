#include "url_policy.hpp"

#include <array>

namespace buildlog {
namespace {

bool is_c0_or_space(unsigned char c) { return c <= 0x20; }
bool is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string strip_url_whitespace(std::string_view address) {
  while (!address.empty() && is_c0_or_space(static_cast<unsigned char>(address.front()))) address.remove_prefix(1);
  while (!address.empty() && is_c0_or_space(static_cast<unsigned char>(address.back()))) address.remove_suffix(1);
  std::string out;
  out.reserve(address.size());
  for (const char c : address)
    if (c != '\t' && c != '\n' && c != '\r') out += c;
  return out;
}

bool is_safe_url(std::string_view address) {
  // Browsers strip leading and trailing C0 controls and spaces, and remove
  // tabs and newlines anywhere, before reading the scheme: do the same.
  while (!address.empty() && is_c0_or_space(static_cast<unsigned char>(address.front()))) address.remove_prefix(1);
  std::string scheme;
  for (const char ch : address) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (c == ':') {
      static constexpr std::array<std::string_view, 3> allowed{"http", "https", "mailto"};
      for (const auto ok : allowed)
        if (scheme == ok) return true;
      return false;
    }
    if (c == '/' || c == '?' || c == '#') return true;  // no scheme: relative
    scheme += static_cast<char>(is_alpha(c) ? (c | 0x20) : c);
  }
  return true;  // no ':' at all: relative
}

bool has_scheme(std::string_view address) {
  if (address.empty() || !is_alpha(static_cast<unsigned char>(address[0]))) return false;
  for (const char ch : address.substr(1)) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == ':') return true;
    if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '.' && c != '-') return false;
  }
  return false;
}

std::string percent_encode(std::string_view s, std::string_view kept) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_alpha(c) || is_digit(c) || kept.find(ch) != std::string_view::npos) {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

std::string percent_encode_url(std::string_view address) { return percent_encode(address, "-_.+!*(),%#@?=;:/,$&"); }

}  // namespace buildlog
