#include "html.hpp"

#include <array>
#include <cstdint>
#include <cstring>

#include "url_policy.hpp"

namespace buildlog::html {

namespace {

// Every byte of every page goes through here: plain text is skipped eight
// bytes at a time (any_needs_escape), a byte near one that needs escaping is
// looked up here, and runs of plain text are appended whole.
constexpr std::array<bool, 256> needs_escape = [] {
  std::array<bool, 256> t{};
  for (const char c : std::string_view("&<>\"'")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

// Whether any of the eight bytes in `word` needs escaping: the classic
// zero-byte test on the word XORed with each special byte repeated. Exact
// (no false positives), and in wasm it skips eight bytes of plain text in
// about as many operations as one byte's table lookup and branch.
constexpr std::uint64_t every_byte(unsigned char c) { return 0x0101010101010101ull * c; }
constexpr bool any_zero_byte(std::uint64_t v) { return ((v - every_byte(1)) & ~v & every_byte(0x80)) != 0; }
inline bool any_needs_escape(std::uint64_t word) {
  return any_zero_byte(word ^ every_byte('&')) || any_zero_byte(word ^ every_byte('<')) || any_zero_byte(word ^ every_byte('>')) ||
         any_zero_byte(word ^ every_byte('"')) || any_zero_byte(word ^ every_byte('\''));
}

}  // namespace

void append_escaped(std::string& out, std::string_view s) {
  std::size_t start = 0;
  std::size_t i = 0;
  for (;;) {
    for (std::uint64_t word; i + 8 <= s.size(); i += 8) {
      std::memcpy(&word, s.data() + i, 8);
      if (any_needs_escape(word)) break;
    }
    while (i < s.size() && !needs_escape[static_cast<unsigned char>(s[i])]) ++i;
    if (i == s.size()) break;
    out.append(s, start, i - start);
    switch (s[i]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += "&#39;"; break;
    }
    start = ++i;
  }
  out.append(s, start, std::string_view::npos);
}

// Never inlined, even by the link's LTO: one copy of the append is the point.
[[gnu::noinline]] void append_markup(std::string& out, std::string_view markup) { out.append(markup.data(), markup.size()); }
[[gnu::noinline]] void append_markup(std::string& out, char c) { out.push_back(c); }

Html text(std::string_view s) { return HtmlBuilder::escaped(s); }

Html url(std::string_view address) {
  // Check and write the same string: the address as a browser would read it.
  const std::string cleaned = strip_url_whitespace(address);
  if (!is_safe_url(cleaned)) return HtmlBuilder::escaped("#");
  return HtmlBuilder::escaped(percent_encode_url(cleaned));
}

}  // namespace buildlog::html
