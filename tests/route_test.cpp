#include <catch2/catch.hpp>

#include "route.hpp"

using namespace buildlog;

TEST_CASE("addresses map to routes, with or without their trailing slash") {
  CHECK(parse_route("") == Route{ListingRoute{}});
  CHECK(parse_route("./") == Route{ListingRoute{}});
  CHECK(parse_route("index.html") == Route{ListingRoute{}});
  CHECK(parse_route("page/2/") == Route{ListingRoute{2}});
  CHECK(parse_route("tag/aws/") == Route{TagRoute{"aws"}});
  CHECK(parse_route("tag/aws") == Route{TagRoute{"aws"}});
  CHECK(parse_route("tag/aws/index.html") == Route{TagRoute{"aws"}});
  CHECK(parse_route("tag/aws/page/3/") == Route{TagRoute{"aws", 3}});
  CHECK(parse_route("tag/event%20driven/") == Route{TagRoute{"event driven"}});
  CHECK(parse_route("post/saga-choreography/") == Route{PostRoute{"saga-choreography"}});
  CHECK(parse_route("search/?q=terraform+state") == Route{SearchRoute{"terraform state"}});
  CHECK(parse_route("search?x=1&q=a%26b&page=2") == Route{SearchRoute{"a&b", 2}});
  CHECK(parse_route("search/") == Route{SearchRoute{""}});
  CHECK(parse_route("search/?x=q&page=2") == Route{SearchRoute{""}});  // found by fuzz_route: no query, no pages
  CHECK(parse_route("/tag/aws") == Route{TagRoute{"aws"}});
}

TEST_CASE("hash addresses from before land on the same views") {
  CHECK(parse_route("#") == Route{ListingRoute{}});
  CHECK(parse_route("#/") == Route{ListingRoute{}});
  CHECK(parse_route("#/page/2") == Route{ListingRoute{2}});
  CHECK(parse_route("#/tag/aws") == Route{TagRoute{"aws"}});
  CHECK(parse_route("#/tag/aws/page/2") == Route{TagRoute{"aws", 2}});
  CHECK(parse_route("#/post/saga-choreography") == Route{PostRoute{"saga-choreography"}});
  CHECK(parse_route("#/search?q=terraform+state") == Route{SearchRoute{"terraform state"}});
  CHECK(parse_route("#/search") == Route{SearchRoute{""}});
}

TEST_CASE("anything else is not found, decoded") {
  CHECK(parse_route("posts") == Route{NotFoundRoute{"posts"}});
  CHECK(parse_route("feed.xml") == Route{NotFoundRoute{"feed.xml"}});
  CHECK(parse_route("tag/") == Route{NotFoundRoute{"tag/"}});
  CHECK(parse_route("post/a/b") == Route{NotFoundRoute{"post/a/b"}});
  CHECK(parse_route("page/0/") == Route{NotFoundRoute{"page/0/"}});
  CHECK(parse_route("#/posts") == Route{NotFoundRoute{"/posts"}});
  CHECK(parse_route("%3Cscript%3E") == Route{NotFoundRoute{"<script>"}});
}

TEST_CASE("bad percent escapes stay as written and long addresses are capped") {
  CHECK(percent_decode("100%") == "100%");
  CHECK(percent_decode("%zz%4") == "%zz%4");
  CHECK(percent_decode("%41%42") == "AB");
  const std::string huge = "search/?q=" + std::string(100000, 'a');
  const auto r = parse_route(huge);
  REQUIRE(std::holds_alternative<SearchRoute>(r));
  CHECK(std::get<SearchRoute>(r).query.size() < max_route_bytes);
}

TEST_CASE("to_address writes what parse_route reads back") {
  for (const Route& r : {Route{ListingRoute{}}, Route{ListingRoute{7}}, Route{TagRoute{"a b/c&d"}}, Route{TagRoute{"x", 2}},
                         Route{SearchRoute{"tla+ \"x\" é"}}, Route{SearchRoute{"x", 3}}, Route{PostRoute{"x-1"}}, Route{SearchRoute{""}}})
    CHECK(parse_route(to_address(r)) == r);
  CHECK(to_address(ListingRoute{}) == "./");
  CHECK(to_address(ListingRoute{2}) == "page/2/");
  CHECK(to_address(TagRoute{"<x>"}) == "tag/%3Cx%3E/");
  CHECK(to_address(TagRoute{"aws", 2}) == "tag/aws/page/2/");
  CHECK(to_address(PostRoute{"saga"}) == "post/saga/");
  CHECK(to_address(SearchRoute{"a b", 2}) == "search/?q=a%20b&page=2");
}

TEST_CASE("each page's file is its address, decoded, where a host can serve it") {
  CHECK(page_file(ListingRoute{}) == "index.html");
  CHECK(page_file(ListingRoute{3}) == "page/3/index.html");
  CHECK(page_file(TagRoute{"event driven"}) == "tag/event driven/index.html");
  CHECK(page_file(TagRoute{"é", 2}) == "tag/é/page/2/index.html");
  CHECK(page_file(PostRoute{"saga"}) == "post/saga/index.html");
  CHECK(page_file(SearchRoute{""}) == "search/index.html");
  CHECK(page_file(SearchRoute{"x"}) == std::nullopt);  // the search page answers every query
  CHECK(page_file(NotFoundRoute{"x"}) == std::nullopt);
  for (const char* tag : {"a/b", "..", ".", ".net", "a\\b", "tab\there"}) CHECK(page_file(TagRoute{tag}) == std::nullopt);
}
