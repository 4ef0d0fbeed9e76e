// The one escaping layer. Every byte of HTML the core produces is an `Html`,
// and an `Html` can only come from:
//   - html::format(), whose template must be a compile-time literal and whose
//     holes escape strings for text or attribute context (the same escaping:
//     every attribute the core writes is double-quoted);
//   - html::url(), which applies the URL policy (url_policy.hpp) first;
//   - Html::from_trusted_renderer(), reserved for the Markdown renderer, which
//     builds its output from md4c events through the same escaping helpers.
// So writing unescaped data into a page needs a deliberate, greppable call.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace buildlog {

class Html {
 public:
  Html() = default;
  const std::string& str() const noexcept { return markup_; }
  bool empty() const noexcept { return markup_.empty(); }
  Html& operator+=(const Html& more) {
    markup_ += more.markup_;
    return *this;
  }
  friend Html operator+(Html a, const Html& b) { return a += b; }
  friend bool operator==(const Html&, const Html&) = default;

  // For renderers that escape every piece of data themselves (markdown.cpp).
  static Html from_trusted_renderer(std::string markup) { return Html(std::move(markup)); }

 private:
  explicit Html(std::string markup) : markup_(std::move(markup)) {}
  std::string markup_;
  friend class HtmlBuilder;
};

namespace html {

// Appends `s` escaped for HTML text and double-quoted attribute values.
void append_escaped(std::string& out, std::string_view s);

// Appends markup as it is, for the Markdown renderer's own tags (it escapes
// every piece of data itself). A call rather than std::string's append
// inlined at each of the renderer's ninety places; built with the escaping,
// so that its own append is inlined (core/engine/CMakeLists.txt).
void append_markup(std::string& out, std::string_view markup);
void append_markup(std::string& out, char c);

// `s` escaped for text or a double-quoted attribute value.
Html text(std::string_view s);

// A link or image address that passed the URL policy, percent-encoded where
// needed and escaped for an attribute; "#" when the policy refuses it.
Html url(std::string_view address);

// A template of literal markup with `{}` holes. The constructor is consteval,
// so only a string literal (never data) can be a template.
class Template {
 public:
  consteval Template(const char* literal) : text_(literal) {}  // NOLINT: implicit on purpose
  constexpr std::string_view text() const { return text_; }

 private:
  std::string_view text_;
};

namespace detail {
inline void append_arg(std::string& out, const Html& h) { out += h.str(); }
inline void append_arg(std::string& out, std::string_view s) { append_escaped(out, s); }
inline void append_arg(std::string& out, const std::string& s) { append_escaped(out, s); }
inline void append_arg(std::string& out, const char* s) { append_escaped(out, s); }
template <std::integral N>
void append_arg(std::string& out, N n) { out += std::to_string(n); }
// What append_arg will add, about: exact for Html, text as if nothing needed escaping.
inline std::size_t expected_size(const Html& h) { return h.str().size(); }
inline std::size_t expected_size(std::string_view s) { return s.size(); }
inline std::size_t expected_size(const std::string& s) { return s.size(); }
inline std::size_t expected_size(const char*) { return 16; }
template <std::integral N>
std::size_t expected_size(N) { return 16; }
}  // namespace detail

}  // namespace html

// The only code that turns format() pieces into an Html.
class HtmlBuilder {
 public:
  template <typename... Args>
  static Html format(html::Template tmpl, const Args&... args) {
    Html out;
    out.markup_.reserve(tmpl.text().size() + (html::detail::expected_size(args) + ... + 0));  // an Html argument, often a whole view, is not copied twice
    append(out, tmpl, args...);
    return out;
  }
  template <typename... Args>
  static void append(Html& out, html::Template tmpl, const Args&... args) {
    std::string& markup = out.markup_;
    std::string_view rest = tmpl.text();
    auto one = [&](const auto& arg) {
      const auto hole = rest.find("{}");
      markup.append(rest.substr(0, hole));
      if (hole == std::string_view::npos) {  // more arguments than holes: a bug, keep data out
        rest = {};
        return;
      }
      html::detail::append_arg(markup, arg);
      rest.remove_prefix(hole + 2);
    };
    (one(args), ...);
    (void)one;  // unused when the template has no holes
    markup.append(rest);
  }
  static Html escaped(std::string_view s) {
    std::string out;
    html::append_escaped(out, s);
    return Html(std::move(out));
  }
};

namespace html {
// Fills the template's `{}` holes in order: `Html` goes in as it is, strings
// are escaped, integers are written in decimal.
template <typename... Args>
Html format(Template tmpl, const Args&... args) {
  return HtmlBuilder::format(tmpl, args...);
}

// The same, appended to `out`: a list of many small pieces (a result's
// snippet, a card's tags) is built in one string, not a string per piece.
template <typename... Args>
void format_to(Html& out, Template tmpl, const Args&... args) {
  HtmlBuilder::append(out, tmpl, args...);
}

// Joins fragments.
template <typename Range, typename Fn>
Html join(const Range& items, Fn&& render_one) {
  Html out;
  for (const auto& item : items) out += render_one(item);
  return out;
}
}  // namespace html

}  // namespace buildlog
