// Bringing a blog from Jekyll or Hugo (issue 15): the corpus in
// tests/migration/ read as buildlog reads it, each construct with its
// expected result; and the front matter formats and conventions one by one.
#include <catch2/catch.hpp>

#include <algorithm>

#include "content.hpp"
#include "front_matter.hpp"
#include "read_post.hpp"
#include "test_support.hpp"

using namespace buildlog;
using test::read_ok;
using test::ScratchDir;
using test::spit;

namespace {

std::filesystem::path corpus(const char* name) { return test::source_dir() / "tests/migration" / name; }

const SourcePost& post(const ContentRead& read, std::string_view slug) {
  const auto it = std::find_if(read.bundle.posts.begin(), read.bundle.posts.end(), [&](const SourcePost& p) { return p.slug == slug; });
  INFO(slug);
  REQUIRE(it != read.bundle.posts.end());
  return *it;
}

// Every warning as "FILE:LINE: message", FILE relative to the corpus folder.
std::vector<std::string> warnings_of(const ContentRead& read, const std::filesystem::path& dir) {
  std::vector<std::string> out;
  for (auto w : read.warnings) {
    const std::string prefix = dir.generic_string() + "/";
    if (w.where.starts_with(prefix)) w.where.erase(0, prefix.size());
    out.push_back(w.to_string());
  }
  return out;
}

bool has(const std::vector<std::string>& list, std::string_view start) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& s) { return s.starts_with(start); });
}


}  // namespace

TEST_CASE("a Jekyll blog reads as its author meant, and what buildlog cannot render is named") {
  const auto dir = corpus("jekyll");
  const ContentRead read = read_content(dir);
  INFO((read.problems.empty() ? "" : read.problems.front().to_string()));
  REQUIRE(read.problems.empty());
  REQUIRE(read.bundle.posts.size() == 5);  // the .textile file is skipped; the draft is read, private

  const SourcePost& welcome = post(read, "welcome-to-jekyll");
  CHECK(welcome.title == "Welcome to Jekyll!");
  CHECK(welcome.date == Date{2019, 3, 12});
  CHECK(welcome.tags == std::vector<std::string>{"jekyll", "update"});  // categories, space-separated
  CHECK(welcome.author == "Ada Lovelace");
  CHECK(welcome.summary == "You’ll find this post in your _posts directory.");  // up to <!--more-->
  CHECK(welcome.body.find("<!--more-->") == std::string::npos);

  const SourcePost& untitled = post(read, "a-post-without-a-title");
  CHECK(untitled.title == "A Post Without A Title");  // Jekyll's title from the file name
  CHECK(untitled.tags == std::vector<std::string>{"release", "notes"});
  CHECK(untitled.body.find("](post/welcome-to-jekyll/#top)") != std::string::npos);  // a link to a post's file is the post's address

  const SourcePost& moved = post(read, "moved-post");
  CHECK(moved.updated == Date{2020, 3, 1});
  CHECK(moved.summary == "The summary ends here.");  // its own excerpt_separator
  CHECK(moved.body.find("<!--cut-->") == std::string::npos);
  REQUIRE(moved.old_addresses.size() == 3);
  CHECK(moved.old_addresses[0].address == "/blog/2020/moved-post.html");
  CHECK(moved.old_addresses[1].address == "/old/moved/");
  CHECK(moved.old_addresses[1].line == 6);
  REQUIRE(moved.attachments.size() == 2);
  CHECK(moved.attachments[0].site_path.starts_with("assets/diagram."));
  CHECK(moved.body.find("](" + moved.attachments[0].site_path + ")") != std::string::npos);
  CHECK(moved.body.find("](" + moved.attachments[1].site_path + ")") != std::string::npos);

  CHECK(post(read, "old-format").tags == std::vector<std::string>{"archive"});  // .mkdn read; category kept
  CHECK(post(read, "unfinished").is_private);                                  // _drafts/

  const auto warnings = warnings_of(read, dir);
  INFO(Catch::Detail::stringify(warnings));
  CHECK(warnings.size() == 7);
  CHECK(has(warnings, "_posts/2020-04-01-textile-post.textile: skipped: buildlog reads posts in Markdown"));
  CHECK(has(warnings, "_posts/2019-03-12-welcome-to-jekyll.markdown:14: Liquid tag \"{% highlight ruby %}\" shows as written"));
  CHECK(has(warnings, "_posts/2019-03-12-welcome-to-jekyll.markdown:18: Liquid tag \"{% endhighlight %}\""));
  CHECK(has(warnings, "_posts/2019-03-12-welcome-to-jekyll.markdown:20: Liquid expression \"{{ site.baseurl }}\""));
  CHECK(has(warnings, "_posts/2019-03-12-welcome-to-jekyll.markdown:20: Liquid tag \"{% post_url 2020-01-05-a-post-without-a-title %}\""));
  CHECK(has(warnings, "_posts/2020-02-01-moved-post.md:10: unknown front matter key \"sumary\" is ignored: did you mean \"summary\"?"));
  CHECK(has(warnings, "_posts/2020-02-01-moved-post.md:20: kramdown attribute list \"{: .note}\""));
  // Liquid inside a code block is the post's subject, not a construct to warn of.
  CHECK_FALSE(has(warnings, "_posts/2019-03-12-welcome-to-jekyll.markdown:23"));
}

TEST_CASE("a Hugo site reads as its author meant: TOML, JSON, page bundles, shortcodes named") {
  const auto dir = corpus("hugo");
  const ContentRead read = read_content(dir);
  INFO((read.problems.empty() ? "" : read.problems.front().to_string()));
  REQUIRE(read.problems.empty());
  REQUIRE(read.bundle.posts.size() == 5);

  const SourcePost& first = post(read, "first-post");  // TOML
  CHECK(first.title == "My First Post");
  CHECK(first.date == Date{2024, 1, 15});
  CHECK(first.updated == Date{2024, 2, 1});
  CHECK(first.tags == std::vector<std::string>{"hugo", "toml", "getting started"});
  CHECK(first.summary == "The first post, with TOML front matter.");
  REQUIRE(first.old_addresses.size() == 2);
  CHECK(first.old_addresses[0].address == "/old/first-post/");
  CHECK(first.old_addresses[0].line == 8);
  CHECK_FALSE(first.is_private);

  const SourcePost& json = post(read, "json-post");
  CHECK(json.title == "JSON front matter");
  CHECK(json.author == "Grace Hopper and Alan Turing");
  CHECK(json.body.find("Hugo also reads") != std::string::npos);

  const SourcePost& bundle = post(read, "bundle-one");  // named after its folder, not "index"
  CHECK(bundle.old_addresses.size() == 1);             // Hugo's url
  REQUIRE(bundle.attachments.size() == 1);
  CHECK(bundle.attachments[0].site_path.starts_with("assets/photo."));
  CHECK(post(read, "bundle-two").title == "Another page bundle");
  CHECK(post(read, "draft-post").is_private);

  const auto warnings = warnings_of(read, dir);
  INFO(Catch::Detail::stringify(warnings));
  CHECK(warnings.size() == 5);
  CHECK(has(warnings, "_index.md: skipped: a Hugo section page"));
  CHECK(has(warnings, "posts/bundle-one/index.md:10: Hugo shortcode \"{{< figure src=\"photo.svg\" title=\"The same photo\" >}}\" shows as written"));
  CHECK(has(warnings, "posts/bundle-one/index.md:12: Hugo shortcode \"{{% notice info %}}\""));
  CHECK(has(warnings, "posts/bundle-one/index.md:14: Hugo shortcode \"{{% /notice %}}\""));
  CHECK(has(warnings, "posts/json-post.md:6: unknown front matter key \"weight\" is ignored"));
}

TEST_CASE("front matter errors in TOML and JSON say path:line and the format") {
  auto problems = read_post_file("p.md", "+++\ntitle = \"T\"\ndate = 2026-01-01\ntags = [\"a\",\n+++\nBody\n").problems;
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where == "p.md:4");  // the list never closed
  CHECK(problems[0].message.starts_with("front matter is not valid TOML: "));
  problems = read_post_file("p.md", "+++\ntitle = \"T\"\nBody without a close\n").problems;
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].to_string() == "p.md:1: the front matter opened here is never closed: add a line '+++' after it");
  problems = read_post_file("p.md", "{\n  \"title\": \"T\",\n  \"date\": \"2026-01-01\"\n\nBody\n").problems;
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.starts_with("the JSON front matter opened here is never closed"));
  problems = read_post_file("p.md", "+++\ntitle = \"T\"\ndate = \"May 12\"\n+++\nBody\n").problems;
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].to_string() == "p.md:3: date must be a calendar date YYYY-MM-DD, got \"May 12\"");
  problems = read_post_file("p.md", "{\n\"title\": \"T\",\n\"date\": \"2026-01-01\",\n\"draft\": \"maybe\"\n}\nBody\n").problems;
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].to_string() == "p.md:4: draft must be true or false");
}

TEST_CASE("a number in JSON front matter reads as the author wrote it") {
  // The engine's JSON lexer reads numbers without strtod (core/engine/json_lexer.hpp).
  for (const char* number : {"0.1", "2.5", "-12.75", "1e+21", "3", "0.001"}) {
    const auto read = read_post_file("p.md", std::string("{\n\"title\": ") + number + ",\n\"date\": \"2026-01-01\"\n}\nBody\n");
    INFO(number);
    REQUIRE(read.problems.empty());
    REQUIRE(read.post);
    CHECK(read.post->title == number);
  }
}

TEST_CASE("TOML's keys are read in the file's order, so warnings come in the order of their lines") {
  const auto r = read_post_file("p.md", "+++\ntitle = \"T\"\ndate = 2026-01-01\nzeta = 1\nalpha = 2\n+++\nBody\n");
  REQUIRE(r.warnings.size() == 2);
  CHECK(r.warnings[0].where == "p.md:4");
  CHECK(r.warnings[1].where == "p.md:5");
}

TEST_CASE("misspelt keys are named with the key they likely meant; far-off keys without a guess") {
  const auto warnings = [](std::string_view key) {
    const auto r = read_post_file("p.md", "---\ntitle: T\ndate: 2026-01-01\n" + std::string(key) + ": x\n---\nBody\n");
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].where == "p.md:4");
    return r.warnings[0].message;
  };
  CHECK(warnings("sumary") == "unknown front matter key \"sumary\" is ignored: did you mean \"summary\"?");
  CHECK(warnings("Tags") == "unknown front matter key \"Tags\" is ignored: did you mean \"tags\"?");
  CHECK(warnings("satus") == "unknown front matter key \"satus\" is ignored: did you mean \"status\"?");
  CHECK(warnings("athor") == "unknown front matter key \"athor\" is ignored: did you mean \"author\"?");
  CHECK(warnings("mood") == "unknown front matter key \"mood\" is ignored (buildlog's README lists the keys it reads, under \"Writing posts\")");
  CHECK(read_post_file("p.md", "---\ntitle: T\ndate: 2026-01-01\nlayout: post\n---\nBody\n").warnings.empty());
}

TEST_CASE("the summary separator ends the summary, leaves the body, and keeps the body's line numbers") {
  const SourcePost p = read_ok("p.md", "---\ntitle: T\ndate: 2026-01-01\n---\nFirst *part*,\nstill first.\n<!--more-->\nSecond part.\n");
  CHECK(p.summary == "First part, still first.");
  CHECK(p.body == "First *part*,\nstill first.\n\nSecond part.\n");
  CHECK(p.body_line == 5);
  // A lastmod before the date is no update.
  CHECK_FALSE(read_ok("p.md", "---\ntitle: T\ndate: 2026-01-02\nlastmod: 2026-01-01\n---\nBody\n").updated);
  // One text of tags: commas when there are any, else spaces (Jekyll).
  CHECK(read_ok("p.md", "---\ntitle: T\ndate: 2026-01-01\ntags: machine learning, aws\n---\nB\n").tags == std::vector<std::string>{"machine learning", "aws"});
}

TEST_CASE("files beside posts: missing, outside, hidden and escaping links are problems with path:line") {
  ScratchDir dir;
  const auto content = dir / "content";
  spit(content / "a.md",
       "---\ntitle: A\ndate: 2026-01-01\n---\n![](missing.png)\n\n[up](../secret.txt)\n\n[hidden](.env.txt)\n\n[out](escape.txt)\n\n"
       "[a site address](post/other/) and [a folder](sub/) are not files, nor is [a scheme behind a space](%20javascript:x.y).\n");
  spit(content / ".env.txt", "SECRET=1\n");
  spit(dir / "secret.txt", "secret\n");
  std::filesystem::create_symlink(dir / "secret.txt", content / "escape.txt");
  const ContentRead read = read_content(content);
  std::vector<std::string> problems;
  for (const auto& p : read.problems) problems.push_back(p.to_string());
  const std::string a = (content / "a.md").generic_string();
  INFO(Catch::Detail::stringify(problems));
  REQUIRE(problems.size() == 4);
  CHECK(problems[0] == a + ":5: links to \"missing.png\", which is not there (no file " + (content / "missing.png").generic_string() + ")");
  CHECK(problems[1].starts_with(a + ":7: links to \"../secret.txt\", outside the content folder"));
  CHECK(problems[2].starts_with(a + ":9: links to \".env.txt\", a hidden file"));
  CHECK(problems[3].starts_with(a + ":11: links to \"escape.txt\", a link to a file outside the content folder"));
}

TEST_CASE("old addresses: another host, the site's own addresses and one kept twice are problems") {
  ScratchDir dir;
  const auto content = dir / "content";
  spit(content / "a.md", "---\ntitle: A\ndate: 2026-01-01\naliases: [\"https://old.example.org/a/\", \"/feeds/x.xml\", \"/../up/\"]\n---\nA.\n");
  spit(content / "b.md", "---\ntitle: B\ndate: 2026-01-01\nredirect_from: /kept/\n---\nB.\n");
  spit(content / "c.md", "---\ntitle: C\ndate: 2026-01-01\naliases: [/post/b/, /kept]\n---\nC.\n");
  const ContentRead read = read_content(content);
  std::vector<std::string> problems;
  for (const auto& p : read.problems) problems.push_back(p.message);
  INFO(Catch::Detail::stringify(problems));
  REQUIRE(problems.size() == 5);
  CHECK(problems[0] == "aliases \"https://old.example.org/a/\" cannot be kept: it is on another host: only addresses on this site can be kept");
  CHECK(problems[1] == "aliases \"/feeds/x.xml\" cannot be kept: the site uses that address itself");
  CHECK(problems[2].starts_with("aliases \"/../up/\" cannot be kept: a file cannot stand for it"));
  CHECK(problems[3] == "the old address \"/post/b/\" is a post's address now: keep it in one post");
  CHECK(problems[4] == "the old address \"/kept\" is also kept by " + (content / "b.md").generic_string() + ":4: keep it in one post");
}
