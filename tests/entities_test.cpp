// HTML's named entities (core/engine/entities.hpp) are md4c's table,
// compacted at build time: every name decodes to what md4c-html's own lookup
// gives, and nothing else decodes.
#include <catch2/catch.hpp>

#include <regex>

#include "entities.hpp"
#include "test_support.hpp"

extern "C" {
#include <entity.h>  // md4c-html's lookup, from the pinned sources' header
}

using namespace buildlog;

namespace {

std::string utf8(unsigned cp) {
  std::string out;
  if (cp < 0x80) out += static_cast<char>(cp);
  else if (cp < 0x800) out += {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
  else if (cp < 0x10000) out += {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
  else out += {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
  return out;
}

}  // namespace

TEST_CASE("every named entity md4c knows decodes as md4c-html decodes it") {
  const std::string source = test::slurp(test::source_dir() / "third_party" / "md4c-release-0.4.8" / "src" / "entity.c");
  const std::regex entry(R"re(\{ "(&[A-Za-z0-9]+;)", \{)re");
  int checked = 0;
  for (auto it = std::sregex_iterator(source.begin(), source.end(), entry); it != std::sregex_iterator(); ++it) {
    const std::string name = (*it)[1];
    INFO(name);
    const entity* theirs = entity_lookup(name.data(), name.size());
    REQUIRE(theirs != nullptr);
    const std::string expected = utf8(theirs->codepoints[0]) + (theirs->codepoints[1] ? utf8(theirs->codepoints[1]) : "");
    const auto ours = html_entities().find(name);
    REQUIRE(ours);
    CHECK(*ours == expected);
    ++checked;
  }
  CHECK(checked > 2000);
}

TEST_CASE("names HTML does not have, or without their '&' and ';', do not decode") {
  for (const char* name : {"&nosuch;", "&amp", "amp;", "&;", "&", "", "&AMP", "&frac12", "&zzzzzz;", "&AAAA;", "&Amp;"}) {
    INFO(name);
    CHECK_FALSE(html_entities().find(name));
  }
  CHECK(html_entities().find("&amp;") == "&");
  CHECK(html_entities().find("&AElig;") == "Æ");
  CHECK(html_entities().find("&zwnj;") == "\u200C");
  CHECK(html_entities().find("&nvlt;") == "<\u20D2");
}

TEST_CASE("a table of a post's references: names in increasing order, found by reference") {
  EntityTable t;
  CHECK(t.add("amp", "&"));
  CHECK(t.add("copy", "\u00A9"));
  CHECK(t.add("rarr", "\u2192"));
  CHECK_FALSE(t.add("rarr", "again"));
  CHECK_FALSE(t.add("bull", "out of order"));
  REQUIRE(t.entries().size() == 3);
  CHECK(t.entries()[0].first == "amp");
  CHECK(t.entries()[1].first == "copy");
  CHECK(t.entries()[2].first == "rarr");
  CHECK(t.find("&amp;") == "&");
  CHECK(t.find("&copy;") == "\u00A9");
  CHECK(t.find("&rarr;") == "\u2192");
  for (const char* reference : {"&nbsp;", "amp", "&amp", "amp;", "&;", "", "&AMP;", "&ampx;", "&am;"}) {
    INFO(reference);
    CHECK_FALSE(t.find(reference));
  }
  CHECK_FALSE(EntityTable().find("&amp;"));
  CHECK(html_entities().entries().size() > 2000);
}
