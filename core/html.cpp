#include "html.hpp"

#include "url_policy.hpp"

namespace buildlog::html {

void append_escaped(std::string& out, std::string_view s) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char* entity = nullptr;
    switch (s[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&#39;"; break;
      default: continue;
    }
    out.append(s, start, i - start);
    out += entity;
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
