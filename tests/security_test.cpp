// Hostile input through every view: nothing in a bundle or an address can put
// a tag, an attribute or an address into the page that the core did not mean
// to write (issue 5).
#include <catch2/catch.hpp>

#include "engine.hpp"
#include "reader.hpp"
#include "fixtures.hpp"
#include "html_audit.hpp"
#include "markdown.hpp"
#include "test_support.hpp"
#include "views.hpp"

using namespace buildlog;

TEST_CASE("the audit itself catches what it must") {
  CHECK(test::audit_html("<p class=\"x\">ok &amp; fine</p>").empty());
  CHECK_FALSE(test::audit_html("<script>x</script>").empty());
  CHECK_FALSE(test::audit_html("<p onclick=\"x\">").empty());
  CHECK_FALSE(test::audit_html("<a href=\"javascript:x\">").empty());
  CHECK_FALSE(test::audit_html("<a href=\"java&#115;cript:x\">").empty());
  CHECK_FALSE(test::audit_html("<p>a > b</p>").empty());
  CHECK_FALSE(test::audit_html("<img src=x>").empty());
}

TEST_CASE("a hostile bundle renders safely through every view and address") {
  test::Reader reader(test::hostile_bundle());
  REQUIRE(reader.problems().empty());
  std::vector<std::string> addresses{"./", "search/?q=script", "search/?q=pwned", "search/?q=%3Cscript%3E", "post/nope/",
                                  "tag/%3Cscript%3E/", "%3Cimg%20src=x%20onerror=alert(1)%3E", "search/?q=%22%3E%3Csvg%20onload=alert(1)%3E"};
  for (const auto& p : test::hostile_bundle().posts) {
    addresses.push_back(to_address(PostRoute{p.slug}));
    for (const auto& t : p.tags) addresses.push_back(to_address(TagRoute{t}));
  }
  for (const auto& address : addresses) {
    const Page page = reader.render(address);
    INFO(address);
    CHECK(test::audit_html(page.body.str()) == "");
  }
}

TEST_CASE("a hostile post body keeps its text but loses its script") {
  const std::string html = render_markdown(test::hostile_markdown()).str();
  CHECK(test::audit_html(html) == "");
  CHECK(html.find("&lt;script&gt;window.__pwned(&#39;code&#39;)&lt;/script&gt;") != std::string::npos);
}

TEST_CASE("an error view built from hostile problems is safe too") {
  Engine engine;
  const std::string bundle =
      test::versioned("\"site\":{\"title\":\"<script>x</script>\"},\"posts\":[{\"slug\":\"<img src=x onerror=alert(1)>\"}],"
                      "\"<svg onload=alert(1)>\":1}");
  CHECK_FALSE(engine.load(bundle).empty());
  const auto page = engine.render("./");
  CHECK(page.title == "Blog unavailable");
  CHECK(test::audit_html(page.body.str()) == "");
  CHECK(page.body.str().find("&lt;svg onload=alert(1)&gt;") != std::string::npos);
}

TEST_CASE("every CommonMark spec example renders safely under the default policy") {
  const std::string spec = test::slurp(test::shared_dir() / "corpora/commonmark-spec-0.31.2.txt");
  const std::string fence = "```````````````````````````````` example\n";
  int examples = 0;
  for (auto pos = spec.find(fence); pos != std::string::npos; pos = spec.find(fence, pos)) {
    pos += fence.size();
    const auto dot = spec.find("\n.\n", pos);
    const std::string md = spec.substr(pos, dot + 1 - pos);
    const auto html = render_markdown(md).str();
    INFO(md);
    CHECK(test::audit_html(html) == "");
    ++examples;
  }
  CHECK(examples > 600);
}

TEST_CASE("only the Markdown renderer may mark HTML as trusted") {
  // The escape hatch is greppable on purpose: keep it in one file.
  int users = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(test::source_dir() / "core")) {
    if (!entry.is_regular_file()) continue;
    const auto text = test::slurp(entry.path());
    if (text.find("from_trusted_renderer(") != std::string::npos && entry.path().filename() != "html.hpp") {
      CHECK(entry.path().filename() == "markdown.cpp");
      ++users;
    }
  }
  CHECK(users == 1);
}
