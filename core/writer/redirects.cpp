#include "redirects.hpp"

#include <algorithm>

#include "html.hpp"
#include "route.hpp"
#include "site_address.hpp"

namespace buildlog {
namespace {

// The first line of every redirect page: how a later build knows its own.
constexpr std::string_view marker = "<!doctype html><!-- buildlog: an old address of a post -->\n";

// Top-level names the site's own files and folders use.
constexpr std::string_view reserved[] = {"index.html", "404.html", "posts.json", "feed.xml", "feed.json", "sitemap.xml", "robots.txt",
                                         "assets",     "posts",    "feeds",      "page",     "tag",       "search"};

bool safe_segment(std::string_view segment) {
  if (segment.empty() || segment.front() == '.') return false;
  return std::none_of(segment.begin(), segment.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\' || c == '?' || c == '#' || c == '%' || c == '"' || c == '<' || c == '>';
  });
}

}  // namespace

std::optional<std::string> redirect_file(std::string_view address, std::string& why) {
  if (address.find("://") != std::string_view::npos || address.starts_with("//")) {
    why = "it is on another host: only addresses on this site can be kept";
    return std::nullopt;
  }
  while (address.starts_with('/')) address.remove_prefix(1);
  if (address.empty()) {
    why = "it is the site's front page";
    return std::nullopt;
  }
  std::string file(address);
  const bool folder = file.ends_with('/');
  if (folder) file.pop_back();
  std::vector<std::string_view> segments;
  for (std::string_view rest = file; !rest.empty();) {
    const auto slash = rest.find('/');
    segments.push_back(rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  }
  if (segments.empty() || !std::all_of(segments.begin(), segments.end(), safe_segment)) {
    why = "a file cannot stand for it (each part must be a name: no '..', no leading '.', no '?', '#' or '%')";
    return std::nullopt;
  }
  const std::string top(segments.front());
  // "/old.html" is that file; "/old" and "/old/" are a folder's index.html, as hosts serve them.
  if (folder || !(segments.back().ends_with(".html") || segments.back().ends_with(".htm"))) file += "/index.html";
  if (std::find(std::begin(reserved), std::end(reserved), top) != std::end(reserved) || file == "index.html") {
    why = "the site uses that address itself";
    return std::nullopt;
  }
  return file;
}

std::vector<SiteFile> redirect_pages(const Bundle& blog) {
  std::vector<SiteFile> pages;
  for (const SourcePost& post : blog.posts)
    for (const auto& old : post.old_addresses) {
      std::string why;
      const auto file = redirect_file(old.address, why);
      if (!file) continue;  // the author tool reported it
      // From the page's folder back to the site's root, then to the post.
      std::string target;
      for (std::size_t depth = static_cast<std::size_t>(std::count(file->begin(), file->end(), '/')); depth > 0; --depth) target += "../";
      target += to_address(PostRoute{post.slug});
      const std::string absolute = site_address(blog.site, PostRoute{post.slug});
      const Html page = html::format(
          "<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\n<link rel=\"canonical\" href=\"{}\">\n"
          "<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={}\">\n</head>\n"
          "<body><p>This post is now at <a href=\"{}\">{}</a>.</p></body></html>\n",
          post.title, absolute.empty() ? target : absolute, target, target, post.title);
      pages.push_back({*file, std::string(marker) + page.str()});
    }
  return pages;
}

bool is_redirect_page(std::string_view bytes) { return bytes.starts_with(marker); }

}  // namespace buildlog
