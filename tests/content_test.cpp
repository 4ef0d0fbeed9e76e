#include <catch2/catch.hpp>

#include "bounded_json.hpp"
#include "bundle.hpp"
#include "bundle_writer.hpp"
#include "content.hpp"
#include "fixtures.hpp"
#include "markdown.hpp"

#include <algorithm>
#include "test_support.hpp"

using namespace buildlog;
using test::ScratchDir;
using test::spit;

TEST_CASE("a content folder reads into a bundle with its site settings") {
  ScratchDir dir;
  spit(dir / "site.yaml", "title: My log\ntagline: Things\n");
  spit(dir / "2026-01-02-first.md", "---\ntitle: First\n---\nHello.\n");
  spit(dir / "sub/second.md", "---\ntitle: Second\ndate: 2026-02-01\nstatus: planned\n---\n");
  spit(dir / "README.md", "Not a post.\n");
  spit(dir / ".hidden/ignored.md", "nothing\n");
  const auto read = read_content(dir.path());
  INFO((read.problems.empty() ? "" : read.problems[0].to_string()));
  REQUIRE(read.problems.empty());
  CHECK(read.bundle.site.title == "My log");
  REQUIRE(read.bundle.posts.size() == 2);
  CHECK(read.bundle.posts[0].slug == "second");
  CHECK(read.bundle.posts[1].slug == "first");
}

TEST_CASE("with a cache, only files that changed are read again; removed files leave it, linked files still attach") {
  ScratchDir dir;
  spit(dir / "a.md", "---\ntitle: A\ndate: 2026-01-01\n---\nA body with a picture: ![cover](cover.png)\n");
  spit(dir / "cover.png", "not really a png");
  spit(dir / "b.md", "---\ntitle: B\ndate: 2026-01-02\n---\nB body.\n");
  spit(dir / "c.md", "---\ntitle: C\ndate: 2026-01-03\n---\nC body.\n");
  ContentCache cache;
  const auto first = read_content(dir.path(), &cache);
  REQUIRE(first.problems.empty());
  CHECK(cache.posts.size() == 3);
  const auto post = [](const ContentRead& read, std::string_view slug) {
    return *std::find_if(read.bundle.posts.begin(), read.bundle.posts.end(), [&](const SourcePost& p) { return p.slug == slug; });
  };

  // b changes without changing its size or time: the cache answers for it (which is how a save is told apart).
  const auto b_time = std::filesystem::last_write_time(dir / "b.md");
  spit(dir / "b.md", "---\ntitle: B\ndate: 2026-01-02\n---\nX body.\n");
  std::filesystem::last_write_time(dir / "b.md", b_time);
  spit(dir / "c.md", "---\ntitle: C\ndate: 2026-01-03\n---\nC body, saved again.\n");
  std::filesystem::remove(dir / "a.md");
  const auto second = read_content(dir.path(), &cache);
  REQUIRE(second.problems.empty());
  REQUIRE(second.bundle.posts.size() == 2);
  CHECK(post(second, "b").body == "B body.\n");
  CHECK(post(second, "c").body == "C body, saved again.\n");
  CHECK(cache.posts.size() == 2);
  CHECK_FALSE(cache.posts.contains(dir / "a.md"));

  // a comes back: read anew, then from the cache, its picture attached both times.
  spit(dir / "a.md", "---\ntitle: A\ndate: 2026-01-01\n---\nA body with a picture: ![cover](cover.png)\n");
  for (int round = 0; round < 2; ++round) {
    const auto read = read_content(dir.path(), &cache);
    REQUIRE(read.problems.empty());
    const SourcePost a = post(read, "a");
    REQUIRE(a.attachments.size() == 1);
    CHECK(a.body.find("(" + a.attachments[0].site_path + ")") != std::string::npos);
    CHECK(a.body == post(first, "a").body);
  }
}

TEST_CASE("a build's read lets each post's text go, the preview's keeps it, and both split into the same bundle") {
  ScratchDir dir;
  spit(dir / "a.md", "---\ntitle: A\ndate: 2026-01-01\ntags: [aws]\n---\nRemote *state* lives in [S3](https://aws.amazon.com/s3/).\n\n- one\n- two\n");
  spit(dir / "b.md", "---\ntitle: B\ndate: 2026-01-02\n---\nZürich &amp; `code`, with a footnote.[^1]\n\n[^1]: The note.\n");
  spit(dir / "c.md", "---\ntitle: C\ndate: 2026-01-03\nstatus: planned\n---\n");
  const auto built = read_content(dir.path());
  ContentCache cache;
  const auto previewed = read_content(dir.path(), &cache);
  REQUIRE(built.problems.empty());
  REQUIRE(previewed.problems.empty());
  REQUIRE(built.bundle.posts.size() == 3);
  for (std::size_t i = 0; i < built.bundle.posts.size(); ++i) {
    const SourcePost &b = built.bundle.posts[i], &p = previewed.bundle.posts[i];
    INFO(b.slug);
    CHECK(b.text.empty());
    CHECK(p.text == (p.status == Status::published ? markdown_plain_text(p.body) : ""));
    CHECK(b.words == p.words);
  }
  const auto a = std::find_if(previewed.bundle.posts.begin(), previewed.bundle.posts.end(), [](const SourcePost& p) { return p.slug == "a"; });
  REQUIRE(a != previewed.bundle.posts.end());
  CHECK(a->text.find("Remote state lives in S3.") != std::string::npos);
  const SplitBundle from_built = split_bundle(built.bundle), from_previewed = split_bundle(previewed.bundle);
  CHECK(from_built.entry == from_previewed.entry);
  CHECK(from_built.parts == from_previewed.parts);
}

TEST_CASE("read_file reads a whole file, one whose size the system does not know, and says why it cannot") {
  ScratchDir dir;
  std::string big(100'000, 'x');
  big[99'999] = 'y';
  spit(dir.path() / "big.md", big);
  std::string error;
  CHECK(read_file(dir.path() / "big.md", error) == big);
  spit(dir.path() / "empty.md", "");
  CHECK(read_file(dir.path() / "empty.md", error) == std::string());
  const auto status = read_file("/proc/self/status", error);  // its size says 0
  REQUIRE(status);
  CHECK(status->starts_with("Name:"));
  CHECK(status->find("VmRSS") != std::string::npos);
  CHECK_FALSE(read_file(dir.path() / "missing.md", error));
  CHECK(error == "cannot open: No such file or directory");
  CHECK_FALSE(read_file(dir.path(), error));
  CHECK(error == "cannot read the file: Is a directory");
}

TEST_CASE("a duplicate slug names both files") {
  ScratchDir dir;
  spit(dir / "a/post.md", "---\ntitle: A\ndate: 2026-01-01\n---\nA.\n");
  spit(dir / "b/post.md", "---\ntitle: B\ndate: 2026-01-02\n---\nB.\n");
  const auto read = read_content(dir.path());
  REQUIRE(read.problems.size() == 1);
  CHECK(read.problems[0].to_string() ==
        (dir / "b/post.md").generic_string() + ":1: slug \"post\" is already used by " + (dir / "a/post.md").generic_string());
}

TEST_CASE("every problem in every file is reported in one run") {
  ScratchDir dir;
  spit(dir / "a.md", "---\ntitle: A\n---\n");
  spit(dir / "b.md", "no front matter\n");
  spit(dir / "c.md", "---\ntitle: C\ndate: 2026-01-01\n---\nFine.\n");
  spit(dir / "site.yaml", "title: T\ncolour: blue\n");
  const auto read = read_content(dir.path());
  // a.md: no date and no body; b.md: no front matter; site.yaml: unknown setting.
  CHECK(read.problems.size() == 4);
}

TEST_CASE("the sample blog reads the same on every run and matches the committed posts.json") {
  const auto first = read_content(test::source_dir() / "content");
  const auto second = read_content(test::source_dir() / "content");
  REQUIRE(first.problems.empty());
  const SplitBundle split = split_bundle(first.bundle);
  CHECK(split.entry == split_bundle(second.bundle).entry);
  CHECK(split.parts == split_bundle(second.bundle).parts);
  CHECK(split.entry == test::slurp(test::source_dir() / "posts.json"));
  for (const Part& part : split.parts) {
    INFO(part.name);
    CHECK(part.bytes == test::slurp(test::source_dir() / part.name));
  }
}

TEST_CASE("writing atomically replaces the file whole, and a failed write leaves it alone") {
  ScratchDir dir;
  const auto file = dir / "posts.json";
  spit(file, "old");
  CHECK(write_file_atomically(file, "new").empty());
  CHECK(test::slurp(file) == "new");
  const auto error = write_file_atomically(dir / "missing-folder/posts.json", "x");
  CHECK(error.find("cannot create") == 0);
  CHECK(test::slurp(file) == "new");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);  // no temporary file left behind
}

TEST_CASE("writing a bundle writes only new parts, and then removes only the parts of earlier builds") {
  ScratchDir dir;
  Bundle b;
  b.site.title = "T";
  SourcePost p;
  p.slug = "one";
  p.title = "One";
  p.date = {2026, 1, 2};
  p.summary = "S";
  p.words = 1;
  p.reading_minutes = 1;
  p.body = "First version.\n";
  b.posts.push_back(p);
  const auto entry = dir / "site/posts.json";
  const SplitBundle first = split_bundle(b);
  const BundleWrite wrote = write_bundle(entry, first);
  REQUIRE(wrote.error.empty());
  CHECK(wrote.written == first.parts.size());
  CHECK(test::slurp(entry) == first.entry);
  spit(dir / "site/posts/notes.txt", "the author's own file");  // not a part: never removed

  const BundleWrite again = write_bundle(entry, first);
  CHECK(again.written == 0);
  CHECK(again.removed == 0);
  CHECK_FALSE(again.entry_changed);

  b.posts[0].body = "Second version.\n";
  const SplitBundle second = split_bundle(b);
  const BundleWrite changed = write_bundle(entry, second);
  REQUIRE(changed.error.empty());
  CHECK(changed.entry_changed);
  CHECK(changed.written > 0);
  CHECK(changed.removed > 0);  // the old post part and the search parts the new words changed
  for (const Part& part : second.parts) CHECK(test::slurp(dir / ("site/" + part.name)) == part.bytes);
  for (const Part& old : first.parts)
    if (std::none_of(second.parts.begin(), second.parts.end(), [&](const Part& n) { return n.name == old.name; }))
      CHECK_FALSE(std::filesystem::exists(dir / ("site/" + old.name)));
  CHECK(std::filesystem::exists(dir / "site/posts/notes.txt"));

  // A part cut short (a crash mid-write) has the wrong size: it is written again.
  const Part& post_part = *std::find_if(second.parts.begin(), second.parts.end(), [](const Part& x) { return test::part_kind(x.name) == PartKind::post; });
  spit(dir / ("site/" + post_part.name), post_part.bytes.substr(0, 5));
  CHECK(write_bundle(entry, second).written == 1);
  CHECK(test::slurp(dir / ("site/" + post_part.name)) == post_part.bytes);
}

TEST_CASE("a bundle folder takes parts as a split makes them, keeps them at the finish, and takes back what a failed build added") {
  ScratchDir dir;
  const Bundle blog = test::small_bundle();
  const auto entry = dir / "site/posts.json";
  SplitBundle first;
  {
    BundleFolder folder(entry);
    CHECK(folder.fresh());
    const PartSink sink = folder.sink();
    first = split_bundle(blog, nullptr, &sink);
    REQUIRE(first.sink_error.empty());
    REQUIRE_FALSE(first.parts_sunk.empty());
    for (const auto& name : first.parts_sunk) CHECK(std::filesystem::exists(dir / ("site/" + name)));
    CHECK_FALSE(std::filesystem::exists(entry));  // nothing names them yet
    const BundleWrite wrote = folder.finish(first);
    REQUIRE(wrote.error.empty());
    CHECK(wrote.written == first.parts.size() + first.parts_sunk.size());
    folder.discard();  // too late: the entry names them
  }
  for (const auto& name : first.parts_sunk) CHECK(std::filesystem::exists(dir / ("site/" + name)));
  CHECK(test::slurp(entry) == split_bundle(blog).entry);

  // A later build that fails after its sink wrote parts leaves the folder as it was.
  Bundle changed = blog;
  std::find_if(changed.posts.begin(), changed.posts.end(), [](const SourcePost& p) { return p.status == Status::published; })->body +=
      "\nA sentence with brandnewword in it.\n";
  std::vector<std::filesystem::path> before;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir / "site")) before.push_back(e.path());
  {
    BundleFolder folder(entry);
    CHECK_FALSE(folder.fresh());
    const PartSink sink = folder.sink();
    const SplitBundle second = split_bundle(changed, nullptr, &sink);
    const auto added = std::count_if(second.parts_sunk.begin(), second.parts_sunk.end(), [&](const std::string& n) {
      return !std::binary_search(first.parts_sunk.begin(), first.parts_sunk.end(), n);
    });
    CHECK(added > 0);  // the hit part and the search parts that hold the new word
    folder.discard();
  }
  std::vector<std::filesystem::path> after;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir / "site")) after.push_back(e.path());
  std::sort(before.begin(), before.end());
  std::sort(after.begin(), after.end());
  CHECK(after == before);

  // A fresh folder a failed build made is gone; a part larger than readers load is refused.
  BundleFolder elsewhere(dir / "other/posts.json");
  CHECK(elsewhere.put({"posts/00/h-0000000000000000.bin", "x"}).empty());
  CHECK(elsewhere.put({"posts/00/p-0000000000000000.json", std::string(max_json_bytes + 1, ' ')}).find("more than the limit") != std::string::npos);
  elsewhere.discard();
  CHECK_FALSE(std::filesystem::exists(dir / "other"));
}

TEST_CASE("a post's named references travel in its part, and the engine renders it as the author tool does") {
  ScratchDir dir;
  const std::string body =
      "Caf&eacute; &amp; cr&egrave;me &#169; &nosuch;.\n\n[a](/s&eacute;rie \"&laquo;t&raquo;\")\n\n```c&plus;&plus;\nint x;\n```\n\n"
      "Noted[^1].\n\n[^1]: &frac12; of it\n\n`&copy; in code`\n";
  spit(dir / "2026-01-02-refs.md", "---\ntitle: Refs\n---\n" + body);
  const auto read = read_content(dir.path());
  REQUIRE(read.problems.empty());
  REQUIRE(read.bundle.posts.size() == 1);
  std::string names;
  for (const auto& [name, text] : read.bundle.posts[0].entities.entries()) names += name + "=" + text + " ";
  CHECK(names == "amp=& eacute=é egrave=è frac12=½ laquo=« plus=+ raquo=» ");

  const SplitBundle split = split_bundle(read.bundle);
  const auto part = std::find_if(split.parts.begin(), split.parts.end(), [](const Part& p) { return p.bytes.find("\"entities\"") != std::string::npos; });
  REQUIRE(part != split.parts.end());
  Problems problems;
  const auto loaded = load_post_part(part->bytes, problems);
  REQUIRE(loaded);
  CHECK(loaded->post.entities == read.bundle.posts[0].entities);
  const std::string engine = render_post_body(loaded->post.body, "post/refs/", {.highlights = &loaded->post.highlights, .entities = &loaded->post.entities}).html.str();
  CHECK(engine == render_post_body(body, "post/refs/", {.highlights = &loaded->post.highlights, .entities = &html_entities()}).html.str());
  CHECK(engine.find("<span class=\"hl-t\">int</span>") != std::string::npos);  // "c&plus;&plus;" was read as C++
  CHECK(engine.find("Café &amp; crème © &amp;nosuch;.") != std::string::npos);
  CHECK(engine.find("<a href=\"/s%C3%A9rie\" title=\"«t»\">") != std::string::npos);
  CHECK(engine.find("class=\"language-c++\"") != std::string::npos);
  CHECK(engine.find("½ of it") != std::string::npos);
  CHECK(engine.find("<code>&amp;copy; in code</code>") != std::string::npos);

  // A part's table is bounded and checked like every other field.
  const auto with = [](const std::string& entities) {
    return R"({"post":{"slug":"a","title":"A","date":"2026-01-01","tags":[],"summary":"","status":"published","words":1,"reading_minutes":1,"body":"&xy;","entities":)" +
           entities + R"(},"newer":null,"older":null})";
  };
  const auto ok = load_post_part(with(R"({"xy":"<"})"), problems);
  REQUIRE(ok);
  CHECK(render_post_body(ok->post.body, "post/a/", {.entities = &ok->post.entities}).html.str() == "<p>&lt;</p>\n");
  for (const std::string& bad : {std::string(R"(["x"])"), std::string(R"({"x":1})"), std::string(R"({"x":""})"), std::string(R"({"a;b":"c"})"),
                                 std::string(R"({"":"c"})"), R"({"x":")" + std::string(9, 'y') + "\"}", R"({")" + std::string(33, 'n') + R"(":"c"})"}) {
    INFO(bad);
    Problems refused;
    CHECK_FALSE(load_post_part(with(bad), refused));
    REQUIRE_FALSE(refused.empty());
    CHECK(refused[0].to_string().find("post \"a\".entities: must be an object") == 0);
  }
}
