#include "views.hpp"

#include <algorithm>

#include "markdown.hpp"
#include "search.hpp"
#include "search_query.hpp"
#include "snippet.hpp"

namespace buildlog {
namespace {

using html::format;

std::string page_title(const Catalog& blog, std::string_view view) {
  const std::string& site = blog.entry().site.title;
  return view.empty() ? site : std::string(view) + " — " + site;
}

Html tag_list(const PostCard& p) {
  if (p.tags.empty()) return {};
  Html out = format("<ul class=\"tag-list\" aria-label=\"Tags\">");
  for (const std::string& t : p.tags) html::format_to(out, "<li><a class=\"tag\" href=\"{}\">{}</a></li>", to_address(TagRoute{t}), t);
  html::format_to(out, "</ul>");
  return out;
}

Html post_link(const PostCard& p) { return format("<a href=\"{}\">{}</a>", to_address(PostRoute{p.slug}), p.title); }

Html progress_bar(const PostCard& p) {
  return format("<progress max=\"100\" value=\"{}\" aria-label=\"{}% written\"></progress><span class=\"pct\">{}%</span>",
                p.progress, p.progress, p.progress);
}

// Only in the author's preview: why readers do not see the post.
Html preview_badge(const PostCard& p) {
  return p.preview_note.empty() ? Html{} : format("<span class=\"badge badge-preview\">{} · preview only</span>", p.preview_note);
}

Html meta_line(const PostCard& p, bool long_form) {
  return format("<p class=\"meta\">{}<time datetime=\"{}\">{}</time><span class=\"reading\"><span aria-hidden=\"true\">⏱ </span>{} min read</span></p>",
                preview_badge(p), to_iso(p.date), long_form ? long_date(p.date) : month_and_year(p.date), p.reading_minutes);
}


Html card(const PostCard& p) {
  if (p.status == Status::published)
    return format("<article class=\"card\">{}<h3>{}</h3><p class=\"summary\">{}</p>{}</article>", meta_line(p, false),
                  post_link(p), p.summary, tag_list(p));
  // "Coming soon", then the title with its state (how far along is the post's own page and "Currently writing").
  const Html badge = p.status == Status::in_progress ? format("<span class=\"badge\">in progress</span>")
                                                     : format("<span class=\"badge badge-planned\">planned</span>");
  return format("<article class=\"card card-soon\"><p class=\"meta\">{}<span class=\"soon-label\">Coming soon</span></p><h3>{} {}</h3><p class=\"summary\">{}</p>{}</article>",
                preview_badge(p), post_link(p), badge, p.summary, tag_list(p));
}

// One function for every list of cards, whatever shape its posts have: one
// copy of it in the engine.
Html cards(const std::vector<const PostCard*>& posts) {
  return format("<div class=\"cards\">{}</div>", html::join(posts, [](const PostCard* p) { return card(*p); }));
}

// The first `n` of `posts`, for cards().
template <class Record>
std::vector<const PostCard*> card_list(const std::vector<Record>& posts, std::size_t n = SIZE_MAX) {
  std::vector<const PostCard*> out;
  for (std::size_t i = 0; i < posts.size() && i < n; ++i) out.push_back(&posts[i]);
  return out;
}

Html search_box(std::string_view query) {
  return format(
      "<form class=\"search\" role=\"search\" action=\"search/\" data-search>"
      "<label class=\"visually-hidden\" for=\"search-input\">Search posts</label>"
      "<input id=\"search-input\" type=\"search\" name=\"q\" value=\"{}\" placeholder=\"Search posts…\" autocomplete=\"off\" "
      "spellcheck=\"false\" enterkeyhint=\"search\"></form>",
      query);
}

Html masthead(const Catalog& blog, std::string_view query, bool title_is_heading) {
  const Site& s = blog.entry().site;
  const auto last_published = blog.last_published();
  const Html last = last_published ? format("<li>Last post: <strong>{}</strong></li>", month_and_year(*last_published))
                                        : format("<li>Nothing published yet</li>");
  const Html note = s.note.empty() ? Html{} : format("<p class=\"site-note\">{}</p>", s.note);
  const Html title = title_is_heading ? format("<h1 class=\"site-title\"><a href=\"./\">{}</a></h1>", s.title)
                                      : format("<p class=\"site-title\"><a href=\"./\">{}</a></p>", s.title);
  return format(
      "<a class=\"skip-link\" href=\"#main\" data-focus=\"main\">Skip to content</a>"
      "<header class=\"masthead\"><div class=\"masthead-top\"><p class=\"kicker\">{}</p>{}</div>{}"
      "<p class=\"tagline\">{}</p>"
      "<ul class=\"stats\"><li><strong>{}</strong> published</li><li><strong>{}</strong> in progress</li>{}</ul>{}</header>",
      s.kicker, search_box(query), title, s.tagline, blog.entry().published.count, blog.entry().in_progress, last, note);
}

Html footer(const Catalog& blog) {
  const Site& s = blog.entry().site;
  const Html by = s.author.empty() ? Html{} : format("by {} · ", s.author);
  return format("<footer class=\"site-footer\"><p>{}made with buildlog</p></footer>", by);
}

Page layout(const Catalog& blog, std::string title, std::string_view query, bool title_is_heading, const Html& main) {
  return {std::move(title),
          format("{}<main id=\"main\" tabindex=\"-1\">{}</main>{}", masthead(blog, query, title_is_heading), main, footer(blog)),
          true,
          {}};
}

Html tag_nav(const Catalog& blog, std::string_view current) {
  if (blog.entry().tags.empty()) return {};
  return format("<nav class=\"tag-nav\" aria-labelledby=\"tags-heading\"><h2 id=\"tags-heading\">Tags</h2><ul>{}</ul></nav>",
                html::join(blog.entry().tags, [&](const TagEntry& t) {
                  const Html current_attr = t.tag == current ? format(" aria-current=\"page\"") : Html{};
                  return format("<li><a class=\"tag\" href=\"{}\"{}>{} <span class=\"count\">{}</span></a></li>", to_address(TagRoute{t.tag}),
                                current_attr, t.tag, t.posts);
                }));
}

// The listing keeps what is still being written short: the most written few.
constexpr std::size_t shown_in_progress = 5;
constexpr std::size_t shown_coming_soon = 6;

Html currently_writing(const Catalog& blog) {
  std::vector<const PostCard*> writing;
  for (const PostCard& p : blog.entry().first_upcoming)
    if (p.status == Status::in_progress && writing.size() < shown_in_progress) writing.push_back(&p);
  if (writing.empty()) return {};
  return format(
      "<section class=\"writing\" aria-labelledby=\"writing-heading\"><h2 id=\"writing-heading\">Currently writing</h2><ul class=\"progress-list\">{}</ul></section>",
      html::join(writing, [](const PostCard* p) { return format("<li>{}{}</li>", post_link(*p), progress_bar(*p)); }));
}

// Newer and older pages of a list, when it has more than one.
template <class RouteFor>
Html pager(std::size_t page, std::size_t pages, RouteFor route_for) {
  if (pages <= 1) return {};
  const Html newer = page > 1 ? format("<a rel=\"prev\" href=\"{}\">← Newer</a>", to_address(route_for(page - 1))) : format("<span></span>");
  const Html older = page < pages ? format("<a rel=\"next\" href=\"{}\">Older →</a>", to_address(route_for(page + 1))) : format("<span></span>");
  return format("<nav class=\"pager\" aria-label=\"Pages\">{}<span class=\"page-of\">Page {} of {}</span>{}</nav>", newer, page, pages, older);
}

Page not_found(const Catalog& blog, const Html& what, const Html& more = {}) {
  const auto latest = card_list(blog.entry().first_page, 3);
  Html main = format(
      "<section class=\"not-found\"><h1>Not found</h1><p>{}</p><p><a href=\"./\">Back to all posts</a> or search above.</p></section>{}", what,
      more);
  if (!latest.empty()) main += format("<section class=\"posts\"><h2>Latest posts</h2>{}</section>", cards(latest));
  Page page = layout(blog, page_title(blog, "Not found"), "", false, main);
  page.found = false;
  return page;
}

Page listing(const Catalog& blog, const ListingRoute& route, Needs& needs) {
  const Entry& entry = blog.entry();
  const std::size_t pages = page_count(entry.published.count, entry.page_size);
  if (route.page > std::max<std::size_t>(pages, 1))
    return not_found(blog, format("This blog has {} {} of posts, not {}.", pages, pages == 1 ? "page" : "pages", route.page));
  const auto* posts = entry.published.count == 0 ? nullptr : blog.listing_page(entry.published, route.page - 1, needs);
  if (needs.blocked()) return {};
  const bool first = route.page == 1;
  // As the page buildlog grew from reads: what is being written, the posts,
  // what is coming; then every tag. The lists' headings are for screen
  // readers (each "Coming soon" card says so itself).
  Html main = first ? currently_writing(blog) : Html{};
  if (posts == nullptr)
    main += format("<section class=\"posts\"><h2>Posts</h2><p class=\"empty\">Nothing published yet.</p></section>");
  else
    main += format("<section class=\"posts\" aria-labelledby=\"posts-heading\"><h2 id=\"posts-heading\" class=\"visually-hidden\">Posts</h2>{}{}</section>",
                   cards(card_list(*posts)), pager(route.page, pages, [](std::size_t n) { return ListingRoute{n}; }));
  if (first && !entry.first_upcoming.empty()) {
    const std::size_t n = std::min(shown_coming_soon, entry.first_upcoming.size());
    const auto soon = card_list(entry.first_upcoming, n);
    const std::size_t more = entry.upcoming.count - n;
    const Html rest = more == 0 ? Html{} : format("<p class=\"more\">… and {} more in the works: search finds them.</p>", more);
    main += format("<section class=\"soon\" aria-labelledby=\"soon-heading\"><h2 id=\"soon-heading\" class=\"visually-hidden\">Coming soon</h2>{}{}</section>",
                   cards(soon), rest);
  }
  main += tag_nav(blog, "");
  return layout(blog, page_title(blog, first ? "" : "Page " + std::to_string(route.page)), "", true, main);
}

Page tag_view(const Catalog& blog, const TagRoute& asked, Needs& needs) {
  const TagEntry* tag = blog.find_tag(asked.tag);
  if (tag == nullptr)
    return not_found(blog, format("No post is tagged “{}”. Every tag in use is listed below.", asked.tag), tag_nav(blog, ""));
  const std::size_t pages = page_count(tag->published.count, blog.entry().page_size);
  if (asked.page > std::max<std::size_t>(pages, 1))
    return not_found(blog, format("Posts tagged “{}” fill {} {}, not {}.", tag->tag, pages, pages == 1 ? "page" : "pages", asked.page));
  const auto* published = tag->published.count == 0 ? nullptr : blog.listing_page(tag->published, asked.page - 1, needs);
  if (needs.blocked()) return {};
  std::vector<const PostCard*> upcoming;
  for (const PostCard& p : blog.entry().first_upcoming)
    if (std::find(p.tags.begin(), p.tags.end(), tag->tag) != p.tags.end()) upcoming.push_back(&p);
  const auto n = static_cast<std::size_t>(tag->posts);  // published and in progress, counted by the author tool
  Html main = format(
      "<div class=\"filter\" role=\"status\"><h1>Tagged <span class=\"tag tag-current\">{}</span></h1><p>{} {} · <a href=\"./\">Clear filter</a></p></div>",
      tag->tag, n, n == 1 ? "post" : "posts");
  main += tag_nav(blog, tag->tag);
  if (published != nullptr)
    main += format("<section class=\"posts\"><h2>Posts</h2>{}{}</section>", cards(card_list(*published)),
                   pager(asked.page, pages, [&](std::size_t k) { return TagRoute{tag->tag, k}; }));
  if (!upcoming.empty() && asked.page == 1) main += format("<section class=\"soon\"><h2>Coming soon</h2>{}</section>", cards(upcoming));
  const std::string title = "#" + tag->tag + (asked.page > 1 ? " (page " + std::to_string(asked.page) + ")" : "");
  return layout(blog, page_title(blog, title), "", false, main);
}

// Appended to `out`, the list of results.
void search_card(Html& out, const PostCard& p, const Html& snippet) {
  const Html meta = p.status == Status::published ? meta_line(p, false)
                                                  : format("<p class=\"meta\"><span class=\"badge\">{}</span></p>",
                                                           p.status == Status::in_progress ? "in progress" : "planned");
  html::format_to(out, "<article class=\"card card-result\">{}<h3>{}</h3><p class=\"summary snippet\">{}</p>{}</article>", meta, post_link(p), snippet,
                  tag_list(p));
}

Html snippet_html(const Snippet& s) {
  Html out;
  if (s.cut_before) html::format_to(out, "… ");
  for (const auto& piece : s.pieces) {
    if (piece.highlighted) html::format_to(out, "<mark>{}</mark>", piece.text);
    else html::format_to(out, "{}", piece.text);
  }
  if (s.cut_after) html::format_to(out, " …");
  return out;
}

Page search_view(const Catalog& blog, const SearchRoute& route, Needs& needs, SearchCache* cache) {
  const SearchQuery query = parse_query(route.query);
  if (query.empty()) {
    const Html hint = query.only_stop_words
                          ? format("<p>“{}” is too common to search for: add a more specific word.</p>", route.query)
                          : format("<p>Type in the search box to find posts by title, tag or text. "
                                   "Use quotes for a phrase (\"state at scale\") and tag:NAME to keep one tag.</p>"
                                   "<noscript><p>Search runs in your browser and needs JavaScript: every post and tag below has a page "
                                   "of its own without it.</p></noscript>");
    const Html main = format("<div class=\"filter\" role=\"status\"><h1>Search</h1>{}</div>{}", hint, tag_nav(blog, ""));
    return layout(blog, page_title(blog, "Search"), route.query, false, main);
  }
  const std::size_t ranked = route.page * search_page_size;
  const bool cached = cache != nullptr && cache->results && cache->query == route.query && cache->ranked >= ranked;
  const SearchResults fresh = cached ? SearchResults{} : search(blog, query, ranked, needs);
  if (needs.blocked()) return {};
  if (cache != nullptr && !cached) *cache = {route.query, ranked, fresh};
  const SearchResults& results = cached ? *cache->results : fresh;
  const auto& hits = results.hits;
  Html main;
  if (hits.empty()) {
    const std::string better = suggest(blog, query, needs);
    if (needs.blocked()) return {};
    const Html suggestion = better.empty() ? Html{}
                                           : format("<p class=\"suggestion\">Did you mean <a href=\"{}\">{}</a>?</p>",
                                                    to_address(SearchRoute{better}), better);
    main = format(
        "<div class=\"filter no-results\" role=\"status\"><h1>No results for “{}”</h1>{}"
        "<p>Try fewer words, check the spelling, or the start of a word (“terra” finds “Terraform”). Or browse by tag:</p></div>{}",
        route.query, suggestion, tag_nav(blog, ""));
    return layout(blog, page_title(blog, "Search: " + route.query), route.query, false, main);
  }
  const std::size_t pages = page_count(hits.size(), search_page_size);
  const std::size_t page = std::min(route.page, pages);
  const std::size_t from = (page - 1) * search_page_size;
  std::vector<Catalog::Doc> shown;
  for (std::size_t i = from; i < std::min(hits.size(), from + search_page_size); ++i) shown.push_back(blog.doc(hits[i].doc, needs));
  if (needs.blocked()) return {};
  Html cards_html;
  for (const Catalog::Doc& hit : shown)
    if (hit.card != nullptr) search_card(cards_html, *hit.card, snippet_html(snippet(hit.card->summary, hit.text != nullptr ? *hit.text : SnippetText{}, results.highlighted)));
  main = format("<div class=\"filter\" role=\"status\"><h1>{} {} for “{}”</h1><p><a href=\"./\">Clear search</a></p></div>"
                "<h2 class=\"visually-hidden\">Results</h2><div class=\"cards\">{}</div>{}",
                hits.size(), hits.size() == 1 ? "result" : "results", route.query, cards_html,
                pager(page, pages, [&](std::size_t k) { return SearchRoute{route.query, k}; }));
  return layout(blog, page_title(blog, "Search: " + route.query), route.query, false, main);
}

Html neighbour(const std::optional<PostLink>& p, const char* rel, const char* label) {
  if (!p) return format("<span></span>");
  return format("<a class=\"{}\" rel=\"{}\" href=\"{}\"><span class=\"label\">{}</span>{}</a>", rel, rel, to_address(PostRoute{p->slug}), label, p->title);
}

// A post's table of contents, when it has three sections or more: its
// second-level headings, each with the third-level ones under it.
constexpr std::size_t sections_for_contents = 3;
Html contents(const std::string& address, const std::vector<Heading>& headings) {
  if (std::count_if(headings.begin(), headings.end(), [](const Heading& h) { return h.level == 2; }) < static_cast<std::ptrdiff_t>(sections_for_contents)) return {};
  Html items;
  bool open_sub = false, open_item = false;
  for (const Heading& h : headings) {
    if (h.level != 2 && (h.level != 3 || !open_item)) continue;
    const Html link = format("<a href=\"{}#{}\">{}</a>", address, h.id, h.text);
    if (h.level == 3) {
      items += open_sub ? format("<li>{}</li>", link) : format("<ol><li>{}</li>", link);
      open_sub = true;
      continue;
    }
    if (open_sub) items += format("</ol>");
    if (open_item) items += format("</li>");
    items += format("<li>{}", link);
    open_sub = false;
    open_item = true;
  }
  if (open_sub) items += format("</ol>");
  items += format("</li>");
  return format("<nav class=\"toc\" aria-labelledby=\"toc-heading\"><h2 id=\"toc-heading\">Contents</h2><ol>{}</ol></nav>", items);
}

Html related(const std::vector<PostLink>& posts) {
  if (posts.empty()) return {};
  return format("<nav class=\"related\" aria-labelledby=\"related-heading\"><h2 id=\"related-heading\">Related posts</h2><ul>{}</ul></nav>",
                html::join(posts, [](const PostLink& p) { return format("<li><a href=\"{}\">{}</a></li>", to_address(PostRoute{p.slug}), p.title); }));
}

Page post_view(const Catalog& blog, const PostRoute& route, Needs& needs) {
  const Html back = format("<p class=\"back\"><a href=\"./\">← All posts</a></p>");
  const auto found = blog.find(route.slug, needs);
  if (needs.blocked()) return {};
  if (const PostCard* p = found.upcoming) {
    const Html state = p->status == Status::in_progress
                           ? format("<p class=\"status\">Still being written. {}</p>", progress_bar(*p))
                           : format("<p class=\"status\">Planned: not started yet.</p>");
    const Html main = format("<article class=\"post post-soon\">{}<header><p class=\"meta\"><span class=\"badge\">coming soon</span></p><h1>{}</h1>{}</header><p class=\"lede\">{}</p>{}</article>",
                             back, p->title, tag_list(*p), p->summary, state);
    return layout(blog, page_title(blog, p->title), "", false, main);
  }
  const PostPart* part = found.post;
  if (part == nullptr || part->post.slug != route.slug)
    return not_found(blog, format("There is no post at “{}”. It may have been renamed.", route.slug));
  const Post& p = part->post;
  const std::string address = to_address(PostRoute{p.slug});
  const PostBody body = render_post_body(p.body, address, {.allow_raw_html = blog.entry().site.allow_raw_html, .highlights = &p.highlights, .entities = &p.entities});
  // Who wrote it, when they are not the blog's author, and when it last changed, when its author said.
  const Html byline = p.author.empty() ? Html{} : format("<p class=\"byline\">by {}</p>", p.author);
  const Html updated = p.updated ? format("<p class=\"updated\">Updated <time datetime=\"{}\">{}</time></p>", to_iso(*p.updated), long_date(*p.updated)) : Html{};
  const Html main = format(
      "<article class=\"post\">{}<header>{}<h1>{}</h1>{}{}{}</header>{}<div class=\"prose\">{}</div></article>{}"
      "<nav class=\"post-nav\" aria-label=\"More posts\">{}{}</nav>",
      back, meta_line(p, true), p.title, byline, updated, tag_list(p), contents(address, body.headings), body.html, related(part->related), neighbour(part->older, "prev", "← Previous"), neighbour(part->newer, "next", "Next →"));
  return layout(blog, page_title(blog, p.title), "", false, main);
}

}  // namespace

std::size_t page_count(std::size_t items, std::size_t per_page) { return (items + per_page - 1) / per_page; }

Page render_view(const Catalog& blog, const Route& route, SearchCache* cache) {
  struct Visitor {
    const Catalog& blog;
    Needs& needs;
    SearchCache* cache;
    Page operator()(const ListingRoute& r) const { return listing(blog, r, needs); }
    Page operator()(const TagRoute& r) const { return tag_view(blog, r, needs); }
    Page operator()(const SearchRoute& r) const { return search_view(blog, r, needs, cache); }
    Page operator()(const PostRoute& r) const { return post_view(blog, r, needs); }
    Page operator()(const NotFoundRoute& r) const {
      // 404.html, prerendered for every address a host has no file for, names none.
      return not_found(blog, format("Nothing lives at {}.", r.path.empty() ? std::string("this address") : "“" + r.path + "”"));
    }
  };
  Needs needs;
  Page page = std::visit(Visitor{blog, needs, cache}, route);
  if (needs.failed) return render_error_view("Part of this blog could not be loaded:", {*needs.failed});
  if (!needs.parts.empty()) return {{}, {}, true, std::move(needs.parts)};
  return page;
}

Page render_error_view(std::string_view summary, const Problems& problems) {
  constexpr std::size_t shown = 20;
  Html list;
  for (std::size_t i = 0; i < problems.size() && i < shown; ++i) {
    const Problem& p = problems[i];
    list += p.where.empty() ? format("<li>{}</li>", p.message) : format("<li><code>{}</code>: {}</li>", p.where, p.message);
  }
  if (problems.size() > shown) list += format("<li>… and {} more</li>", problems.size() - shown);
  const Html details = list.empty() ? Html{} : format("<ul class=\"problems\">{}</ul>", list);
  return {"Blog unavailable",
          format("<main id=\"main\" tabindex=\"-1\" class=\"error-view\"><section role=\"alert\"><p class=\"kicker\">// build log</p>"
                 "<h1>This blog could not be loaded</h1><p>{}</p>{}"
                 "<p><button type=\"button\" class=\"retry\" data-reload>Try again</button></p>"
                 "<p>If you run this blog, rebuild <code>posts.json</code> with <code>buildlog build</code>.</p>"
                 "</section></main>",
                 summary, details),
          true,
          {}};
}

}  // namespace buildlog
