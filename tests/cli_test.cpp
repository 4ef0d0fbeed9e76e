// The author tool end to end, as a process, on temporary folders.
#include <catch2/catch.hpp>

#include <cstdio>
#include <map>
#include <sys/wait.h>

#include "pages.hpp"
#include "post.hpp"
#include "precompress.hpp"
#include "serve.hpp"
#include "test_support.hpp"

using namespace buildlog;
using test::ScratchDir;
using test::slurp;
using test::spit;

namespace {

struct Run {
  int exit_code;
  std::string output;  // stdout and stderr
};

Run run(const std::string& args) {
  const std::string command = std::string(BUILDLOG_CLI) + " " + args + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[4096];
  while (const auto n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// The page's files for a site build, in DIR/page and named by
// BUILDLOG_PAGE_FILES while this lives: the real template, stand-in assets.
struct StubPageFiles {
  explicit StubPageFiles(const ScratchDir& dir) {
    ::setenv("BUILDLOG_PAGE_FILES", (dir / "page").c_str(), 1);
    spit(dir / "page/index.html", slurp(test::source_dir() / "web/index.html"));
    for (const char* f : {"style.css", "favicon.svg", "engine.wasm", "engine.js", "shim.js"}) spit(dir / "page" / f, std::string("file ") + f);
  }
  ~StubPageFiles() { ::unsetenv("BUILDLOG_PAGE_FILES"); }
  StubPageFiles(const StubPageFiles&) = delete;
  StubPageFiles& operator=(const StubPageFiles&) = delete;
};

}  // namespace

TEST_CASE("build twice gives identical files, equal to the committed posts.json") {
  ScratchDir dir;
  const auto content = quoted(test::source_dir() / "content");
  const auto first = run("build " + content + " -o " + quoted(dir / "a.json"));
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  CHECK(first.output.find("3 published, 3 in progress, 1 planned") != std::string::npos);
  REQUIRE(run("build " + content + " -o " + quoted(dir / "b.json")).exit_code == 0);
  CHECK(slurp(dir / "a.json") == slurp(dir / "b.json"));
  CHECK(slurp(dir / "a.json") == slurp(test::source_dir() / "posts.json"));
}

TEST_CASE("a broken post fails the build with path:line and leaves the previous output byte for byte") {
  ScratchDir dir;
  spit(dir / "content/good.md", "---\ntitle: Good\ndate: 2026-01-01\n---\nFine.\n");
  const auto out = dir / "posts.json";
  REQUIRE(run("build " + quoted(dir / "content") + " -o " + quoted(out)).exit_code == 0);
  const std::string before = slurp(out);

  spit(dir / "content/bad.md", "---\ntitle: Bad\ndate: 2026-13-01\n---\nBody\n");
  spit(dir / "content/worse.md", "---\ntitle: Worse\n");
  const auto result = run("build " + quoted(dir / "content") + " -o " + quoted(out));
  INFO(result.output);
  CHECK(result.exit_code == 1);
  CHECK(result.output.find((dir / "content/bad.md").generic_string() + ":3: date must be a calendar date YYYY-MM-DD, got \"2026-13-01\"") != std::string::npos);
  CHECK(result.output.find((dir / "content/worse.md").generic_string() + ":1: the front matter opened here is never closed") != std::string::npos);
  CHECK(result.output.find("2 problems; ") != std::string::npos);
  CHECK(slurp(out) == before);
  CHECK(slurp(dir / "content/bad.md") == "---\ntitle: Bad\ndate: 2026-13-01\n---\nBody\n");
}

TEST_CASE("check reports problems and writes nothing") {
  ScratchDir dir;
  spit(dir / "content/a.md", "---\ntitle: A\ndate: 2026-01-01\nstatus: done\n---\nBody\n");
  const auto result = run("check " + quoted(dir / "content"));
  CHECK(result.exit_code == 1);
  CHECK(result.output.find("a.md:4: status must be") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "posts.json"));
  CHECK(run("check " + quoted(test::source_dir() / "content")).exit_code == 0);
}

TEST_CASE("a missing content folder and bad arguments fail clearly") {
  ScratchDir dir;
  const auto missing = run("build " + quoted(dir / "nope") + " -o " + quoted(dir / "x.json"));
  CHECK(missing.exit_code == 1);
  CHECK(missing.output.find("not a folder of posts") != std::string::npos);
  CHECK(run("frobnicate").exit_code != 0);
}

TEST_CASE("serve is buildlog-serve's, which alone loads the HTTP server") {
  const auto help = run("serve --help");
  CHECK(help.exit_code == 0);
  CHECK(help.output.find("Usage: buildlog serve [OPTIONS] [DIR]") != std::string::npos);
  CHECK(help.output.find("--port") != std::string::npos);
  const auto wrong = run("serve --no-such-option");
  CHECK(wrong.exit_code != 0);
  CHECK(wrong.output.find("--no-such-option") != std::string::npos);
  // What the split buys: build, check, init and new start without the HTTP
  // and TLS libraries (4 MB of a build's memory). ldd lists what the loader maps.
  const auto linked = [](const std::string& program) {
    FILE* pipe = ::popen(("ldd '" + program + "'").c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buf[4096];
    while (const auto n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
    ::pclose(pipe);
    return out;
  };
  const std::string tool = linked(BUILDLOG_CLI), server = linked((std::filesystem::path(BUILDLOG_CLI).parent_path() / "buildlog-serve").string());
  REQUIRE(tool.find("libc.so") != std::string::npos);
  CHECK(tool.find("httplib") == std::string::npos);
  CHECK(tool.find("libssl") == std::string::npos);
  CHECK(server.find("httplib") != std::string::npos);
}

TEST_CASE("serve sends the page's own Content-Security-Policy, plus what only a header can say") {
  const std::string page = slurp(test::source_dir() / "web/index.html");
  const auto policy = header_policy(page);
  REQUIRE(policy);
  const std::string suffix = "; frame-ancestors 'none'";
  REQUIRE(policy->ends_with(suffix));
  const std::string declared = policy->substr(0, policy->size() - suffix.size());
  CHECK(page.find("content=\"" + declared + "\"") != std::string::npos);
  CHECK(declared.find("script-src 'self' 'wasm-unsafe-eval'") != std::string::npos);
  CHECK_FALSE(header_policy("<!doctype html><title>no policy</title>"));
}

namespace {

// Every byte of every file under `dir`, for looking for words that must not be there.
std::string every_byte(const std::filesystem::path& dir) {
  std::string all;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) all += entry.path().generic_string() + "\n" + slurp(entry.path()) + "\n";
  return all;
}

// A blog with one ordinary post, four private ones and one dated in the
// future. Each unpublished post carries its own word (in its file name,
// title, tag, summary and body), each starting with a letter no other word
// of the blog starts with, so that the search index stores it whole.
void write_private_blog(const std::filesystem::path& content) {
  spit(content / "2026-01-01-ordinary.md", "---\ntitle: An ordinary post\ndate: 2026-01-01\ntags: [notes]\n---\nNothing hidden here.\n");
  spit(content / "quokka.md", "---\ntitle: Quokka\ndate: 2026-01-02\ntags: [quokka]\nsummary: quokka\ndraft: true\n---\nquokka quokka.\n");
  spit(content / "zanzibar.md", "---\ntitle: Zanzibar\ndate: 2026-01-03\ntags: [zanzibar]\nsummary: zanzibar\npublished: false\n---\nzanzibar.\n");
  spit(content / "xylograph.md", "---\ntitle: Xylograph\ndate: 2026-01-04\ntags: [xylograph]\nsummary: xylograph\nstatus: draft\n---\nxylograph.\n");
  spit(content / "yodel.md", "---\ntitle: Yodel\ndate: 2026-01-05\ntags: [yodel]\nsummary: yodel\ndraft: true\nprogress: 20\n---\nyodel.\n");
  spit(content / "jabberwock.md", "---\ntitle: Jabberwock\ndate: 2999-01-01\ntags: [jabberwock]\nsummary: jabberwock\n---\njabberwock.\n");
}

}  // namespace

TEST_CASE("no private or future post leaves any trace in a built site (issue 12)") {
  ScratchDir dir;
  write_private_blog(dir / "content");
  const auto result = run("build " + quoted(dir / "content") + " -o " + quoted(dir / "out/posts.json"));
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK(result.output.find("1 published, 0 in progress, 0 planned; 4 private left out; 1 dated after today wait for their day") != std::string::npos);
  const std::string site = every_byte(dir / "out");
  CHECK(site.find("ordinary") != std::string::npos);
  for (const char* word : {"quokka", "Quokka", "zanzibar", "Zanzibar", "xylograph", "Xylograph", "yodel", "Yodel", "jabberwock", "Jabberwock"}) {
    INFO(word);
    CHECK(site.find(word) == std::string::npos);
  }
  // The check above can see such words: --future publishes the future post, and its word is there.
  REQUIRE(run("build " + quoted(dir / "content") + " --future -o " + quoted(dir / "future/posts.json")).exit_code == 0);
  const std::string with_future = every_byte(dir / "future");
  CHECK(with_future.find("jabberwock") != std::string::npos);
  CHECK(with_future.find("quokka") == std::string::npos);
}

TEST_CASE("build of a folder with no posts fails and leaves the previous site alone") {
  ScratchDir dir;
  spit(dir / "content/a.md", "---\ntitle: A\ndate: 2026-01-01\n---\nBody\n");
  REQUIRE(run("build " + quoted(dir / "content") + " -o " + quoted(dir / "out/posts.json")).exit_code == 0);
  const std::string before = every_byte(dir / "out");
  std::filesystem::create_directories(dir / "empty");
  const auto result = run("build " + quoted(dir / "empty") + " -o " + quoted(dir / "out/posts.json"));
  CHECK(result.exit_code == 1);
  CHECK(result.output.find("has no posts (*.md)") != std::string::npos);
  CHECK(every_byte(dir / "out") == before);
}

TEST_CASE("init starts a blog that builds into a whole site, and new starts a private post in it") {
  ScratchDir dir;
  const StubPageFiles page_files(dir);  // as an installed buildlog has them
  const auto blog = dir / "my-blog";
  const auto init = run("init " + quoted(blog) + " --title 'Field notes'");
  INFO(init.output);
  REQUIRE(init.exit_code == 0);
  CHECK(slurp(blog / "content/site.yaml").starts_with("title: \"Field notes\"\n"));
  CHECK(slurp(blog / ".gitignore").find("/dist/") != std::string::npos);
  CHECK(run("init " + quoted(blog)).exit_code == 1);  // never over an existing blog

  const auto made = run("new 'Ship it: a post!' --content " + quoted(blog / "content"));
  INFO(made.output);
  REQUIRE(made.exit_code == 0);
  std::filesystem::path post;
  for (const auto& e : std::filesystem::directory_iterator(blog / "content"))
    if (e.path().filename().string().ends_with("-ship-it-a-post.md")) post = e.path();
  REQUIRE_FALSE(post.empty());
  CHECK(slurp(post).find("title: \"Ship it: a post!\"\n") != std::string::npos);
  CHECK(slurp(post).find("draft: true") != std::string::npos);

  const auto built = run("build " + quoted(blog / "content") + " -o " + quoted(blog / "dist"));
  INFO(built.output);
  REQUIRE(built.exit_code == 0);
  CHECK(built.output.find("1 published, 0 in progress, 0 planned; 1 private left out") != std::string::npos);
  // Every asset under its content's name, and every page naming it so.
  const std::string index = slurp(blog / "dist/index.html");
  for (const char* f : {"style.css", "favicon.svg", "engine.wasm", "engine.js", "shim.js"}) {
    const Asset asset = hashed_asset(f, std::string("file ") + f);
    INFO(asset.hashed);
    CHECK(slurp(blog / "dist" / asset.hashed) == std::string("file ") + f);
    CHECK(index.find("\"" + asset.hashed + "\"") != std::string::npos);
  }
  CHECK(std::filesystem::exists(blog / "dist/posts.json"));
  CHECK(std::filesystem::exists(blog / "dist/post/hello-world/index.html"));
  CHECK(std::filesystem::exists(blog / "dist/404.html"));
  CHECK_FALSE(std::filesystem::exists(blog / "dist/post/ship-it-a-post"));
  CHECK(every_byte(blog / "dist").find("Ship it") == std::string::npos);
}

TEST_CASE("a build that would take down more than half of the published posts needs --allow-shrink (issue 13)") {
  ScratchDir dir;
  for (const char* slug : {"a", "b", "c", "d"}) spit(dir / "content" / (std::string(slug) + ".md"), std::string("---\ntitle: ") + slug + "\ndate: 2026-01-01\n---\nBody\n");
  const auto out = dir / "site/posts.json";
  REQUIRE(run("build " + quoted(dir / "content") + " -o " + quoted(out)).exit_code == 0);
  const std::string before = every_byte(dir / "site");
  for (const char* slug : {"b", "c", "d"}) std::filesystem::remove(dir / "content" / (std::string(slug) + ".md"));
  const auto refused = run("build " + quoted(dir / "content") + " -o " + quoted(out));
  INFO(refused.output);
  CHECK(refused.exit_code == 1);
  CHECK(refused.output.find("this build publishes 1 posts, and " + out.generic_string() + " has 4: more than half would go") != std::string::npos);
  CHECK(every_byte(dir / "site") == before);
  CHECK(run("build " + quoted(dir / "content") + " --allow-shrink -o " + quoted(out)).exit_code == 0);
  CHECK(every_byte(dir / "site") != before);
}

TEST_CASE("every limit the engine enforces is checked by the author tool, with the limit and the value (issue 13)") {
  ScratchDir dir;
  const std::string past_title(max_title_bytes + 1, 't'), past_summary(max_summary_bytes + 1, 's'), past_tag(max_tag_bytes + 1, 'g'),
      past_slug(max_slug_bytes + 1, 'x');
  spit(dir / "content/site.yaml", "title: " + std::string(201, 'T') + "\ntagline: " + std::string(1001, 'L') + "\n");
  spit(dir / "content/post.md", "---\ntitle: " + past_title + "\ndate: 2026-01-01\nsummary: " + past_summary + "\ntags: [" + past_tag +
                                    "]\nslug: " + past_slug + "\n---\nBody\n");
  const auto result = run("check " + quoted(dir / "content"));
  INFO(result.output);
  CHECK(result.exit_code == 1);
  const std::string site = (dir / "content/site.yaml").generic_string(), post = (dir / "content/post.md").generic_string();
  CHECK(result.output.find(site + ":1: title is 201 bytes, more than the limit of 200") != std::string::npos);
  CHECK(result.output.find(site + ":2: tagline is 1001 bytes, more than the limit of 1000") != std::string::npos);
  CHECK(result.output.find(post + ":2: title is 1001 bytes, more than the limit of 1000") != std::string::npos);
  CHECK(result.output.find(post + ":4: summary is 4001 bytes, more than the limit of 4000") != std::string::npos);
  CHECK(result.output.find(post + ":5: tag \"gggggggggggggggggggg…\" is 101 bytes, more than the limit of 100") != std::string::npos);
  CHECK(result.output.find(post + ":6: slug is 101 bytes, more than the limit of 100") != std::string::npos);
}

TEST_CASE("a post whose HTML would pass the bound is refused before it reaches readers (issue 13)") {
  ScratchDir dir;
  std::string body = "[r]: /" + std::string(2000, 'u') + "\n\n";
  for (int i = 0; i < 5000; ++i) body += "[r] ";
  spit(dir / "content/refs.md", "---\ntitle: Refs\ndate: 2026-01-01\n---\n" + body + "\n");
  const auto result = run("build " + quoted(dir / "content") + " -o " + quoted(dir / "out/posts.json"));
  INFO(result.output);
  CHECK(result.exit_code == 1);
  CHECK(result.output.find((dir / "content/refs.md").generic_string() + ":1: the body makes more than") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "out/posts.json"));
}

TEST_CASE("a post made private leaves every feed and page, its tag's included, at the next build (issues 11, 12)") {
  ScratchDir dir;
  const StubPageFiles page_files(dir);
  spit(dir / "content/site.yaml", "title: T\nurl: https://example.org/\n");
  spit(dir / "content/a.md", "---\ntitle: Public\ndate: 2026-01-01\ntags: [common]\n---\nPublic words.\n");
  spit(dir / "content/b.md", "---\ntitle: Quietly\ndate: 2026-01-02\ntags: [common, kumquat]\n---\nKumquat words.\n");
  REQUIRE(run("build " + quoted(dir / "content") + " -o " + quoted(dir / "dist")).exit_code == 0);
  REQUIRE(std::filesystem::exists(dir / "dist/feeds/tag-kumquat.xml"));
  REQUIRE(std::filesystem::exists(dir / "dist/post/b/index.html"));
  REQUIRE(std::filesystem::exists(dir / "dist/tag/kumquat/index.html"));
  CHECK(every_byte(dir / "dist").find("Kumquat words") != std::string::npos);
  spit(dir / "content/b.md", "---\ntitle: Quietly\ndate: 2026-01-02\ntags: [common, kumquat]\ndraft: true\n---\nKumquat words.\n");
  const auto result = run("build " + quoted(dir / "content") + " -o " + quoted(dir / "dist"));
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(dir / "dist/feeds/tag-kumquat.xml"));
  CHECK_FALSE(std::filesystem::exists(dir / "dist/post/b"));  // its page, and its folder
  CHECK_FALSE(std::filesystem::exists(dir / "dist/tag/kumquat"));
  CHECK(every_byte(dir / "dist").find("umquat") == std::string::npos);
  CHECK(every_byte(dir / "dist").find("Quietly") == std::string::npos);
  CHECK(std::filesystem::exists(dir / "dist/feeds/tag-common.xml"));
}

TEST_CASE("a Jekyll blog and a Hugo site build: old addresses redirect, files beside posts travel, --strict refuses warnings (issue 15)") {
  ScratchDir dir;
  const StubPageFiles page_files(dir);
  for (const char* blog : {"jekyll", "hugo"}) {
    const auto content = quoted(test::source_dir() / "tests/migration" / blog);
    const auto out = dir / blog;
    const auto strict = run("build " + content + " -o " + quoted(out) + " --strict");
    INFO(strict.output);
    CHECK(strict.exit_code == 1);
    CHECK(strict.output.find("which --strict makes problems") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
    const auto built = run("build " + content + " -o " + quoted(out));
    INFO(built.output);
    REQUIRE(built.exit_code == 0);
    CHECK(built.output.find("warning: ") != std::string::npos);
  }
  // Jekyll: every old address is a page that sends readers to the post.
  for (const auto& [file, back] : {std::pair{"old/moved/index.html", "../../"}, std::pair{"blog/2020/moved-post.html", "../../"},
                                   std::pair{"2020/02/01/moved-post.html", "../../../"}}) {
    INFO(file);
    const std::string page = slurp(dir / "jekyll" / file);
    CHECK(page.find("<meta http-equiv=\"refresh\" content=\"0; url=" + std::string(back) + "post/moved-post/\">") != std::string::npos);
    CHECK(page.find("<link rel=\"canonical\" href=\"" + std::string(back) + "post/moved-post/\">") != std::string::npos);
  }
  // The diagram the post shows is in the site, under the name its page links.
  const std::string moved = slurp(dir / "jekyll/post/moved-post/index.html");
  const auto src = moved.find("<img src=\"assets/diagram.");
  REQUIRE(src != std::string::npos);
  const std::string image = moved.substr(src + 10, moved.find('"', src + 10) - src - 10);
  CHECK(slurp(dir / "jekyll" / image) == slurp(test::source_dir() / "tests/migration/jekyll/assets/diagram.svg"));
  // Hugo: the page bundle's photo and its old url.
  CHECK(std::filesystem::exists(dir / "hugo/2024/bundle-one-old/index.html"));
  CHECK(slurp(dir / "hugo/post/bundle-one/index.html").find("<img src=\"assets/photo.") != std::string::npos);
  CHECK(slurp(dir / "hugo/post/first-post/index.html").find("<p class=\"updated\">Updated <time datetime=\"2024-02-01\">") != std::string::npos);
  CHECK(slurp(dir / "hugo/post/json-post/index.html").find("<p class=\"byline\">by Grace Hopper and Alan Turing</p>") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "hugo/post/draft-post"));
}

TEST_CASE("an old address dropped from a post loses its page at the next build; a file the author put there stays") {
  ScratchDir dir;
  const StubPageFiles page_files(dir);
  spit(dir / "content/a.md", "---\ntitle: A\ndate: 2026-01-01\naliases: [/old/a/, /old/b.html]\n---\n![](pic.svg)\n");
  spit(dir / "content/pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
  REQUIRE(run("build " + quoted(dir / "content") + " -o " + quoted(dir / "dist")).exit_code == 0);
  REQUIRE(std::filesystem::exists(dir / "dist/old/a/index.html"));
  REQUIRE(std::filesystem::exists(dir / "dist/old/b.html"));
  spit(dir / "dist/old/mine.html", "the author's own file\n");
  spit(dir / "content/a.md", "---\ntitle: A\ndate: 2026-01-01\naliases: [/old/b.html]\n---\nNo picture now.\n");
  const auto result = run("build " + quoted(dir / "content") + " -o " + quoted(dir / "dist"));
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(dir / "dist/old/a"));
  CHECK(std::filesystem::exists(dir / "dist/old/b.html"));
  CHECK(slurp(dir / "dist/old/mine.html") == "the author's own file\n");
  for (const auto& entry : std::filesystem::directory_iterator(dir / "dist/assets")) CHECK(entry.path().filename().string().find("pic.") == std::string::npos);
}

TEST_CASE("a site's large assets get compressed copies beside them, which decode to the asset, and go with it") {
  ScratchDir dir;
  const StubPageFiles page_files(dir);
  std::string engine;
  for (int i = 0; i < 400; ++i) engine += "(func $f" + std::to_string(i) + " (result i32) i32.const " + std::to_string(i * 7) + ")\n";
  spit(dir / "page/engine.wasm", engine);
  spit(dir / "content/a.md", "---\ntitle: A\ndate: 2026-01-01\n---\nText.\n");
  REQUIRE(run("build " + quoted(dir / "content") + " -o " + quoted(dir / "site")).exit_code == 0);
  std::map<std::string, std::string> assets;  // name -> bytes
  for (const auto& e : std::filesystem::directory_iterator(dir / "site/assets")) assets[e.path().filename().string()] = slurp(e.path());
  std::string wasm;
  for (const auto& [name, bytes] : assets)
    if (name.starts_with("engine.") && name.ends_with(".wasm")) wasm = name;
  REQUIRE_FALSE(wasm.empty());
  REQUIRE(assets.contains(wasm + ".gz"));
  REQUIRE(assets.contains(wasm + ".br"));
  CHECK(assets[wasm + ".br"].size() < engine.size() / 4);
  CHECK(decoded(assets[wasm + ".gz"], false, engine.size()) == engine);
  CHECK(decoded(assets[wasm + ".br"], true, engine.size()) == engine);
  // Copies that come with the page files (the engine's build makes them) are
  // taken as they are when they decode to the file; a stale or broken one is not.
  const std::string theirs = brotli_best(engine);
  spit(dir / "page/engine.wasm.br", theirs.substr(0, theirs.size() - 1) + "?");
  const std::string fast = gzip(engine, 1);  // valid, and not what the build would make
  REQUIRE(fast != gzip_best(engine));
  spit(dir / "page/engine.wasm.gz", fast);
  std::filesystem::remove_all(dir / "site");
  REQUIRE(run("build " + quoted(dir / "content") + " -o " + quoted(dir / "site")).exit_code == 0);
  CHECK(slurp(dir / "site/assets" / (wasm + ".gz")) == fast);
  CHECK(decoded(slurp(dir / "site/assets" / (wasm + ".br")), true, engine.size()) == engine);
  spit(dir / "page/engine.wasm.gz", gzip_best(engine + "stale"));
  std::filesystem::remove_all(dir / "site");
  REQUIRE(run("build " + quoted(dir / "content") + " -o " + quoted(dir / "site")).exit_code == 0);
  CHECK(decoded(slurp(dir / "site/assets" / (wasm + ".gz")), false, engine.size()) == engine);
  CHECK(decodes_to(slurp(dir / "site/assets" / (wasm + ".gz")), false, engine));
  CHECK_FALSE(decodes_to(gzip_best(engine + "stale"), false, engine));
  CHECK_FALSE(decodes_to(theirs, true, engine + "x"));
  CHECK_FALSE(decodes_to("not brotli", true, engine));
  // Small files are sent as they are.
  for (const auto& [name, bytes] : assets)
    if (name.starts_with("shim.")) CHECK_FALSE(name.ends_with(".gz"));
  // A new engine: the old one's copies go with it.
  spit(dir / "page/engine.wasm", engine + "(func $g)\n");
  REQUIRE(run("build " + quoted(dir / "content") + " -o " + quoted(dir / "site")).exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(dir / "site/assets" / (wasm + ".br")));
  CHECK_FALSE(std::filesystem::exists(dir / "site/assets" / (wasm + ".gz")));
}

TEST_CASE("a site build whose pages or assets changed says so, and is up to date only when nothing changed") {
  ScratchDir dir;
  const StubPageFiles page(dir);
  spit(dir / "content/a.md", "---\ntitle: A\ndate: 2026-01-01\n---\nBody\n");
  const auto build = [&] { return run("build " + quoted(dir / "content") + " -o " + quoted(dir / "site")); };
  REQUIRE(build().exit_code == 0);
  const auto again = build();
  INFO(again.output);
  CHECK(again.output.find("is up to date") != std::string::npos);

  // Only the stylesheet changed: the bundle is the same, the site is not.
  spit(dir / "page/style.css", "file style.css, changed");
  const auto changed = build();
  INFO(changed.output);
  CHECK(changed.exit_code == 0);
  CHECK(changed.output.find("is up to date") == std::string::npos);
  CHECK(changed.output.find("0 new, 0 removed; other files: ") != std::string::npos);
  // The new stylesheet and every page naming it written; the old stylesheet removed.
  CHECK(changed.output.find("other files: 0 written") == std::string::npos);
  CHECK(changed.output.find(" written, 1 removed)") != std::string::npos);
}

TEST_CASE("check says where crawlers look for the sitemap when the blog lives under a subpath") {
  ScratchDir dir;
  spit(dir / "content/a.md", "---\ntitle: A\ndate: 2026-01-01\n---\nBody\n");
  spit(dir / "content/site.yaml", "title: T\nurl: https://user.github.io/blog\n");
  const auto under = run("check " + quoted(dir / "content"));
  INFO(under.output);
  CHECK(under.exit_code == 0);
  CHECK(under.output.find("the blog lives under /blog/") != std::string::npos);
  CHECK(under.output.find("\"Sitemap: https://user.github.io/blog/sitemap.xml\"") != std::string::npos);

  spit(dir / "content/site.yaml", "title: T\nurl: https://blog.example.org/\n");
  const auto root = run("check " + quoted(dir / "content"));
  CHECK(root.exit_code == 0);
  CHECK(root.output.find("robots.txt") == std::string::npos);
}
