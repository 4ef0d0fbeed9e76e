// Highlighted code (issue 14): the author tool tokenizes code blocks with
// KSyntaxHighlighting, the bundle carries the runs, the renderer applies them.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "bundle.hpp"
#include "highlight.hpp"
#include "highlighter.hpp"
#include "markdown.hpp"

using namespace buildlog;

namespace {

// The kinds a runs string uses, each once.
std::string kinds_in(std::string_view runs) {
  std::string kinds;
  for (const char c : runs)
    if ((c < '0' || c > '9') && c != '-' && kinds.find(c) == std::string::npos) kinds += c;
  return kinds;
}

std::size_t covered(std::string_view runs) {
  std::size_t total = 0, n = 0;
  for (const char c : runs) {
    if (c >= '0' && c <= '9') n = n * 10 + static_cast<std::size_t>(c - '0');
    else total += n, n = 0;
  }
  return total + n;
}

}  // namespace

TEST_CASE("runs encode and apply: each kind in its span, text escaped, the whole block covered") {
  const std::string runs = encode_runs({{TokenKind::keyword, 6}, {TokenKind::plain, 1}, {TokenKind::string, 3}, {TokenKind::string, 2}, {TokenKind::plain, 0}});
  CHECK(runs == "k6-1s5");
  CHECK(is_valid_runs(runs));
  std::string out;
  REQUIRE(append_highlighted(out, "return \"<a>\"", "k6-1s5"));
  CHECK(out == "<span class=\"hl-k\">return</span> <span class=\"hl-s\">&quot;&lt;a&gt;&quot;</span>");
  // Runs that do not cover the text exactly, or are not runs, write nothing.
  for (const char* bad : {"k6-1s4", "k6-1s6", "k6-1s5-1", "k6 s5", "q6-1s5", "k-1", "k", "6k", "k1234567890"}) {
    std::string none;
    CHECK_FALSE(append_highlighted(none, "return \"<a>\"", bad));
    CHECK(none.empty());
  }
  CHECK_FALSE(is_valid_runs("k6 s5"));
  CHECK_FALSE(is_valid_runs("z3"));
}

TEST_CASE("the renderer applies each block's runs in order, text's blocks then footnotes'; runs that do not fit show plain") {
  const std::string md = "Text[^1].\n\n```c\nint x;\n```\n\n    indented\n\n```\nplain\n```\n\n[^1]: A note.\n    ```py\n    pass\n    ```\n";
  const auto blocks = markdown_code_blocks(md);
  REQUIRE(blocks.size() == 4);
  CHECK(blocks[0] == CodeBlock{"c", "int x;\n"});
  CHECK(blocks[1] == CodeBlock{"", "indented\n"});
  CHECK(blocks[2] == CodeBlock{"", "plain\n"});
  CHECK(blocks[3] == CodeBlock{"py", "pass\n"});
  const std::vector<std::string> runs = {"t3-4", "", "k5-2" /* 7 bytes: not the block's 6 */, "k4-1"};
  const std::string html = render_post_body(md, "post/x/", {.highlights = &runs}).html.str();
  CHECK(html.find("<pre><code class=\"language-c\"><span class=\"hl-t\">int</span> x;\n</code></pre>") != std::string::npos);
  CHECK(html.find("<pre><code>indented\n</code></pre>") != std::string::npos);
  CHECK(html.find("<pre><code>plain\n</code></pre>") != std::string::npos);
  CHECK(html.find("<pre><code class=\"language-py\"><span class=\"hl-k\">pass</span>\n</code></pre>") != std::string::npos);
  // Without runs, every block is as before.
  CHECK(render_post_body(md, "post/x/").html.str().find("<pre><code class=\"language-c\">int x;\n</code></pre>") != std::string::npos);
}

TEST_CASE("a post part's highlight list is read, and refused when it is not runs") {
  const auto part = [](std::string highlight) {
    return R"({"post":{"slug":"a","title":"A","date":"2026-01-01","tags":[],"summary":"","status":"published","words":1,"reading_minutes":1,"body":"x","highlight":)" +
           highlight + R"(},"newer":null,"older":null})";
  };
  Problems problems;
  const auto ok = load_post_part(part(R"(["k3-1",""])"), problems);
  REQUIRE(ok);
  CHECK(ok->post.highlights == std::vector<std::string>{"k3-1", ""});
  for (const char* bad : {R"("k3")", R"([3])", R"(["k3 x"])", R"(["<script>"])"}) {
    Problems refused;
    CHECK_FALSE(load_post_part(part(bad), refused));
    REQUIRE_FALSE(refused.empty());
    CHECK(refused[0].where.find("highlight") != std::string::npos);
  }
}

// Every language issue 14 names, as a fence writes it: each sample gets the
// kinds its keywords, strings and comments should, covering the code exactly.
TEST_CASE("the author tool highlights what engineers write about, by the names fences use") {
  const std::map<std::string, std::pair<std::string, std::string>> samples = {
      {"sh", {"# build\nif [ -f x ]; then echo \"hi\"; fi\n", "cks"}},
      {"bash", {"for f in *.md; do echo \"$f\"; done\n", "ks"}},
      {"shell", {"export PATH=\"/bin\" # path\n", "cs"}},
      {"c", {"#include <stdio.h>\nint main(void) { return 0; } /* done */\n", "pktc"}},
      {"cpp", {"#include <vector>\nauto main() -> int { return 0; } // done\n", "pkc"}},
      {"c++", {"template <class T> struct S {};\n", "k"}},
      {"go", {"package main\nfunc main() { fmt.Println(\"hi\") } // x\n", "ksc"}},
      {"rust", {"fn main() { let s = \"hi\"; } // x\n", "ksc"}},
      {"python", {"def f(x):\n    return \"hi\"  # x\n", "ksc"}},
      {"py", {"import os\n", "p"}},
      {"javascript", {"const x = \"hi\"; // x\n", "ksc"}},
      {"js", {"function f() { return 1; }\n", "kn"}},
      {"typescript", {"interface A { x: string } // x\n", "kc"}},
      {"ts", {"let x: number = 1;\n", "kn"}},
      {"java", {"public class A { String s = \"hi\"; } // x\n", "ksc"}},
      {"json", {"{\"a\": [1, true, \"x\"]}\n", "sn"}},
      {"yaml", {"key: \"value\" # x\nlist:\n  - 1\n", "sc"}},
      {"yml", {"a: 1\n", "n"}},
      {"toml", {"[server]\nport = 8080 # x\nname = \"a\"\n", "snc"}},
      {"hcl", {"resource \"aws_s3_bucket\" \"b\" {\n  count = 3 # x\n}\n", "ksnc"}},
      {"terraform", {"variable \"region\" {\n  default = \"eu-west-1\"\n}\n", "ks"}},
      {"tf", {"locals {\n  a = 1\n}\n", "n"}},
      {"sql", {"SELECT name FROM users WHERE id = 1; -- x\n", "knc"}},
      {"dockerfile", {"FROM debian:bookworm\nRUN apt-get update # x\n", "kc"}},
      {"Dockerfile", {"COPY . /app\n", "k"}},
      {"diff", {"--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n", "stv"}},
      {"html", {"<!-- x -->\n<p class=\"a\">hi</p>\n", "cs"}},
      {"css", {"/* x */\n.a { color: #fff; margin: 0 }\n", "c"}},
      {"markdown", {"# Title\n\n**strong** and `code`\n", "f"}},
      {"md", {"# Title\n", "f"}},
  };
  for (const auto& [language, sample] : samples) {
    INFO(language);
    const auto runs = highlight_code(language, sample.first);
    REQUIRE(runs);
    CHECK(is_valid_runs(*runs));
    CHECK(covered(*runs) == sample.first.size());
    for (const char kind : sample.second) {
      INFO(std::string("kind ") + kind + " in " + *runs);
      CHECK(kinds_in(*runs).find(kind) != std::string::npos);
    }
  }
}

TEST_CASE("unknown languages, malformed text and oversized blocks stay plain; characters outside ASCII are counted in bytes") {
  CHECK_FALSE(highlight_code("text", "plain words\n"));
  CHECK_FALSE(highlight_code("mermaid", "graph TD\n"));
  CHECK_FALSE(highlight_code("", "int x;\n"));
  CHECK_FALSE(highlight_code("c", "int \xff x;\n"));
  CHECK_FALSE(highlight_code("c", std::string(max_highlighted_code_bytes + 1, 'x')));
  CHECK_FALSE(highlight_code("c", std::string(max_highlighted_line_bytes + 1, 'x') + "\n"));
  const std::string code = "s = \"héllo 😀\"  # ünïcode 😀\nx = 1\n";
  const auto runs = highlight_code("python", code);
  REQUIRE(runs);
  CHECK(covered(*runs) == code.size());
  std::string html;
  REQUIRE(append_highlighted(html, code, *runs));
  CHECK(html.find("<span class=\"hl-s\">&quot;héllo 😀&quot;</span>") != std::string::npos);
  CHECK(html.find("<span class=\"hl-c\"># ünïcode 😀</span>") != std::string::npos);
}

TEST_CASE("a post's blocks get runs in the renderer's order, none when nothing is highlighted") {
  CHECK(highlight_blocks("No code here.\n").empty());
  CHECK(highlight_blocks("```text\nplain\n```\n").empty());
  const auto runs = highlight_blocks("```\nplain\n```\n\n```go\nfunc f() {}\n```\n");
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].empty());
  CHECK(runs[1].starts_with("k4"));
}
