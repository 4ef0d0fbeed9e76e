#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <utf8.h>

#include "front_matter.hpp"
#include "read_post.hpp"

using namespace buildlog;
using test::read_ok;

namespace {

std::vector<std::string> problems_of(std::string_view path, std::string_view text) {
  std::vector<std::string> out;
  for (const auto& p : read_post_file(path, text).problems) out.push_back(p.to_string());
  return out;
}


}  // namespace

TEST_CASE("a complete post reads with every field") {
  const SourcePost p = read_ok("posts/saga.md",
                         "---\ntitle: \"SAGA: choreography\"\ndate: 2026-05-12\ntags: [aws, event-driven]\nsummary: Short.\n---\n\n# Body\n\nSome words here.\n");
  CHECK(p.slug == "saga");
  CHECK(p.title == "SAGA: choreography");
  CHECK(p.date == Date{2026, 5, 12});
  CHECK(p.tags == std::vector<std::string>{"aws", "event-driven"});
  CHECK(p.summary == "Short.");
  CHECK(p.status == Status::published);
  CHECK(p.words == 4);
  CHECK(p.reading_minutes == 1);
  CHECK(p.body == "\n# Body\n\nSome words here.\n");
}

TEST_CASE("Jekyll and Hugo conventions are accepted") {
  SECTION("date and slug from a date-prefixed file name") {
    const SourcePost p = read_ok("_posts/2026-05-12-Saga-Choreography.md", "---\ntitle: T\n---\nBody text.\n");
    CHECK(p.date == Date{2026, 5, 12});
    CHECK(p.slug == "saga-choreography");
  }
  SECTION("description as the summary, tags as one string, a date with a time") {
    const SourcePost p = read_ok("a.md", "---\ntitle: T\ndate: 2026-05-12 09:30:00 +0100\ndescription: D.\ntags: aws, security\n---\nBody.\n");
    CHECK(p.summary == "D.");
    CHECK(p.tags == std::vector<std::string>{"aws", "security"});
    CHECK(p.date == Date{2026, 5, 12});
  }
  SECTION("status: in-progress with a progress never keeps its body") {
    const SourcePost p = read_ok("d.md", "---\ntitle: T\ndate: 2026-01-01\nstatus: in progress\nprogress: 15%\n---\nSecret draft.\n");
    CHECK(p.status == Status::in_progress);
    CHECK(p.progress == 15);
    CHECK_FALSE(p.is_private);
    CHECK(p.body.empty());
    CHECK(p.summary.empty());
  }
  SECTION("draft: true, published: false and status: draft are private (issue 12)") {
    for (const char* mark : {"draft: true", "published: false", "status: draft", "status: Draft\ndraft: false"}) {
      const SourcePost p = read_ok("p.md", std::string("---\ntitle: T\ndate: 2026-01-01\n") + mark + "\n---\nPrivate words.\n");
      INFO(mark);
      CHECK(p.is_private);
      CHECK(p.status == Status::published);  // its body kept for the author's preview
    }
    const SourcePost wip = read_ok("w.md", "---\ntitle: T\ndate: 2026-01-01\ndraft: true\nprogress: 15%\n---\nPrivate words.\n");
    CHECK(wip.is_private);
    CHECK(wip.status == Status::in_progress);
    CHECK(wip.progress == 15);
    for (const char* mark : {"draft: false", "published: true"}) CHECK_FALSE(read_ok("q.md", std::string("---\ntitle: T\ndate: 2026-01-01\n") + mark + "\n---\nBody.\n").is_private);
  }
  SECTION("an explicit slug, and no summary gives an excerpt") {
    const SourcePost p = read_ok("x.md", "---\ntitle: T\ndate: 2026-01-01\nslug: my-post\n---\n# H\n\nThe first paragraph.\n\nMore.\n");
    CHECK(p.slug == "my-post");
    CHECK(p.summary == "The first paragraph.");
  }
  SECTION("a byte-order mark and CRLF line ends") {
    const SourcePost p = read_ok("w.md", "\xEF\xBB\xBF---\r\ntitle: Windows\r\ndate: 2026-01-01\r\n---\r\nLine one\r\nline two\r\n");
    CHECK(p.title == "Windows");
    CHECK(p.body == "Line one\nline two\n");
  }
}

TEST_CASE("every front matter error says path:line and why") {
  using Catch::Matchers::VectorContains;
  // A file name with no word to make a title of (Jekyll's title from the name).
  CHECK(problems_of("_.md", "---\nslug: x\ndate: 2026-01-01\n---\nBody\n") ==
        std::vector<std::string>{"_.md:1: title is missing: add 'title: ...' to the front matter"});
  CHECK(problems_of("p.md", "---\ntitle: T\ndate: May 12\n---\nBody\n") ==
        std::vector<std::string>{"p.md:3: date must be a calendar date YYYY-MM-DD, got \"May 12\""});
  CHECK(problems_of("p.md", "---\ntitle: T\ndate: 2026-02-30\n---\nBody\n") ==
        std::vector<std::string>{"p.md:3: date must be a calendar date YYYY-MM-DD, got \"2026-02-30\""});
  CHECK(problems_of("p.md", "---\ntitle: T\ndate: 2026-01-01\nstatus: finished\n---\nBody\n") ==
        std::vector<std::string>{"p.md:4: status must be published, in-progress, planned or draft (private), got \"finished\""});
  CHECK(problems_of("p.md", "---\ntitle: T\ndate: 2026-01-01\nstatus: in-progress\nprogress: 120\n---\n") ==
        std::vector<std::string>{"p.md:5: progress must be a whole number from 0 to 100, got \"120\""});
  CHECK(problems_of("p.md", "---\ntitle: T\ndate: 2026-01-01\nprogress: 50\n---\nBody\n") ==
        std::vector<std::string>{"p.md:4: progress is only for posts in progress (status: in-progress)"});
  CHECK(problems_of("p.md", "---\ntitle: T\ndate: 2026-01-01\nBody without a closing fence\n") ==
        std::vector<std::string>{"p.md:1: the front matter opened here is never closed: add a line '---' after it"});
  CHECK(problems_of("p.md", "# Just Markdown\n") ==
        std::vector<std::string>{"p.md:1: no front matter: the first line must be '---' (YAML), '+++' (TOML) or '{' (JSON), then the post's title, date..."});
  CHECK(problems_of("p.md", "") ==
        std::vector<std::string>{"p.md:1: the file is empty: a post starts with front matter between '---' lines, with at least a title"});
  CHECK(problems_of("p.md", "---\ntitle: T\ndate: 2026-01-01\ntags: {a: b}\n---\nBody\n") ==
        std::vector<std::string>{"p.md:4: tags must be a list or a single text, got a table"});
  CHECK(problems_of("p.md", "---\ntitle: [a, b]\ndate: 2026-01-01\n---\nBody\n") ==
        std::vector<std::string>{"p.md:2: title must be text, got a list"});
  CHECK(problems_of("p.md", "---\ntitle: T\ndate: 2026-01-01\nslug: Not A Slug\n---\nBody\n") ==
        std::vector<std::string>{"p.md:4: slug must be lowercase letters, digits and '-', got \"Not A Slug\""});
  CHECK(problems_of("p.md", "---\ntitle: T\ndate: 2026-01-01\n---\n\n") ==
        std::vector<std::string>{"p.md:1: a published post needs a body below the front matter"});
}

TEST_CASE("YAML syntax errors point at the file's line") {
  const auto texts = problems_of("p.md", "---\ntitle: T\ndate: 2026-01-01\ntags: [a, b\n---\nBody\n");
  REQUIRE(texts.size() == 1);
  CHECK(texts[0].starts_with("p.md:"));
  CHECK(texts[0].find("front matter is not valid YAML") != std::string::npos);
}

TEST_CASE("a file that is not UTF-8 is refused with the line and the byte") {
  CHECK(problems_of("latin1.md", "---\ntitle: Caf\xE9\ndate: 2026-01-01\n---\nBody\n") ==
        std::vector<std::string>{"latin1.md:2: not valid UTF-8: byte 0xE9 at column 11 (save the file as UTF-8)"});
}

TEST_CASE("the first byte that is not UTF-8 is the one utf8cpp finds, wherever it hides") {
  // The reader skips ASCII eight bytes at a time; utf8cpp's own scan of the
  // whole file is the oracle. Bodies of ASCII, valid characters of 2 to 4
  // bytes, and stray bytes (overlong, surrogate, truncated, continuation).
  const std::vector<std::string> pieces{"a", "plain text ", "\n", "é", "→", "😀", "\xE9", "\xC0\xAF", "\xED\xA0\x80", "\xF0\x9F", "\x80", "\xFF", "12345678"};
  std::uint32_t seed = 7;
  const auto next = [&seed] { return (seed = seed * 1664525u + 1013904223u) >> 8; };
  int invalid = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string body;
    for (std::uint32_t n = next() % 40; n > 0; --n) {
      const std::uint32_t pick = next() % 100;
      body += pick < 85 ? pieces[pick % 6] : pieces[6 + pick % 7];  // mostly valid text
    }
    const std::string file = "---\ntitle: T\ndate: 2026-01-01\n---\n" + body + "\n";
    const auto bad = utf8::find_invalid(file.begin(), file.end());
    const auto problems = problems_of("p.md", file);
    INFO(round);
    if (bad == file.end()) {
      for (const auto& p : problems) CHECK(p.find("not valid UTF-8") == std::string::npos);
      continue;
    }
    ++invalid;
    const auto offset = static_cast<std::size_t>(bad - file.begin());
    const auto line_start = file.rfind('\n', offset - 1);
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(*bad));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == "p.md:" + std::to_string(1 + std::count(file.begin(), bad, '\n')) + ": not valid UTF-8: byte " + hex + " at column " +
                             std::to_string(offset - line_start) + " (save the file as UTF-8)");
  }
  CHECK(invalid > 1000);  // both kinds of file were tried
  CHECK(invalid < 2900);
}

TEST_CASE("all problems of one post are reported together") {
  const auto texts = problems_of("p.md", "---\ntitle: \"\"\ndate: soon\nstatus: maybe\n---\nBody\n");
  CHECK(texts.size() == 3);
}

TEST_CASE("a 10 MB post reads without trouble") {
  std::string body;
  while (body.size() < 10u << 20) body += "A paragraph of words that goes on for a while, again and again.\n\n";
  const SourcePost p = read_ok("big.md", "---\ntitle: Big\ndate: 2026-01-01\n---\n" + body);
  CHECK(p.words > 1'000'000);
  CHECK(p.body.size() == body.size());
}

TEST_CASE("a post whose paragraph would take md4c quadratic time is refused with its line (issue 13)") {
  std::string body = "Intro.\n\n";
  for (int i = 0; i < 10'000; ++i) body += "[a](b\n";
  const auto r = read_post_file("p.md", "---\ntitle: T\ndate: 2026-01-01\n---\n" + body);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].where == "p.md:7");
  CHECK(r.problems[0].message.starts_with("this paragraph has links or brackets on many of its lines"));
}
