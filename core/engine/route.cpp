#include "route.hpp"

#include <optional>

#include "url_policy.hpp"

namespace buildlog {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
  return -1;
}

// A route parameter as a URI component: only unreserved characters stay.
std::string percent_encode_component(std::string_view s) { return percent_encode(s, "-_.~"); }

bool consume(std::string_view& s, std::string_view prefix) {
  if (!s.starts_with(prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

// "N" for 1 <= N <= max_route_page, written without leading zeros.
std::optional<std::size_t> page_number(std::string_view s) {
  if (s.empty() || s.size() > 7 || s[0] == '0') return std::nullopt;
  std::size_t n = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  if (n > max_route_page) return std::nullopt;
  return n;
}

std::string page_suffix(std::size_t page) { return page > 1 ? "/page/" + std::to_string(page) : ""; }

}  // namespace

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

Route parse_route(std::string_view hash) {
  if (hash.size() > max_route_bytes) hash = hash.substr(0, max_route_bytes);
  consume(hash, "#");
  if (hash.empty() || hash == "/") return ListingRoute{};
  std::string_view rest = hash;
  if (consume(rest, "/page/"))
    if (const auto n = page_number(rest)) return ListingRoute{*n};
  rest = hash;
  if (consume(rest, "/tag/") && !rest.empty()) {
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos) return TagRoute{percent_decode(rest)};
    std::string_view page = rest.substr(slash);
    if (slash > 0 && consume(page, "/page/"))
      if (const auto n = page_number(page)) return TagRoute{percent_decode(rest.substr(0, slash)), *n};
  }
  rest = hash;
  if (consume(rest, "/post/") && !rest.empty() && rest.find('/') == std::string_view::npos) return PostRoute{percent_decode(rest)};
  rest = hash;
  if (consume(rest, "/search")) {
    if (rest.empty()) return SearchRoute{};
    if (consume(rest, "?")) {
      // q and page matter; others are ignored, as servers do.
      SearchRoute route;
      while (!rest.empty()) {
        const auto amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        if (consume(pair, "q=")) {
          std::string q(pair);
          for (char& c : q)
            if (c == '+') c = ' ';
          route.query = percent_decode(q);
        } else if (consume(pair, "page=")) {
          route.page = page_number(pair).value_or(1);
        }
      }
      return route;
    }
  }
  return NotFoundRoute{percent_decode(hash)};
}

std::string to_hash(const Route& route) {
  struct Visitor {
    std::string operator()(const ListingRoute& r) const { return r.page > 1 ? "#" + page_suffix(r.page) : "#/"; }
    std::string operator()(const TagRoute& r) const { return "#/tag/" + percent_encode_component(r.tag) + page_suffix(r.page); }
    std::string operator()(const SearchRoute& r) const {
      if (r.query.empty()) return "#/search";
      return "#/search?q=" + percent_encode_component(r.query) + (r.page > 1 ? "&page=" + std::to_string(r.page) : "");
    }
    std::string operator()(const PostRoute& r) const { return "#/post/" + percent_encode_component(r.slug); }
    std::string operator()(const NotFoundRoute& r) const { return "#" + r.path; }
  };
  return std::visit(Visitor{}, route);
}

}  // namespace buildlog
