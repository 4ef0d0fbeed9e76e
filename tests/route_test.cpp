#include <catch2/catch.hpp>

#include "route.hpp"

using namespace buildlog;

TEST_CASE("hashes map to routes") {
  CHECK(parse_route("") == Route{ListingRoute{}});
  CHECK(parse_route("#") == Route{ListingRoute{}});
  CHECK(parse_route("#/") == Route{ListingRoute{}});
  CHECK(parse_route("#/tag/aws") == Route{TagRoute{"aws"}});
  CHECK(parse_route("#/tag/event%20driven") == Route{TagRoute{"event driven"}});
  CHECK(parse_route("#/post/saga-choreography") == Route{PostRoute{"saga-choreography"}});
  CHECK(parse_route("#/search?q=terraform+state") == Route{SearchRoute{"terraform state"}});
  CHECK(parse_route("#/search?x=1&q=a%26b") == Route{SearchRoute{"a&b"}});
  CHECK(parse_route("#/search") == Route{SearchRoute{""}});
  CHECK(parse_route("/tag/aws") == Route{TagRoute{"aws"}});
}

TEST_CASE("anything else is not found, decoded") {
  CHECK(parse_route("#/posts") == Route{NotFoundRoute{"/posts"}});
  CHECK(parse_route("#/tag/") == Route{NotFoundRoute{"/tag/"}});
  CHECK(parse_route("#/post/a/b") == Route{NotFoundRoute{"/post/a/b"}});
  CHECK(parse_route("#main") == Route{NotFoundRoute{"main"}});
  CHECK(parse_route("#/%3Cscript%3E") == Route{NotFoundRoute{"/<script>"}});
}

TEST_CASE("bad percent escapes stay as written and long hashes are capped") {
  CHECK(percent_decode("100%") == "100%");
  CHECK(percent_decode("%zz%4") == "%zz%4");
  CHECK(percent_decode("%41%42") == "AB");
  const std::string huge = "#/search?q=" + std::string(100000, 'a');
  const auto r = parse_route(huge);
  REQUIRE(std::holds_alternative<SearchRoute>(r));
  CHECK(std::get<SearchRoute>(r).query.size() < max_route_bytes);
}

TEST_CASE("to_hash writes what parse_route reads back") {
  for (const Route& r : {Route{ListingRoute{}}, Route{TagRoute{"a b/c&d"}}, Route{SearchRoute{"tla+ \"x\" é"}}, Route{PostRoute{"x-1"}},
                         Route{SearchRoute{""}}})
    CHECK(parse_route(to_hash(r)) == r);
  CHECK(to_hash(TagRoute{"<x>"}) == "#/tag/%3Cx%3E");
}
