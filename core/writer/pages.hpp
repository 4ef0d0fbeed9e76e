// The site's pages: every view the engine renders, prerendered natively by
// the same view code (views.hpp) into the page template (web/index.html),
// each with a head of its own (title, description, canonical address, link
// previews, feeds). A reader sees the content at once, with or without
// JavaScript; the engine then finds the same HTML in the page and takes over.
// Also what crawlers read: 404.html, sitemap.xml and robots.txt.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bundle_writer.hpp"
#include "site_file.hpp"

namespace buildlog {

// The page template, cut at its three marked places:
//   <base href="./">                          the site's root, per page
//   <!--page-head-->...<!--/page-head-->      the page's title and head tags
//   <!--page-body-->...<!--/page-body-->      the view, inside <div id="app">
// What the markers hold in the template is what a page without a build shows.
struct PageTemplate {
  std::string to_base, to_head, to_body, rest;

  // nullopt with `error` set when a marked place is missing.
  static std::optional<PageTemplate> parse(std::string_view html, std::string& error);
  // The page with its places filled.
  std::string fill(std::string_view base, std::string_view head, std::string_view body) const;
};

// The page's files get names from their content ("assets/engine.0123456789abcdef.wasm"),
// so hosts may cache them forever and a page never mixes an old engine with a new one.
struct Asset {
  std::string name;    // as the template names it: "engine.wasm"
  std::string hashed;  // in the site: "assets/engine.0123456789abcdef.wasm"
};
Asset hashed_asset(std::string_view name, std::string_view bytes);

// `html` with every double-quoted reference to an asset's name made its hashed name.
std::string with_asset_names(std::string html, const std::vector<Asset>& assets);

// Every page of `blog` (as split into `bundle`): the listing and its pages,
// each tag and its pages, each post (published or still to come), the
// search page, 404.html; then sitemap.xml (with the site's url) and
// robots.txt. Made in parallel and handed to `sink` one by one as they are
// made, so that no more than a few are held at once; the same blog gives
// the same bytes. The parts the split's sink took (SplitBundle::parts_sunk)
// come from `source`. Returns the problems: the sink's first error (the
// rest of the pages are then not made), or a part the views could not read
// (a bug in the writer).
Problems render_pages(const Bundle& blog, const SplitBundle& bundle, const PageTemplate& page, const SiteFileSink& sink, const PartSource* source = nullptr);

// The one page of `blog` whose file is `file` ("index.html",
// "post/saga/index.html", "404.html", "sitemap.xml", "robots.txt"), byte for
// byte as render_pages makes it; nullopt when the blog has no such file. For
// the author's preview, which makes a page when the browser asks for it
// instead of every page per save.
std::optional<std::string> render_page(const Bundle& blog, const SplitBundle& bundle, const PageTemplate& page, std::string_view file);

}  // namespace buildlog
