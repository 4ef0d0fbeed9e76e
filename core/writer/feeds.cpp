#include "feeds.hpp"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <map>
#include <mutex>
#include <span>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "html.hpp"
#include "markdown.hpp"
#include "parallel.hpp"
#include "site_address.hpp"
#include "url_policy.hpp"

namespace buildlog {
namespace {

using html::format;

// Text as XML 1.0 allows it: no C0 control characters but tab and newlines.
// (html::format then escapes &, <, >, " and ' as XML needs too.)
std::string xml_safe(std::string_view text) {
  const auto allowed = [](char c) { return static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r'; };
  if (std::all_of(text.begin(), text.end(), allowed)) return std::string(text);  // nearly always: copied whole
  std::string out;
  out.reserve(text.size());
  std::copy_if(text.begin(), text.end(), std::back_inserter(out), allowed);
  return out;
}

std::string post_url(const Site& site, const PostCard& p) { return site_address(site, PostRoute{p.slug}); }
std::string timestamp(const Date& d) { return to_iso(d) + "T00:00:00Z"; }

// The name a tag's feeds get: its letters and digits, lowercased; "-2" ... when two tags would share one.
std::map<std::string, std::string> tag_file_names(const std::vector<std::string>& tags) {
  std::map<std::string, std::string> names;
  std::map<std::string, int> used;
  for (const auto& tag : tags) {
    std::string name = slugify(tag, 60);
    if (name.empty()) name = "tag";
    const int n = ++used[name];
    names[tag] = "tag-" + name + (n > 1 ? "-" + std::to_string(n) : "");
  }
  return names;
}

struct Feed {
  std::string title;
  std::string xml_path, json_path;  // relative to the site
  std::vector<const SourcePost*> posts;
};

// Each feed post's content as HTML, rendered once however many feeds (a
// post is in the blog's and in each of its tags') and formats carry it.
using FeedContent = std::unordered_map<const SourcePost*, std::string>;

FeedContent render_contents(const Site& site, std::span<const Feed> feeds) {
  FeedContent content;
  for (const Feed& feed : feeds)
    for (const SourcePost* p : feed.posts) content.emplace(p, std::string());
  std::vector<std::pair<const SourcePost* const, std::string>*> todo;
  for (auto& entry : content) todo.push_back(&entry);
  const std::string root = site_root(site);
  parallel_for(todo.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      todo[i]->second = absolute_addresses(render_markdown(todo[i]->first->body, {.allow_raw_html = site.allow_raw_html, .entities = &html_entities()}).str(), root, post_url(site, *todo[i]->first));
  });
  return content;
}

std::string atom(const Site& site, const Feed& feed, const FeedContent& contents) {
  const std::string base = site_root(site);
  Html entries;
  for (const SourcePost* p : feed.posts) {
    const std::string link = post_url(site, *p);
    const std::string& content = contents.at(p);
    const Html author = p->author.empty() ? Html{} : format("<author><name>{}</name></author>", xml_safe(p->author));
    entries += format("<entry><title>{}</title><link rel=\"alternate\" type=\"text/html\" href=\"{}\"/><id>{}</id><published>{}</published><updated>{}</updated>"
                      "{}<summary>{}</summary>{}<content type=\"html\">{}</content></entry>\n",
                      xml_safe(p->title), link, link, timestamp(p->date), timestamp(p->updated.value_or(p->date)), author, xml_safe(p->summary),
                      html::join(p->tags, [](const std::string& t) { return format("<category term=\"{}\"/>", xml_safe(t)); }), xml_safe(content));
  }
  const std::string updated = feed.posts.empty() ? "1970-01-01T00:00:00Z" : timestamp(feed.posts.front()->date);
  const std::string author = site.author.empty() ? site.title : site.author;
  return format("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"{}\">\n<title>{}</title><subtitle>{}</subtitle>"
                "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/><link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/><id>{}</id>"
                "<updated>{}</updated><author><name>{}</name></author><generator>buildlog</generator>\n{}</feed>\n",
                base, xml_safe(feed.title), xml_safe(site.tagline), base, base + feed.xml_path, base + feed.xml_path, updated, xml_safe(author), entries)
      .str();
}

std::string json_feed(const Site& site, const Feed& feed, const FeedContent& contents) {
  using ordered = nlohmann::ordered_json;
  const std::string base = site_root(site);
  ordered items = ordered::array();
  for (const SourcePost* p : feed.posts) {
    const std::string link = post_url(site, *p);
    items.push_back({{"id", link},
                     {"url", link},
                     {"title", p->title},
                     {"summary", p->summary},
                     {"content_html", contents.at(p)},
                     {"date_published", timestamp(p->date)},
                     {"tags", p->tags}});
    if (p->updated) items.back()["date_modified"] = timestamp(*p->updated);
    if (!p->author.empty()) items.back()["authors"] = ordered::array({{{"name", p->author}}});
  }
  ordered root = {{"version", "https://jsonfeed.org/version/1.1"}, {"title", feed.title}, {"home_page_url", base}, {"feed_url", base + feed.json_path}};
  if (!site.tagline.empty()) root["description"] = site.tagline;
  if (!site.author.empty()) root["authors"] = ordered::array({{{"name", site.author}}});
  root["items"] = std::move(items);
  return root.dump(1, ' ', false, ordered::error_handler_t::replace) + "\n";
}

std::vector<Feed> feeds_of(const Bundle& blog) {
  std::vector<const SourcePost*> published;
  for (const SourcePost& p : blog.posts)
    if (p.status == Status::published && !p.is_private) published.push_back(&p);
  std::sort(published.begin(), published.end(), [](const SourcePost* a, const SourcePost* b) { return comes_before(*a, *b); });
  std::vector<Feed> feeds;
  feeds.push_back({blog.site.title, "feed.xml", "feed.json", {}});
  std::map<std::string, std::vector<const SourcePost*>> by_tag;  // sorted by tag, as tag_feeds() names them
  for (const SourcePost* p : published) {
    if (feeds[0].posts.size() < feed_posts) feeds[0].posts.push_back(p);
    for (const auto& t : p->tags)
      if (auto& list = by_tag[t]; list.size() < feed_posts) list.push_back(p);
  }
  const auto names = tag_feeds(blog);
  for (auto& [tag, posts] : by_tag) feeds.push_back({blog.site.title + " · " + tag, names.at(tag) + ".xml", names.at(tag) + ".json", std::move(posts)});
  return feeds;
}

}  // namespace

std::string absolute_addresses(std::string_view html, std::string_view root, std::string_view post) {
  std::string out;
  out.reserve(html.size() + 256);
  const std::string_view origin = split_address(root).origin;
  constexpr std::string_view href_at = " href=\"", src_at = " src=\"";
  std::size_t at = 0, href = html.find(href_at), src = html.find(src_at);  // each searched for again only once passed
  for (;;) {
    const std::size_t attribute = std::min(href, src);
    if (attribute == std::string_view::npos) break;
    const bool is_href = attribute == href;
    const std::size_t value = attribute + (is_href ? href_at : src_at).size();
    out.append(html.substr(at, value - at));
    const std::string_view address = html.substr(value, html.find('"', value) - value);
    if (address.starts_with('#')) out += post;  // a footnote or heading of the post itself
    else if (address.starts_with("//") || has_scheme(address)) {
    } else if (address.starts_with('/')) out += origin;
    else out += root;  // the site's pages resolve links from its root (their <base href>)
    at = value;
    (is_href ? href : src) = html.find(is_href ? href_at : src_at, at);
  }
  out.append(html.substr(at));
  return out;
}

std::map<std::string, std::string> tag_feeds(const Bundle& blog) {
  std::vector<std::string> tags;
  for (const SourcePost& p : blog.posts)
    if (p.status == Status::published && !p.is_private) tags.insert(tags.end(), p.tags.begin(), p.tags.end());
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  auto names = tag_file_names(tags);
  for (auto& [tag, name] : names) name = "feeds/" + name;
  return names;
}

std::string write_feeds(const Bundle& blog, const SiteFileSink& sink) {
  if (blog.site.url.empty()) return {};
  const std::vector<Feed> feeds = feeds_of(blog);
  const FeedContent contents = render_contents(blog.site, feeds);
  std::mutex failed_mutex;
  std::string failed;
  std::atomic<bool> stop = false;
  parallel_for(feeds.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end && !stop; ++i) {
      std::string error = sink({feeds[i].xml_path, atom(blog.site, feeds[i], contents)});
      if (error.empty()) error = sink({feeds[i].json_path, json_feed(blog.site, feeds[i], contents)});
      if (error.empty()) continue;
      const std::lock_guard lock(failed_mutex);
      if (failed.empty()) failed = std::move(error);
      stop = true;
      return;
    }
  });
  return failed;
}

bool is_feed_file(std::string_view path) {
  if (path == "feed.xml" || path == "feed.json") return true;
  constexpr std::string_view folder = "feeds/";
  return path.starts_with(folder) && path.find('/', folder.size()) == std::string_view::npos && (path.ends_with(".xml") || path.ends_with(".json"));
}

std::optional<std::string> feed_file(const Bundle& blog, std::string_view path) {
  if (blog.site.url.empty() || !is_feed_file(path)) return std::nullopt;
  const std::vector<Feed> feeds = feeds_of(blog);
  const auto it = std::find_if(feeds.begin(), feeds.end(), [&](const Feed& f) { return path == f.xml_path || path == f.json_path; });
  if (it == feeds.end()) return std::nullopt;
  const FeedContent contents = render_contents(blog.site, std::span(&*it, 1));
  return path == it->xml_path ? atom(blog.site, *it, contents) : json_feed(blog.site, *it, contents);
}

Html feed_links(const Bundle& blog, std::string_view tag, std::string_view tag_feed) {
  if (blog.site.url.empty()) return {};
  Html links = format("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{}\" href=\"feed.xml\">\n"
                      "<link rel=\"alternate\" type=\"application/feed+json\" title=\"{}\" href=\"feed.json\">\n",
                      blog.site.title, blog.site.title);
  if (!tag_feed.empty())
    links += format("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{} · {}\" href=\"{}.xml\">\n"
                    "<link rel=\"alternate\" type=\"application/feed+json\" title=\"{} · {}\" href=\"{}.json\">\n",
                    blog.site.title, tag, tag_feed, blog.site.title, tag, tag_feed);
  return links;
}

}  // namespace buildlog
