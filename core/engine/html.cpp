#include "html.hpp"

#include <array>

#include "url_policy.hpp"

namespace buildlog::html {

namespace {

// Every byte of every page goes through here: a table lookup per byte, and
// runs of plain text appended whole, keep it fast in wasm too.
constexpr std::array<bool, 256> needs_escape = [] {
  std::array<bool, 256> t{};
  for (const char c : std::string_view("&<>\"'")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

}  // namespace

void append_escaped(std::string& out, std::string_view s) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!needs_escape[static_cast<unsigned char>(s[i])]) continue;
    out.append(s, start, i - start);
    switch (s[i]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += "&#39;"; break;
    }
    start = i + 1;
  }
  out.append(s, start, std::string_view::npos);
}

Html text(std::string_view s) { return HtmlBuilder::escaped(s); }

Html url(std::string_view address) {
  // Check and write the same string: the address as a browser would read it.
  const std::string cleaned = strip_url_whitespace(address);
  if (!is_safe_url(cleaned)) return HtmlBuilder::escaped("#");
  return HtmlBuilder::escaped(percent_encode_url(cleaned));
}

}  // namespace buildlog::html
