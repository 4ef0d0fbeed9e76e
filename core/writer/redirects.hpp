// Old addresses that keep working: a post moved from Jekyll or Hugo keeps the
// addresses it had there (front matter permalink, aliases, redirect_from,
// Hugo's url), each a small page a static host serves at that address,
// sending readers (and, by its canonical link, search engines) to the post.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bundle_writer.hpp"
#include "site_file.hpp"

namespace buildlog {

// The file a static host serves at `address`, relative to the site's
// folder: "/2019/05/12/old.html" -> "2019/05/12/old.html"; "/posts/old/"
// and "/posts/old" -> "posts/old/index.html". nullopt, with `why` set, for an
// address no file can stand for (another host, "..", a dot-file, a query)
// or one the site itself uses (its listing pages, tags, search, assets,
// bundle, feeds).
std::optional<std::string> redirect_file(std::string_view address, std::string& why);

// The redirect pages of every post in `blog` (a build's selection: private
// posts are not there, so their old addresses are not published either).
std::vector<SiteFile> redirect_pages(const Bundle& blog);

// Whether `bytes` is a page redirect_pages writes: a build removes only
// those of its earlier redirects, never a file it did not write.
bool is_redirect_page(std::string_view bytes);

}  // namespace buildlog
