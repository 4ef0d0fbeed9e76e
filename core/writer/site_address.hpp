// Absolute addresses of a site's views, from the blog's address in site.yaml
// (`url`): feeds, canonical links, link previews and the sitemap need them.
#pragma once

#include <string>

#include "route.hpp"
#include "site.hpp"

namespace buildlog {

// The blog's address with one trailing slash ("https://example.org/blog/");
// empty when site.yaml has no url.
inline std::string site_root(const Site& site) {
  if (site.url.empty()) return {};
  return site.url.ends_with('/') ? site.url : site.url + "/";
}

// The absolute address of `route` ("https://example.org/blog/post/saga/"); empty without a url.
inline std::string site_address(const Site& site, const Route& route) {
  const std::string root = site_root(site);
  if (root.empty()) return {};
  const std::string address = to_address(route);
  return address == "./" ? root : root + address;
}

}  // namespace buildlog
