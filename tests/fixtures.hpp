// Small posts and bundles built in code, for tests that need a blog.
#pragma once

#include "bundle_writer.hpp"

namespace buildlog::test {

inline SourcePost published_post(std::string slug, Date date, std::vector<std::string> tags = {}) {
  SourcePost p;
  p.slug = slug;
  p.title = "Post " + slug;
  p.date = date;
  p.tags = std::move(tags);
  p.summary = "Summary of " + slug;
  p.status = Status::published;
  p.words = 460;
  p.reading_minutes = 2;
  p.body = "## Section\n\nBody of " + slug + " with `code`.\n";
  return p;
}

inline SourcePost in_progress_post(std::string slug, int progress, std::vector<std::string> tags = {}) {
  SourcePost p = published_post(std::move(slug), Date{2026, 6, 1}, std::move(tags));
  p.status = Status::in_progress;
  p.progress = progress;
  p.body.clear();
  p.words = 0;
  p.reading_minutes = 1;
  return p;
}

inline Bundle small_bundle() {
  Bundle b;
  b.site.title = "Test blog";
  b.site.tagline = "A tagline";
  b.site.author = "Tester";
  b.posts = {published_post("alpha", {2026, 1, 10}, {"aws", "iam"}), published_post("beta", {2026, 3, 5}, {"aws"}),
             published_post("gamma", {2026, 5, 12}, {"terraform"}), in_progress_post("delta", 40, {"aws"}),
             in_progress_post("epsilon", 75, {"k8s"})};
  sort_posts(b.posts);
  return b;
}

}  // namespace buildlog::test

namespace buildlog::test {

// Script-injection payloads of the kinds a hostile bundle or post carries.
inline const std::vector<std::string>& hostile_strings() {
  static const std::vector<std::string> payloads{
      "<script>window.__pwned('script')</script>",
      "\"><img src=x onerror=window.__pwned('img')>",
      "'><svg onload=window.__pwned('svg')>",
      "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned('math')>",
      "<a href=\"javascript:window.__pwned('a')\">x</a>",
      "&lt;script&gt;window.__pwned('entity')&lt;/script&gt;",
      "<ScRiPt>window.__pwned('case')</sCrIpT>",
      "<iframe srcdoc=\"<script>window.__pwned('iframe')</script>\"></iframe>",
      "javascript:window.__pwned('bare')",
  };
  return payloads;
}

// Markdown bodies that try every way past the renderer's policy.
inline std::string hostile_markdown() {
  std::string md = "# <script>window.__pwned('h1')</script>\n\n";
  for (const auto& p : hostile_strings()) md += p + "\n\n";
  md +=
      "[a](javascript:window.__pwned('md-a'))\n\n[b](JaVaScRiPt:window.__pwned('md-b'))\n\n"
      "[c](&#106;avascript:window.__pwned('md-c'))\n\n[d](&#x6A;avascript&colon;window.__pwned('md-d'))\n\n"
      "[e](java&Tab;script:window.__pwned('md-e'))\n\n[f]( \"title\")\n\n![g](data:image/svg+xml,<svg/onload=alert(1)>)\n\n"
      "[h](vbscript:msgbox)\n\n<javascript:window.__pwned('md-auto')>\n\n[i][ref]\n\n[ref]: javascript:window.__pwned('md-ref')\n\n"
      "<div onmouseover=\"window.__pwned('div')\">hover</div>\n\n"
      "```html\n<script>window.__pwned('code')</script>\n```\n\n`<img src=x onerror=window.__pwned('span')>`\n";
  return md;
}

inline Bundle hostile_bundle() {
  Bundle b = small_bundle();
  const auto& h = hostile_strings();
  b.site.title = h[0];
  b.site.tagline = h[1];
  b.site.kicker = h[2];
  b.site.author = h[3];
  for (std::size_t i = 0; i < b.posts.size(); ++i) {
    SourcePost& p = b.posts[i];
    p.title = h[i % h.size()] + " title";
    p.summary = h[(i + 1) % h.size()];
    p.tags = {h[(i + 2) % h.size()], h[(i + 3) % h.size()], "ok"};
    if (p.status == Status::published) p.body = hostile_markdown();
  }
  return b;
}

}  // namespace buildlog::test
