#include "pages.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <unordered_map>

#include "catalog.hpp"
#include "feeds.hpp"
#include "html.hpp"
#include "parallel.hpp"
#include "site_address.hpp"
#include "url_policy.hpp"
#include "views.hpp"

namespace buildlog {
namespace {

using html::format;

constexpr std::string_view base_place = "<base href=\"./\">";
constexpr std::string_view head_open = "<!--page-head-->", head_close = "<!--/page-head-->";
constexpr std::string_view body_open = "<!--page-body-->", body_close = "<!--/page-body-->";

// The bundle's parts by name, to hand a catalog what a view asks for: those
// the split held, else those its sink took, read back.
class PartIndex {
 public:
  PartIndex(const SplitBundle& bundle, const PartSource* source) : source_(source) {
    for (const Part& p : bundle.parts) held_.emplace(p.name, p.bytes);
  }
  // Gives the part's bytes to `use`; false when there is no such part.
  template <class Use>
  bool with(const std::string& name, Use&& use) const {
    if (const auto it = held_.find(name); it != held_.end()) return use(it->second), true;
    if (source_ == nullptr) return false;
    const auto bytes = (*source_)(name);
    if (bytes) use(std::string_view(*bytes));
    return bytes.has_value();
  }

 private:
  std::unordered_map<std::string_view, std::string_view> held_;
  const PartSource* source_;
};

// The view for `route` once every part it needs is in `catalog`: the page's
// own loop (web/shim.js), with the parts at hand instead of fetched.
Page render_whole(Catalog& catalog, const Route& route, const PartIndex& parts, Problems& problems) {
  for (int round = 0; round < 8; ++round) {
    Page page = render_view(catalog, route);
    if (page.needs.empty()) return page;
    for (const auto& name : page.needs) {
      const bool found = parts.with(name, [&](std::string_view bytes) {
        for (auto& p : catalog.provide(name, bytes)) problems.push_back(std::move(p));
      });
      if (!found) {
        problems.push_back({name, "is named by the bundle but was not written"});
        catalog.fail(name, "was not written");
      }
    }
  }
  problems.push_back({to_address(route), "the view still needs parts after every one it asked for was provided"});
  return {};
}

// One page of the site: a view's route and what its head says about it.
struct PageSpec {
  Route route;
  std::string file;                  // "post/saga/index.html"
  const SourcePost* post = nullptr;  // for a post's page
  std::string description;
  bool indexed = true;  // false: crawlers are asked not to index it (search, 404)
};

// A list's pages, page 1 even when it is empty (views.hpp).
std::size_t pages_of(std::size_t items, std::size_t per_page) { return std::max<std::size_t>(1, page_count(items, per_page)); }

std::string plural(std::size_t n, std::string_view one, std::string_view many) { return std::to_string(n) + " " + std::string(n == 1 ? one : many); }

std::vector<PageSpec> page_specs(const Bundle& blog, const Entry& entry) {
  const Site& site = blog.site;
  const std::string about = site.tagline.empty() ? site.title : site.tagline;
  std::vector<PageSpec> specs;
  auto add = [&](Route route, std::string description, const SourcePost* post = nullptr, bool indexed = true) {
    if (auto file = page_file(route)) specs.push_back({std::move(route), std::move(*file), post, std::move(description), indexed});
  };
  const std::size_t listing_pages = pages_of(entry.published.count, entry.page_size);
  for (std::size_t n = 1; n <= listing_pages; ++n)
    add(ListingRoute{n}, n == 1 ? about : "Page " + std::to_string(n) + " of " + plural(entry.published.count, "post", "posts") + " on " + site.title + ".");
  for (const TagEntry& t : entry.tags) {
    const std::size_t pages = pages_of(t.published.count, entry.page_size);
    for (std::size_t n = 1; n <= pages; ++n)
      add(TagRoute{t.tag, n}, plural(static_cast<std::size_t>(t.posts), "post", "posts") + " tagged “" + t.tag + "” on " + site.title + ".");
  }
  for (const SourcePost& p : blog.posts) add(PostRoute{p.slug}, p.summary.empty() ? p.title : p.summary, &p);
  add(SearchRoute{}, "Search " + site.title + ".", nullptr, false);
  return specs;
}

// "/blog/" for "https://example.org/blog/": where 404.html finds the site's
// root from any address (a host serves it for every missing one). "/" without a url.
std::string root_path(const Site& site) { return std::string(split_address(site_root(site)).path); }

// "../../" for "post/saga/index.html": the root, relative to the page.
std::string relative_root(std::string_view file) {
  std::string base;
  for (const char c : file)
    if (c == '/') base += "../";
  return base.empty() ? "./" : base;
}

// An image for link previews, as an absolute address; empty when it has none
// or cannot be made absolute (a relative one without the site's url).
std::string preview_image(const Site& site, const SourcePost* post) {
  if (post == nullptr || post->image.empty() || !is_safe_url(post->image)) return {};
  if (post->image.starts_with("https://") || post->image.starts_with("http://")) return post->image;
  const std::string root = site_root(site);
  if (root.empty() || post->image.find(':') != std::string::npos || post->image.starts_with("//")) return {};
  return root + std::string(post->image.starts_with('/') ? post->image.substr(1) : post->image);
}

Html head(const Bundle& blog, const PageSpec& spec, const std::string& title, const std::map<std::string, std::string>& tag_feed_names) {
  const Site& site = blog.site;
  const std::string address = std::holds_alternative<NotFoundRoute>(spec.route) ? std::string() : site_address(site, spec.route);
  const SourcePost* post = spec.post;
  const bool article = post != nullptr && post->status == Status::published;
  Html out = format("<title>{}</title>\n<meta name=\"description\" content=\"{}\">\n", title, spec.description);
  if (!spec.indexed) out += format("<meta name=\"robots\" content=\"noindex\">\n");
  if (!address.empty()) out += format("<link rel=\"canonical\" href=\"{}\">\n<meta property=\"og:url\" content=\"{}\">\n", address, address);
  out += format(
      "<meta property=\"og:type\" content=\"{}\">\n<meta property=\"og:site_name\" content=\"{}\">\n"
      "<meta property=\"og:title\" content=\"{}\">\n<meta property=\"og:description\" content=\"{}\">\n",
      article ? "article" : "website", site.title, post != nullptr ? post->title : title, spec.description);
  if (article) {
    out += format("<meta property=\"article:published_time\" content=\"{}\">\n", to_iso(post->date));
    if (post->updated) out += format("<meta property=\"article:modified_time\" content=\"{}\">\n", to_iso(*post->updated));
    if (const std::string& author = post->author.empty() ? site.author : post->author; !author.empty())
      out += format("<meta property=\"article:author\" content=\"{}\">\n", author);
    for (const auto& tag : post->tags) out += format("<meta property=\"article:tag\" content=\"{}\">\n", tag);
  }
  const std::string image = preview_image(site, post);
  if (!image.empty()) out += format("<meta property=\"og:image\" content=\"{}\">\n", image);
  out += format("<meta name=\"twitter:card\" content=\"{}\">\n<meta name=\"twitter:title\" content=\"{}\">\n<meta name=\"twitter:description\" content=\"{}\">\n",
                image.empty() ? "summary" : "summary_large_image", post != nullptr ? post->title : title, spec.description);
  const auto* tag = std::get_if<TagRoute>(&spec.route);
  const auto feed = tag == nullptr ? tag_feed_names.end() : tag_feed_names.find(tag->tag);
  return out + (feed == tag_feed_names.end() ? feed_links(blog) : feed_links(blog, tag->tag, feed->second));
}

std::string sitemap(const Site& site, const std::vector<PageSpec>& specs) {
  Html urls;
  for (const PageSpec& spec : specs) {
    if (!spec.indexed) continue;
    const Html lastmod = spec.post != nullptr && spec.post->status == Status::published ? format("<lastmod>{}</lastmod>", to_iso(spec.post->updated.value_or(spec.post->date))) : Html{};
    urls += format("<url><loc>{}</loc>{}</url>\n", site_address(site, spec.route), lastmod);
  }
  return format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n{}</urlset>\n", urls).str();
}

std::string robots(const Site& site) {
  std::string out = "User-agent: *\nAllow: /\n";
  if (!site.url.empty()) out += "\nSitemap: " + site_root(site) + "sitemap.xml\n";
  return out;
}

}  // namespace

std::optional<PageTemplate> PageTemplate::parse(std::string_view html, std::string& error) {
  const auto base = html.find(base_place);
  const auto head = html.find(head_open);
  const auto head_end = html.find(head_close);
  const auto body = html.find(body_open);
  const auto body_end = html.find(body_close);
  for (const auto& [at, what] : {std::pair{base, base_place}, std::pair{head, head_open}, std::pair{head_end, head_close}, std::pair{body, body_open},
                                 std::pair{body_end, body_close}})
    if (at == std::string_view::npos) {
      error = "the page template has no " + std::string(what);
      return std::nullopt;
    }
  if (!(base < head && head < head_end && head_end < body && body < body_end)) {
    error = "the page template's marked places are out of order (base, head, body)";
    return std::nullopt;
  }
  return PageTemplate{std::string(html.substr(0, base)), std::string(html.substr(base + base_place.size(), head - base - base_place.size())),
                      std::string(html.substr(head_end + head_close.size(), body - head_end - head_close.size())),
                      std::string(html.substr(body_end + body_close.size()))};
}

std::string PageTemplate::fill(std::string_view base, std::string_view head, std::string_view body) const {
  std::string out;
  out.reserve(to_base.size() + to_head.size() + to_body.size() + rest.size() + base.size() + head.size() + body.size() + 16);
  out.append(to_base).append(format("<base href=\"{}\">", base).str()).append(to_head).append(head).append(to_body).append(body).append(rest);
  return out;
}

Asset hashed_asset(std::string_view name, std::string_view bytes) {
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(content_hash(bytes)));
  const auto dot = name.rfind('.');
  const std::string_view stem = name.substr(0, dot), ext = dot == std::string_view::npos ? std::string_view{} : name.substr(dot);
  return {std::string(name), "assets/" + std::string(stem) + "." + hash + std::string(ext)};
}

std::string with_asset_names(std::string html, const std::vector<Asset>& assets) {
  for (const Asset& a : assets) {
    const std::string from = "\"" + a.name + "\"", to = "\"" + a.hashed + "\"";
    for (auto at = html.find(from); at != std::string::npos; at = html.find(from, at + to.size())) html.replace(at, from.size(), to);
  }
  return html;
}

namespace {

// What every page's making needs from the blog, made once.
struct PageMaker {
  const Bundle& blog;
  const PageTemplate& page;
  PartIndex parts;
  std::map<std::string, std::string> tag_feed_names;

  PageMaker(const Bundle& blog_, const SplitBundle& bundle, const PageTemplate& page_, const PartSource* source = nullptr)
      : blog(blog_), page(page_), parts(bundle, source), tag_feed_names(tag_feeds(blog_)) {}
  // The page of `spec`, its root at `base` (relative_root(spec.file) but for 404.html).
  std::string make(Catalog& catalog, const PageSpec& spec, std::string_view base, Problems& problems) const {
    const Page view = render_whole(catalog, spec.route, parts, problems);
    return page.fill(base, head(blog, spec, view.title, tag_feed_names).str(), view.body.str());
  }
};

// The not-found page, for any address a host has no file for: its root is absolute.
const PageSpec not_found_spec{NotFoundRoute{}, "404.html", nullptr, "Nothing lives at this address.", false};

}  // namespace

std::optional<std::string> render_page(const Bundle& blog, const SplitBundle& bundle, const PageTemplate& page, std::string_view file) {
  if (file == "robots.txt") return robots(blog.site);
  const bool map = file == "sitemap.xml";
  if (!file.ends_with(".html") && !map) return std::nullopt;  // no other file is a page; no need to read the bundle
  auto loaded = load_entry(bundle.entry);
  if (!loaded.entry) return std::nullopt;
  if (map) return blog.site.url.empty() ? std::nullopt : std::optional(sitemap(blog.site, page_specs(blog, *loaded.entry)));
  const bool missing = file == not_found_spec.file;
  const std::vector<PageSpec> specs = missing ? std::vector<PageSpec>{not_found_spec} : page_specs(blog, *loaded.entry);
  const auto spec = std::find_if(specs.begin(), specs.end(), [&](const PageSpec& s) { return s.file == file; });
  if (spec == specs.end()) return std::nullopt;
  Catalog catalog(*loaded.entry);
  Problems problems;
  std::string made = PageMaker(blog, bundle, page).make(catalog, *spec, missing ? root_path(blog.site) : relative_root(spec->file), problems);
  if (!problems.empty()) return std::nullopt;
  return made;
}

Problems render_pages(const Bundle& blog, const SplitBundle& bundle, const PageTemplate& page, const SiteFileSink& sink, const PartSource* source) {
  auto loaded = load_entry(bundle.entry);
  if (!loaded.entry) return std::move(loaded.problems);
  const PageMaker maker(blog, bundle, page, source);
  const std::vector<PageSpec> specs = page_specs(blog, *loaded.entry);

  // Each worker renders ranges of consecutive pages (a post's neighbours
  // share its parts) with a catalog of its own, filled as the views ask.
  // Every so often it forgets the posts and lists it holds, so that it
  // never holds every post's body, and keeps the slug shards: a catalog
  // made afresh read each shard again, 4% of a build's time at 10,000 posts.
  constexpr std::size_t forget_every = 256;  // pages
  std::mutex failed_mutex;
  Problems failed;
  std::atomic<bool> stop = false;
  const auto fail = [&](Problems problems) {
    const std::lock_guard lock(failed_mutex);
    failed.insert(failed.end(), std::make_move_iterator(problems.begin()), std::make_move_iterator(problems.end()));
    stop = true;
  };
  std::vector<std::optional<Catalog>> catalogs(parallel_workers());  // by worker
  std::vector<std::size_t> made_by(catalogs.size(), 0);
  parallel_for(specs.size(), [&](std::size_t begin, std::size_t end, std::size_t worker) {
    std::optional<Catalog>& catalog = catalogs[worker];
    if (!catalog) catalog.emplace(*loaded.entry);
    for (std::size_t i = begin; i < end && !stop; ++i) {
      if (++made_by[worker] % forget_every == 0) catalog->forget_posts_and_lists();
      Problems problems;
      std::string made = maker.make(*catalog, specs[i], relative_root(specs[i].file), problems);
      if (!problems.empty()) return fail(std::move(problems));
      std::string error = sink({specs[i].file, std::move(made)});
      if (!error.empty()) return fail({{specs[i].file, std::move(error)}});
    }
  });
  if (!failed.empty()) return failed;

  Catalog catalog(*loaded.entry);
  Problems problems;
  std::string missing = maker.make(catalog, not_found_spec, root_path(blog.site), problems);
  if (!problems.empty()) return problems;
  std::vector<SiteFile> rest{{not_found_spec.file, std::move(missing)}};
  if (!blog.site.url.empty()) rest.push_back({"sitemap.xml", sitemap(blog.site, specs)});
  rest.push_back({"robots.txt", robots(blog.site)});
  for (auto& file : rest) {
    std::string path = file.path;
    if (std::string error = sink(std::move(file)); !error.empty()) return {{path, std::move(error)}};
  }
  return {};
}

}  // namespace buildlog
