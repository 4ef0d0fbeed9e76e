#include "route.hpp"

#include "url_policy.hpp"

namespace buildlog {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
  return -1;
}

// A route parameter as a path segment or query value: only unreserved characters stay.
std::string percent_encode_component(std::string_view s) { return percent_encode(s, "-_.~"); }

bool consume(std::string_view& s, std::string_view prefix) {
  if (!s.starts_with(prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

bool consume_back(std::string_view& s, std::string_view suffix) {
  if (!s.ends_with(suffix)) return false;
  s.remove_suffix(suffix.size());
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

std::string page_suffix(std::size_t page) { return page > 1 ? "page/" + std::to_string(page) + "/" : ""; }

// The search query's parameters: q and page matter; others are ignored, as servers do.
SearchRoute search_route(std::string_view query) {
  SearchRoute route;
  while (!query.empty()) {
    const auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (consume(pair, "q=")) {
      std::string q(pair);
      for (char& c : q)
        if (c == '+') c = ' ';
      route.query = percent_decode(q);
    } else if (consume(pair, "page=")) {
      route.page = page_number(pair).value_or(1);
    }
  }
  if (route.query.empty()) route.page = 1;  // no query, no pages of results
  return route;
}

// The route for a path without its slashes at either end: "tag/aws/page/2".
std::optional<Route> path_route(std::string_view path, std::string_view query, bool has_query) {
  if (path.empty()) return ListingRoute{};
  std::string_view rest = path;
  if (consume(rest, "page/"))
    if (const auto n = page_number(rest)) return ListingRoute{*n};
  rest = path;
  if (consume(rest, "tag/") && !rest.empty()) {
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos) return TagRoute{percent_decode(rest)};
    std::string_view page = rest.substr(slash);
    if (slash > 0 && consume(page, "/page/"))
      if (const auto n = page_number(page)) return TagRoute{percent_decode(rest.substr(0, slash)), *n};
  }
  rest = path;
  if (consume(rest, "post/") && !rest.empty() && rest.find('/') == std::string_view::npos) return PostRoute{percent_decode(rest)};
  if (path == "search") return has_query ? search_route(query) : SearchRoute{};
  return std::nullopt;
}

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

Route parse_route(std::string_view address) {
  if (address.size() > max_route_bytes) address = address.substr(0, max_route_bytes);
  consume(address, "#");
  const std::string_view asked = address;
  const auto question = address.find('?');
  std::string_view path = address.substr(0, question);
  const std::string_view query = question == std::string_view::npos ? std::string_view{} : address.substr(question + 1);
  consume(path, "/");
  if (!consume_back(path, "/index.html") && path != "index.html") consume_back(path, "/");
  if (path == "index.html" || path == ".") path = {};
  if (auto route = path_route(path, query, question != std::string_view::npos)) return std::move(*route);
  return NotFoundRoute{percent_decode(asked)};
}

std::string to_address(const Route& route) {
  struct Visitor {
    std::string operator()(const ListingRoute& r) const { return r.page > 1 ? page_suffix(r.page) : "./"; }
    std::string operator()(const TagRoute& r) const { return "tag/" + percent_encode_component(r.tag) + "/" + page_suffix(r.page); }
    std::string operator()(const SearchRoute& r) const {
      if (r.query.empty()) return "search/";
      return "search/?q=" + percent_encode_component(r.query) + (r.page > 1 ? "&page=" + std::to_string(r.page) : "");
    }
    std::string operator()(const PostRoute& r) const { return "post/" + percent_encode_component(r.slug) + "/"; }
    std::string operator()(const NotFoundRoute& r) const { return r.path; }
  };
  return std::visit(Visitor{}, route);
}

std::optional<std::string> page_file(const Route& route) {
  if (const auto* search = std::get_if<SearchRoute>(&route); search != nullptr && !search->query.empty()) return std::nullopt;
  if (std::holds_alternative<NotFoundRoute>(route)) return std::nullopt;
  const std::string address = to_address(route);
  if (address == "./") return "index.html";
  const std::string path = percent_decode(address);
  // Each segment between the route's own slashes must be a plain file name.
  std::size_t segments = 0;
  for (const char c : address) segments += c == '/';
  std::size_t decoded_segments = 0;
  for (const char c : path) {
    decoded_segments += c == '/';
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return std::nullopt;
  }
  if (decoded_segments != segments || path.find("/.") != std::string::npos) return std::nullopt;  // no "..", no dotfiles
  return path + "index.html";
}

}  // namespace buildlog
