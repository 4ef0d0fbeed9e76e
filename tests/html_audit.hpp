// Audits HTML that the core produced, for tests and fuzzers: every tag is one
// the core writes, every attribute one it writes, every link and image
// address passes the URL policy, and text holds no raw '<' or '>'. HTML that
// passes cannot carry script, whatever data went into it.
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "url_policy.hpp"

namespace buildlog::test {

namespace audit_detail {
constexpr std::array<std::string_view, 44> tags{
    "a", "mark", "noscript",    "article", "blockquote", "br", "button",  "code", "del", "div",   "em",      "footer",   "form",  "h1",    "h2",    "h3",   "h4",
    "h5",   "h6",      "header",     "hr",  "img",  "input", "label", "li",    "main",     "nav",   "ol",    "p",     "pre",  "progress",
    "section", "span", "strong", "sup", "table", "tbody", "td",  "th",   "thead", "time",     "tr",    "u",     "ul"};
constexpr std::array<std::string_view, 31> attributes{
    "data-reload", "href", "src", "alt", "title", "class", "align", "start", "type", "disabled", "checked", "id", "tabindex", "role", "action",
    "data-search", "data-focus", "name", "value", "placeholder", "autocomplete", "spellcheck", "enterkeyhint", "for", "aria-label",
    "aria-labelledby", "aria-current", "aria-hidden", "datetime", "max", "rel"};

// The value with the core's five entities decoded; nullopt for any other entity.
inline std::optional<std::string> unescape_attribute(std::string_view v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '&') {
      out += v[i];
      continue;
    }
    const auto semi = v.find(';', i);
    const auto entity = v.substr(i, semi == std::string_view::npos ? std::string_view::npos : semi - i + 1);
    if (entity == "&amp;") out += '&';
    else if (entity == "&lt;") out += '<';
    else if (entity == "&gt;") out += '>';
    else if (entity == "&quot;") out += '"';
    else if (entity == "&#39;") out += '\'';
    else return std::nullopt;  // the core writes no other entity into attributes
    i += entity.size() - 1;
  }
  return out;
}

inline bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }
}  // namespace audit_detail

// Empty when `html` passes; otherwise what is wrong and where.
inline std::string audit_html(std::string_view html) {
  using namespace audit_detail;
  auto at = [&](std::size_t i, const std::string& why) { return why + " at byte " + std::to_string(i); };
  std::size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '>') return at(i, "raw '>' in text");
    if (c != '<') {
      ++i;
      continue;
    }
    ++i;
    const bool closing = i < html.size() && html[i] == '/';
    if (closing) ++i;
    const std::size_t name_start = i;
    while (i < html.size() && is_name_char(html[i])) ++i;
    const std::string_view tag = html.substr(name_start, i - name_start);
    if (std::find(tags.begin(), tags.end(), tag) == tags.end()) return at(name_start, "unexpected tag <" + std::string(tag) + ">");
    while (!closing && i < html.size() && html[i] == ' ') {
      ++i;
      const std::size_t attr_start = i;
      while (i < html.size() && is_name_char(html[i])) ++i;
      const std::string_view attr = html.substr(attr_start, i - attr_start);
      if (std::find(attributes.begin(), attributes.end(), attr) == attributes.end())
        return at(attr_start, "unexpected attribute " + std::string(attr) + " on <" + std::string(tag) + ">");
      if (i < html.size() && html[i] == '=') {
        if (i + 1 >= html.size() || html[i + 1] != '"') return at(i, "unquoted attribute value");
        const auto end = html.find('"', i + 2);
        if (end == std::string_view::npos) return at(i, "unterminated attribute value");
        const std::string_view value = html.substr(i + 2, end - i - 2);
        if (value.find_first_of("<>") != std::string_view::npos) return at(i, "raw '<' or '>' in an attribute");
        const auto decoded = unescape_attribute(value);
        if (!decoded) return at(i, "unexpected entity in an attribute");
        if ((attr == "href" || attr == "src" || attr == "action") && !is_safe_url(*decoded))
          return at(i, "unsafe address \"" + *decoded + "\"");
        i = end + 1;
      }
    }
    if (i >= html.size() || html[i] != '>') return at(i, "malformed tag <" + std::string(tag));
    ++i;
  }
  return {};
}

}  // namespace buildlog::test
