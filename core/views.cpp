#include "views.hpp"

#include <algorithm>

#include "markdown.hpp"
#include "search_query.hpp"

namespace buildlog {
namespace {

using html::format;

std::string page_title(const Blog& blog, std::string_view view) {
  return view.empty() ? blog.bundle.site.title : std::string(view) + " — " + blog.bundle.site.title;
}

Html tag_link(const std::string& tag) { return format("<a class=\"tag\" href=\"{}\">{}</a>", to_hash(TagRoute{tag}), tag); }

Html tag_list(const Post& p) {
  if (p.tags.empty()) return {};
  return format("<ul class=\"tag-list\" aria-label=\"Tags\">{}</ul>",
                html::join(p.tags, [](const std::string& t) { return format("<li>{}</li>", tag_link(t)); }));
}

Html post_link(const Post& p) { return format("<a href=\"{}\">{}</a>", to_hash(PostRoute{p.slug}), p.title); }

Html progress_bar(const Post& p) {
  return format("<progress max=\"100\" value=\"{}\" aria-label=\"{}% written\"></progress><span class=\"pct\">{}%</span>",
                p.progress, p.progress, p.progress);
}

Html meta_line(const Post& p, bool long_form) {
  return format("<p class=\"meta\"><time datetime=\"{}\">{}</time><span class=\"dot\" aria-hidden=\"true\">·</span><span>{} min read</span></p>",
                to_iso(p.date), long_form ? long_date(p.date) : month_and_year(p.date), p.reading_minutes);
}

Html card(const Post& p) {
  if (p.status == Status::published)
    return format("<article class=\"card\">{}<h3>{}</h3><p class=\"summary\">{}</p>{}</article>", meta_line(p, false),
                  post_link(p), p.summary, tag_list(p));
  const Html badge = p.status == Status::in_progress ? format("<span class=\"badge\">in progress · {}%</span>", p.progress)
                                                     : format("<span class=\"badge badge-planned\">planned</span>");
  return format("<article class=\"card card-soon\"><p class=\"meta\">{}</p><h3>{}</h3><p class=\"summary\">{}</p>{}</article>", badge,
                post_link(p), p.summary, tag_list(p));
}

Html cards(const std::vector<const Post*>& posts) {
  return format("<div class=\"cards\">{}</div>", html::join(posts, [](const Post* p) { return card(*p); }));
}

Html search_box(std::string_view query) {
  return format(
      "<form class=\"search\" role=\"search\" action=\"#/search\" data-search>"
      "<label class=\"visually-hidden\" for=\"search-input\">Search posts</label>"
      "<input id=\"search-input\" type=\"search\" name=\"q\" value=\"{}\" placeholder=\"Search posts…\" autocomplete=\"off\" "
      "spellcheck=\"false\" enterkeyhint=\"search\"></form>",
      query);
}

Html masthead(const Blog& blog, std::string_view query, bool title_is_heading) {
  const Site& s = blog.bundle.site;
  const Html last = blog.last_published ? format("<li>last post <strong>{}</strong></li>", month_and_year(*blog.last_published))
                                        : format("<li>nothing published yet</li>");
  const Html title = title_is_heading ? format("<h1 class=\"site-title\"><a href=\"#/\">{}</a></h1>", s.title)
                                      : format("<p class=\"site-title\"><a href=\"#/\">{}</a></p>", s.title);
  return format(
      "<a class=\"skip-link\" href=\"#main\" data-focus=\"main\">Skip to content</a>"
      "<header class=\"masthead\"><div class=\"masthead-top\"><p class=\"kicker\">{}</p>{}</div>{}"
      "<p class=\"tagline\">{}</p>"
      "<ul class=\"stats\"><li><strong>{}</strong> published</li><li><strong>{}</strong> in progress</li>{}</ul></header>",
      s.kicker, search_box(query), title, s.tagline, blog.published.size(), blog.in_progress.size(), last);
}

Html footer(const Blog& blog) {
  const Site& s = blog.bundle.site;
  const Html by = s.author.empty() ? Html{} : format("by {} · ", s.author);
  return format("<footer class=\"site-footer\"><p>{}rendered in your browser by buildlog</p></footer>", by);
}

Page layout(const Blog& blog, std::string title, std::string_view query, bool title_is_heading, const Html& main) {
  return {std::move(title),
          format("{}<main id=\"main\" tabindex=\"-1\">{}</main>{}", masthead(blog, query, title_is_heading), main, footer(blog))};
}

Html tag_nav(const Blog& blog, std::string_view current) {
  if (blog.tags.empty()) return {};
  return format("<nav class=\"tag-nav\" aria-labelledby=\"tags-heading\"><h2 id=\"tags-heading\">Tags</h2><ul>{}</ul></nav>",
                html::join(blog.tags, [&](const TagCount& t) {
                  const Html current_attr = t.tag == current ? format(" aria-current=\"page\"") : Html{};
                  return format("<li><a class=\"tag\" href=\"{}\"{}>{} <span class=\"count\">{}</span></a></li>", to_hash(TagRoute{t.tag}),
                                current_attr, t.tag, t.posts);
                }));
}

Html currently_writing(const Blog& blog) {
  if (blog.in_progress.empty()) return {};
  return format(
      "<section class=\"writing\" aria-labelledby=\"writing-heading\"><h2 id=\"writing-heading\">Currently writing</h2><ul class=\"progress-list\">{}</ul></section>",
      html::join(blog.in_progress, [](const Post* p) { return format("<li>{}{}</li>", post_link(*p), progress_bar(*p)); }));
}

std::vector<const Post*> soon(const Blog& blog) {
  std::vector<const Post*> posts = blog.in_progress;
  posts.insert(posts.end(), blog.planned.begin(), blog.planned.end());
  return posts;
}

Page listing(const Blog& blog, const SearchIndex&) {
  Html main = currently_writing(blog);
  main += tag_nav(blog, "");
  if (blog.published.empty())
    main += format("<section class=\"posts\"><h2>Posts</h2><p class=\"empty\">Nothing published yet.</p></section>");
  else
    main += format("<section class=\"posts\" aria-labelledby=\"posts-heading\"><h2 id=\"posts-heading\">Posts</h2>{}</section>", cards(blog.published));
  if (const auto upcoming = soon(blog); !upcoming.empty())
    main += format("<section class=\"soon\" aria-labelledby=\"soon-heading\"><h2 id=\"soon-heading\">Coming soon</h2>{}</section>", cards(upcoming));
  return layout(blog, page_title(blog, ""), "", true, main);
}

Page not_found(const Blog& blog, const Html& what, const Html& more = {}) {
  const std::size_t n = std::min<std::size_t>(blog.published.size(), 3);
  const std::vector<const Post*> latest(blog.published.begin(), blog.published.begin() + static_cast<std::ptrdiff_t>(n));
  Html main = format(
      "<section class=\"not-found\"><h1>Not found</h1><p>{}</p><p><a href=\"#/\">Back to all posts</a> or search above.</p></section>{}", what,
      more);
  if (!latest.empty()) main += format("<section class=\"posts\"><h2>Latest posts</h2>{}</section>", cards(latest));
  Page page = layout(blog, page_title(blog, "Not found"), "", false, main);
  page.found = false;
  return page;
}

Page tag_view(const Blog& blog, const TagRoute& asked) {
  const std::string* tag = blog.find_tag(asked.tag);
  if (tag == nullptr)
    return not_found(blog, format("No post is tagged “{}”. Every tag in use is listed below.", asked.tag), tag_nav(blog, ""));
  const TagRoute route{*tag};
  std::vector<const Post*> published, upcoming;
  for (const Post* p : blog.published)
    if (std::find(p->tags.begin(), p->tags.end(), route.tag) != p->tags.end()) published.push_back(p);
  for (const Post* p : soon(blog))
    if (std::find(p->tags.begin(), p->tags.end(), route.tag) != p->tags.end()) upcoming.push_back(p);
  const std::size_t n = published.size() + upcoming.size();
  Html main = format(
      "<div class=\"filter\" role=\"status\"><h1>Tagged <span class=\"tag tag-current\">{}</span></h1><p>{} {} · <a href=\"#/\">Clear filter</a></p></div>",
      route.tag, n, n == 1 ? "post" : "posts");
  main += tag_nav(blog, route.tag);
  if (!published.empty()) main += format("<section class=\"posts\"><h2>Posts</h2>{}</section>", cards(published));
  if (!upcoming.empty()) main += format("<section class=\"soon\"><h2>Coming soon</h2>{}</section>", cards(upcoming));
  return layout(blog, page_title(blog, "#" + route.tag), "", false, main);
}

Html search_card(const SearchHit& hit) {
  const Post& p = *hit.post;
  const Html meta = p.status == Status::published ? meta_line(p, false)
                                                  : format("<p class=\"meta\"><span class=\"badge\">{}</span></p>",
                                                           p.status == Status::in_progress ? "in progress" : "planned");
  return format("<article class=\"card card-result\">{}<h3>{}</h3><p class=\"summary snippet\">{}</p>{}</article>", meta, post_link(p),
                hit.snippet, tag_list(p));
}

Page search_view(const Blog& blog, const SearchIndex& index, const SearchRoute& route) {
  const SearchQuery query = parse_query(route.query);
  if (query.empty()) {
    const Html hint = query.only_stop_words
                          ? format("<p>“{}” is too common to search for: add a more specific word.</p>", route.query)
                          : format("<p>Type in the search box to find posts by title, tag or text. "
                                   "Use quotes for a phrase (\"state at scale\") and tag:NAME to keep one tag.</p>");
    const Html main = format("<div class=\"filter\" role=\"status\"><h1>Search</h1>{}</div>{}", hint, tag_nav(blog, ""));
    return layout(blog, page_title(blog, "Search"), route.query, false, main);
  }
  const auto hits = index.search(route.query);
  Html main;
  if (hits.empty()) {
    const std::string better = index.suggest(route.query);
    const Html suggestion = better.empty() ? Html{}
                                           : format("<p class=\"suggestion\">Did you mean <a href=\"{}\">{}</a>?</p>",
                                                    to_hash(SearchRoute{better}), better);
    main = format(
        "<div class=\"filter no-results\" role=\"status\"><h1>No results for “{}”</h1>{}"
        "<p>Try fewer words, check the spelling, or the start of a word (“terra” finds “Terraform”). Or browse by tag:</p></div>{}",
        route.query, suggestion, tag_nav(blog, ""));
  } else {
    // The first page of results; the count stays exact.
    constexpr std::size_t shown = 30;
    const std::vector<SearchHit> first(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(std::min(shown, hits.size())));
    const Html more = hits.size() > shown ? format("<p class=\"more\">Showing the best {} of {}: add a word to narrow the search.</p>", shown, hits.size())
                                          : Html{};
    main = format("<div class=\"filter\" role=\"status\"><h1>{} {} for “{}”</h1><p><a href=\"#/\">Clear search</a></p></div><div class=\"cards\">{}</div>{}",
                  hits.size(), hits.size() == 1 ? "result" : "results", route.query, html::join(first, search_card), more);
  }
  return layout(blog, page_title(blog, "Search: " + route.query), route.query, false, main);
}

Html neighbour(const Post* p, const char* rel, const char* label) {
  if (p == nullptr) return format("<span></span>");
  return format("<a class=\"{}\" rel=\"{}\" href=\"{}\"><span class=\"label\">{}</span>{}</a>", rel, rel, to_hash(PostRoute{p->slug}), label, p->title);
}

Page post_view(const Blog& blog, const PostRoute& route) {
  const Post* p = blog.find(route.slug);
  if (p == nullptr) return not_found(blog, format("There is no post at “{}”. It may have been renamed.", route.slug));
  const Html back = format("<p class=\"back\"><a href=\"#/\">← All posts</a></p>");
  if (p->status != Status::published) {
    const Html state = p->status == Status::in_progress
                           ? format("<p class=\"status\">Still being written. {}</p>", progress_bar(*p))
                           : format("<p class=\"status\">Planned: not started yet.</p>");
    const Html main = format("<article class=\"post post-soon\">{}<header><p class=\"meta\"><span class=\"badge\">coming soon</span></p><h1>{}</h1>{}</header><p class=\"lede\">{}</p>{}</article>",
                             back, p->title, tag_list(*p), p->summary, state);
    return layout(blog, page_title(blog, p->title), "", false, main);
  }
  const auto it = std::find(blog.published.begin(), blog.published.end(), p);
  const Post* newer = it == blog.published.begin() ? nullptr : *(it - 1);
  const Post* older = it + 1 == blog.published.end() ? nullptr : *(it + 1);
  const Html body = render_markdown(p->body, {.allow_raw_html = blog.bundle.site.allow_raw_html});
  const Html main = format(
      "<article class=\"post\">{}<header>{}<h1>{}</h1>{}</header><div class=\"prose\">{}</div></article>"
      "<nav class=\"post-nav\" aria-label=\"More posts\">{}{}</nav>",
      back, meta_line(*p, true), p->title, tag_list(*p), body, neighbour(older, "prev", "← Previous"), neighbour(newer, "next", "Next →"));
  return layout(blog, page_title(blog, p->title), "", false, main);
}

}  // namespace

Page render_view(const Blog& blog, const SearchIndex& index, const Route& route) {
  struct Visitor {
    const Blog& blog;
    const SearchIndex& index;
    Page operator()(const ListingRoute&) const { return listing(blog, index); }
    Page operator()(const TagRoute& r) const { return tag_view(blog, r); }
    Page operator()(const SearchRoute& r) const { return search_view(blog, index, r); }
    Page operator()(const PostRoute& r) const { return post_view(blog, r); }
    Page operator()(const NotFoundRoute& r) const {
      return not_found(blog, format("Nothing lives at “{}”. Posts are at #/post/…, tags at #/tag/….", r.path));
    }
  };
  return std::visit(Visitor{blog, index}, route);
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
                 summary, details)};
}

}  // namespace buildlog
