// Absolute addresses of a site's views, from the blog's address in site.yaml
// (`url`): feeds, canonical links, link previews and the sitemap need them.
#pragma once

#include <string>
#include <string_view>

#include "route.hpp"
#include "site.hpp"

namespace buildlog {

// The blog's address with one trailing slash ("https://example.org/blog/");
// empty when site.yaml has no url.
inline std::string site_root(const Site& site) {
  if (site.url.empty()) return {};
  return site.url.ends_with('/') ? site.url : site.url + "/";
}

// An absolute address's origin and path: "https://example.org/blog/" is
// {"https://example.org", "/blog/"}; the path is "/" when it has none.
struct AddressParts {
  std::string_view origin, path;
};
inline AddressParts split_address(std::string_view address) {
  const auto scheme = address.find("://");
  const auto slash = scheme == std::string_view::npos ? std::string_view::npos : address.find('/', scheme + 3);
  if (slash == std::string_view::npos) return {address, "/"};
  return {address.substr(0, slash), address.substr(slash)};
}

// The absolute address of `route` ("https://example.org/blog/post/saga/"); empty without a url.
inline std::string site_address(const Site& site, const Route& route) {
  const std::string root = site_root(site);
  if (root.empty()) return {};
  const std::string address = to_address(route);
  return address == "./" ? root : root + address;
}

}  // namespace buildlog
