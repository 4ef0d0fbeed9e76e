#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <mutex>

#include "bundle.hpp"
#include "bounded_json.hpp"
#include "bundle_writer.hpp"
#include "fixtures.hpp"
#include "search_format.hpp"
#include "test_support.hpp"

using namespace buildlog;
using nlohmann::json;

namespace {

std::vector<std::string> problem_texts(const EntryLoad& load) {
  std::vector<std::string> out;
  for (const auto& p : load.problems) out.push_back(p.to_string());
  return out;
}

json valid_json() { return json::parse(split_bundle(test::small_bundle()).entry); }

const Part& part_named(const SplitBundle& split, PartKind kind) {
  for (const Part& p : split.parts)
    if (test::part_kind(p.name) == kind) return p;
  FAIL("no part of kind " << static_cast<char>(kind));
  return split.parts.front();
}

}  // namespace

TEST_CASE("a split bundle loads back: the entry's metadata and every post's body") {
  const Bundle b = test::small_bundle();
  const SplitBundle split = split_bundle(b);
  const auto loaded = load_entry(split.entry);
  REQUIRE(loaded.problems.empty());
  const Entry& e = *loaded.entry;
  CHECK(e.site == b.site);
  CHECK(e.published.count == 3);
  REQUIRE(e.first_page.size() == 3);
  CHECK(e.first_page[0].slug == "gamma");
  CHECK(split.entry.find("\"body\"") == std::string::npos);  // bodies live in parts
  CHECK(e.upcoming.count == 2);
  CHECK(e.in_progress == 2);
  REQUIRE(e.first_upcoming.size() == 2);
  CHECK(e.first_upcoming[0].slug == "epsilon");  // most written first
  CHECK(e.search.docs == 5);
  for (const ListedPost& listed : e.first_page) {
    const auto part = std::find_if(split.parts.begin(), split.parts.end(), [&](const Part& p) { return p.name == listed.part; });
    REQUIRE(part != split.parts.end());
    Problems problems;
    const auto post = load_post_part(part->bytes, problems);
    REQUIRE(problems.empty());
    const auto original = std::find_if(b.posts.begin(), b.posts.end(), [&](const SourcePost& p) { return p.slug == listed.slug; });
    CHECK(post->post.body == original->body);
    CHECK(post->post.title == original->title);
  }
}

TEST_CASE("a split that takes unchanged posts' parts from an earlier split is the split made afresh") {
  const Bundle before = test::small_bundle();
  const SplitBundle earlier = split_bundle(before);
  const EarlierSplit from{before, earlier};
  const auto post = [](Bundle& b, std::string_view slug) -> SourcePost& {
    return *std::find_if(b.posts.begin(), b.posts.end(), [&](const SourcePost& p) { return p.slug == slug; });
  };
  std::vector<Bundle> afters(5, before);
  post(afters[0], "beta").body += "\nOne more line.\n";  // a save
  post(afters[1], "gamma").title = "Gamma, renamed";      // beta's part links it by its title
  afters[2].posts.push_back(test::published_post("zeta", {2026, 4, 1}, {"aws"}));  // new neighbours for beta and gamma
  sort_posts(afters[2].posts);
  std::erase_if(afters[3].posts, [](const SourcePost& p) { return p.slug == "alpha"; });
  // afters[4]: nothing changed
  for (const Bundle& after : afters) {
    const SplitBundle fresh = split_bundle(after), taken = split_bundle(after, &from);
    CHECK(taken.entry == fresh.entry);
    CHECK(taken.parts == fresh.parts);
    CHECK(taken.post_parts == fresh.post_parts);
  }
  // Taken, not made again: a mark on the earlier parts of alpha (unchanged)
  // shows in the new split; beta's, edited, are made again.
  SplitBundle marked = earlier;
  for (Part& p : marked.parts)
    for (const std::string slug : {"alpha", "beta"})
      if (p.name == earlier.post_parts.at(slug).post_part || p.name == earlier.post_parts.at(slug).hit_part) p.bytes = "taken";
  const EarlierSplit from_marked{before, marked};
  const SplitBundle taken = split_bundle(afters[0], &from_marked);
  const auto bytes = [&](const std::string& name) {
    return std::find_if(taken.parts.begin(), taken.parts.end(), [&](const Part& p) { return p.name == name; })->bytes;
  };
  CHECK(bytes(taken.post_parts.at("alpha").post_part) == "taken");
  CHECK(bytes(taken.post_parts.at("alpha").hit_part) == "taken");
  CHECK(bytes(taken.post_parts.at("beta").post_part) != "taken");
  CHECK(bytes(taken.post_parts.at("beta").hit_part) != "taken");
}

TEST_CASE("a split with a sink makes the same bundle, and holds only the listings' parts") {
  const Bundle blog = test::small_bundle();
  const SplitBundle held = split_bundle(blog);
  std::mutex mutex;
  std::vector<Part> taken;
  const PartSink sink = [&](const Part& part) {
    const std::lock_guard lock(mutex);
    taken.push_back(part);
    return std::string();
  };
  const SplitBundle passed = split_bundle(blog, nullptr, &sink);
  CHECK(passed.sink_error.empty());
  CHECK(passed.entry == held.entry);
  CHECK(passed.post_parts == held.post_parts);
  // Each post's two parts and search's files went to the sink, each named;
  // the listings' pages, directories and slug shards are held.
  const auto sunk_kind = [](const std::string& name) {
    const auto k = test::part_kind(name);
    return k == PartKind::post || k == PartKind::search_hit || k == PartKind::postings || k == PartKind::positions || k == PartKind::term_bucket ||
           k == PartKind::doc_part;
  };
  for (const Part& p : passed.parts) CHECK_FALSE(sunk_kind(p.name));
  for (const Part& p : taken) CHECK(sunk_kind(p.name));
  CHECK(std::count_if(taken.begin(), taken.end(), [](const Part& p) { return test::part_kind(p.name) == PartKind::search_hit; }) == 3);
  CHECK(std::count_if(taken.begin(), taken.end(), [](const Part& p) { return test::part_kind(p.name) == PartKind::post; }) == 3);
  std::sort(taken.begin(), taken.end(), [](const Part& a, const Part& b) { return a.name < b.name; });
  taken.erase(std::unique(taken.begin(), taken.end(), [](const Part& a, const Part& b) { return a.name == b.name; }), taken.end());
  std::vector<std::string> taken_names;
  for (const Part& p : taken) taken_names.push_back(p.name);
  CHECK(passed.parts_sunk == taken_names);
  std::vector<Part> all = passed.parts;
  all.insert(all.end(), taken.begin(), taken.end());
  std::sort(all.begin(), all.end(), [](const Part& a, const Part& b) { return a.name < b.name; });
  CHECK(all == held.parts);

  // A sink that cannot take a part stops the split: its error, and no bundle.
  int calls = 0;
  const PartSink full = [&](const Part&) {
    const std::lock_guard lock(mutex);
    return ++calls == 2 ? std::string("disk full") : std::string();
  };
  const SplitBundle stopped = split_bundle(blog, nullptr, &full);
  CHECK(stopped.sink_error == "disk full");
  CHECK(stopped.entry.empty());
  CHECK(stopped.parts.empty());
}

TEST_CASE("splitting is deterministic whatever order posts arrive in, and names parts by their content") {
  Bundle a = test::small_bundle();
  Bundle b = a;
  std::reverse(b.posts.begin(), b.posts.end());
  const SplitBundle sa = split_bundle(a), sb = split_bundle(b);
  CHECK(sa.entry == sb.entry);
  CHECK(sa.parts == sb.parts);
  CHECK(sa.entry.back() == '\n');
  std::find_if(a.posts.begin(), a.posts.end(), [](const SourcePost& p) { return p.slug == "beta"; })->body += "\nOne more line.\n";
  const SplitBundle changed = split_bundle(a);
  std::vector<std::string> before, after, differ;
  for (const Part& p : sa.parts) before.push_back(p.name);
  for (const Part& p : changed.parts) after.push_back(p.name);
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(differ));
  // The post's part and the search parts that index its words change; listings do not.
  CHECK(std::count_if(differ.begin(), differ.end(), [](const std::string& n) { return test::part_kind(n) == PartKind::post; }) == 1);
  CHECK(std::count_if(differ.begin(), differ.end(), [](const std::string& n) { return test::part_kind(n) == PartKind::listing_page; }) == 2);  // its entries in the listing and under tag aws name the new part
}

TEST_CASE("a post that is not published never ships its body") {
  Bundle b = test::small_bundle();
  for (auto& p : b.posts)
    if (p.status != Status::published) p.body = "SECRET DRAFT TEXT";
  const SplitBundle split = split_bundle(b);
  CHECK(split.entry.find("SECRET") == std::string::npos);
  for (const Part& p : split.parts) {
    INFO(p.name);
    CHECK(p.bytes.find("SECRET") == std::string::npos);
    CHECK(p.bytes.find("secret") == std::string::npos);  // nor its words in the search index
  }
}

TEST_CASE("problems name the field") {
  json j = valid_json();
  j["posts"]["first"][1]["date"] = "May 12";
  j["upcoming"]["first"][0]["progress"] = 150;
  j["upcoming"]["first"][1].erase("title");
  j["posts"]["first"][2]["tags"] = "aws";
  const auto loaded = load_entry(j.dump());
  CHECK_FALSE(loaded.entry);
  const auto texts = problem_texts(loaded);
  const std::string s1 = j["posts"]["first"][1]["slug"], s2 = j["upcoming"]["first"][0]["slug"], s3 = j["upcoming"]["first"][1]["slug"], s4 = j["posts"]["first"][2]["slug"];
  CHECK_THAT(texts, Catch::Matchers::VectorContains("posts.first[1] \"" + s1 + "\".date: must be a calendar date YYYY-MM-DD, got \"May 12\""));
  CHECK_THAT(texts, Catch::Matchers::VectorContains("upcoming.first[0] \"" + s2 + "\".progress: must be 0-100, got 150"));
  CHECK_THAT(texts, Catch::Matchers::VectorContains("upcoming.first[1] \"" + s3 + "\".title: is missing"));
  CHECK_THAT(texts, Catch::Matchers::VectorContains("posts.first[2] \"" + s4 + "\".tags: must be a list of strings, got string"));
  for (const auto& t : texts) UNSCOPED_INFO(t);
  CHECK(texts.size() == 4);
}

TEST_CASE("wrong shapes, unknown fields and foreign addresses are problems, not crashes") {
  SECTION("a bundle of another version") {
    json j = valid_json();
    for (int version : {bundle_version - 1, bundle_version + 1}) {
      j["version"] = version;
      const auto texts = problem_texts(load_entry(j.dump()));
      REQUIRE(texts.size() == 1);
      CHECK(texts[0].starts_with("version: this bundle is version " + std::to_string(version) + ", and this engine reads version " + std::to_string(bundle_version) + ": rebuild it"));
    }
  }
  SECTION("extra and missing fields") {
    json j = valid_json();
    j["extra"] = true;
    j["posts"]["first"][0]["color"] = "red";
    j.erase("site");
    const auto texts = problem_texts(load_entry(j.dump()));
    CHECK_THAT(texts, Catch::Matchers::VectorContains("extra: is not a field of a version " + std::to_string(bundle_version) + " bundle"));
    CHECK_THAT(texts, Catch::Matchers::VectorContains(std::string("site: is missing")));
    CHECK(texts.size() == 3);
  }
  SECTION("part names that would leave the bundle's folder") {
    for (const char* name : {"posts/../../secret.json", "https://evil.example/x.json", "/etc/passwd", "posts/a/b.json", "posts/", "posts/ab/../x", "posts/AB/x.json"}) {
      json j = valid_json();
      j["posts"]["pages"][0] = name;
      j["slugs"][0] = name;
      INFO(name);
      const auto texts = problem_texts(load_entry(j.dump()));
      CHECK_THAT(texts, Catch::Matchers::VectorContains(std::string("posts.pages[0]: must name a part of the bundle (posts/HH/...)")));
      CHECK_THAT(texts, Catch::Matchers::VectorContains(std::string("slugs[0]: must name a part of the bundle (posts/HH/...)")));
    }
  }
  SECTION("counts that do not match the pages") {
    json j = valid_json();
    j["posts"]["count"] = 45;
    const auto texts = problem_texts(load_entry(j.dump()));
    CHECK_THAT(texts, Catch::Matchers::VectorContains(std::string("posts.directory: is missing")));  // 3 pages: named in a directory part
    j["posts"]["count"] = 0;
    CHECK_THAT(problem_texts(load_entry(j.dump())), Catch::Matchers::VectorContains(std::string("posts.pages: has 1 pages for 0 posts")));
  }
  SECTION("a value of the wrong kind is named by its kind") {
    json j = valid_json();
    j["version"] = 4.5;
    CHECK(problem_texts(load_entry(j.dump())) == std::vector<std::string>{"version: must be a whole number, got a number with a fraction"});
    j = valid_json();
    j["site"]["allow_raw_html"] = "yes";
    j["upcoming"]["first"][0]["progress"] = nullptr;
    j["site"]["title"] = 7;
    const auto texts = problem_texts(load_entry(j.dump()));
    const std::string slug = j["upcoming"]["first"][0]["slug"];
    CHECK_THAT(texts, Catch::Matchers::VectorContains(std::string("site.allow_raw_html: must be true or false, got string")));
    CHECK_THAT(texts, Catch::Matchers::VectorContains("upcoming.first[0] \"" + slug + "\".progress: must be a whole number, got null"));
    CHECK_THAT(texts, Catch::Matchers::VectorContains(std::string("site.title: must be a string, got number")));
  }
  SECTION("types that are all wrong") {
    for (const std::string& text : {std::string("[]"), std::string("42"), std::string("\"posts\""), std::string("null"), std::string("{\"version\":\"2\",\"site\":{},\"posts\":{}}"),
                                    test::versioned("\"posts\":{\"count\":50}}"),
                                    test::versioned("\"site\":[],\"posts\":[1,\"x\",null,[]],\"upcoming\":{},\"tags\":3,\"slugs\":{},\"search\":[]}")}) {
      INFO(text);
      const auto loaded = load_entry(text);
      CHECK_FALSE(loaded.entry);
      CHECK_FALSE(loaded.problems.empty());
    }
  }
  SECTION("a truncated file says where it ends") {
    const std::string full = split_bundle(test::small_bundle()).entry;
    const auto loaded = load_entry(full.substr(0, full.size() / 2));
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].message.starts_with("not valid JSON: parse error at line "));
  }
  SECTION("an absurd size is refused before parsing") {
    const std::string huge(max_json_bytes + 1, ' ');
    const auto loaded = load_entry(huge);
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].message.find("more than the limit") != std::string::npos);
  }
}

TEST_CASE("parts are checked like the entry") {
  const SplitBundle split = split_bundle(test::small_bundle());
  Problems problems;
  CHECK(load_listing_page(part_named(split, PartKind::listing_page).bytes, problems));
  CHECK(load_upcoming_page(part_named(split, PartKind::upcoming_page).bytes, problems));
  CHECK(load_post_part(part_named(split, PartKind::post).bytes, problems));
  CHECK(load_slug_shard(part_named(split, PartKind::slug_shard).bytes, problems));
  CHECK(problems.empty());

  CHECK_FALSE(load_listing_page("{\"posts\":[{\"slug\":\"x\"}]}", problems));
  CHECK_FALSE(load_post_part("{\"post\":{},\"newer\":3}", problems));
  CHECK_FALSE(load_slug_shard("{\"slugs\":{\"x\":\"../x\"}}", problems));
  CHECK_FALSE(load_post_part("[", problems));
  std::vector<std::string> texts;
  for (const auto& p : problems) texts.push_back(p.to_string());
  CHECK_THAT(texts, Catch::Matchers::VectorContains(std::string("posts[0] \"x\".title: is missing")));
  CHECK_THAT(texts, Catch::Matchers::VectorContains(std::string("newer: must be a post's slug and title")));
  CHECK_THAT(texts, Catch::Matchers::VectorContains(std::string("slugs.x: must map a slug to a part of the bundle")));
}

TEST_CASE("search parts round-trip, and anything malformed is refused") {
  namespace sf = search_format;
  const sf::Bucket terms{{"posts/00/i-a.bin", "posts/00/i-b.bin", "posts/00/i-c.bin"},
                         {"posts/00/x-a.bin", "posts/00/x-b.bin"},
                         {{"kafka", 3, {0, 0, 9}, {1, 4, 20}}, {"kafkaesque", 1, {0, 9, 4}, {}}, {"kubernetes", 2, {2, 0, 7}, {0, 0, 5}}}};
  const std::string bucket = sf::encode_bucket(terms);
  CHECK(sf::decode_bucket(bucket) == terms);
  sf::Bucket dangling = terms;
  dangling.terms[2].postings.file = 3;  // a file the bucket does not name
  CHECK_FALSE(sf::decode_bucket(sf::encode_bucket(dangling)));
  const std::vector<sf::Posting> postings{{0, 64}, {5, 1}, {9000, 700}};
  const std::string encoded = sf::encode_postings(postings);
  const auto decoded = sf::decode_postings(encoded, 10000);
  REQUIRE(decoded);
  CHECK(decoded->size() == 3);
  CHECK((*decoded)[2].doc == 9000);
  CHECK((*decoded)[2].impact == 700);
  CHECK_FALSE(sf::decode_postings(encoded, 9000));  // a document past the blog's end
  for (std::size_t cut = 0; cut < bucket.size(); ++cut) CHECK_FALSE(sf::decode_bucket(bucket.substr(0, cut)));
  for (std::size_t cut = 0; cut < encoded.size(); ++cut) CHECK_FALSE(sf::decode_postings(encoded.substr(0, cut), 10000));
  sf::Bucket unsorted = terms;
  std::swap(unsorted.terms[0], unsorted.terms[1]);
  CHECK_FALSE(sf::decode_bucket(sf::encode_bucket(unsorted)));
  CHECK_FALSE(sf::decode_bucket(bucket + "x"));
  CHECK(sf::bucket_key("über") == "ü");
  CHECK(sf::bucket_key("kafka") == "k");
}

TEST_CASE("word positions round-trip in (post, field) order, and any other order is refused") {
  namespace sf = search_format;
  const std::vector<sf::FieldPositions> positions{{0, 0, {1, 4}}, {0, 3, {7}}, {5, 1, {0, 2, 9}}, {9000, 3, {12}}};
  const std::string encoded = sf::encode_positions(positions);
  const auto decoded = sf::decode_positions(encoded, 10000);
  REQUIRE(decoded);
  REQUIRE(decoded->size() == positions.size());
  for (std::size_t i = 0; i < positions.size(); ++i) {
    CHECK((*decoded)[i].doc == positions[i].doc);
    CHECK((*decoded)[i].field == positions[i].field);
    CHECK((*decoded)[i].positions == positions[i].positions);
  }
  CHECK_FALSE(sf::decode_positions(encoded, 9000));  // a document past the blog's end
  for (std::size_t cut = 0; cut < encoded.size(); ++cut) CHECK_FALSE(sf::decode_positions(encoded.substr(0, cut), 10000));
  // A search finds a (post, field) by halving: fields out of order, or one twice, are refused.
  CHECK_FALSE(sf::decode_positions(sf::encode_positions({{0, 3, {7}}, {0, 0, {1}}}), 10));
  CHECK_FALSE(sf::decode_positions(sf::encode_positions({{2, 1, {7}}, {2, 1, {9}}}), 10));
  CHECK(sf::decode_positions(sf::encode_positions({{2, 3, {7}}, {3, 0, {9}}}), 10));
}

TEST_CASE("every JSONTestSuite document loads or is refused with a problem, never a crash") {
  const auto dir = test::shared_dir() / "corpora/jsontestsuite";
  REQUIRE(std::filesystem::is_directory(dir));
  int files = 0, n_files = 0, invalid_reported = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    const auto loaded = load_entry(test::slurp(entry.path()));
    INFO(name);
    ++files;
    // None of these is a blog bundle: every one must be refused with a reason.
    CHECK_FALSE(loaded.entry);
    REQUIRE_FALSE(loaded.problems.empty());
    // 100,000 opening brackets are refused for their depth before the syntax error is reached.
    if (name.starts_with("n_"))
      invalid_reported += loaded.problems[0].message.starts_with("not valid JSON") || loaded.problems[0].message.starts_with("is nested more than");
    n_files += name.starts_with("n_");
  }
  CHECK(files > 300);
  // nlohmann stops reading at a NUL byte, so "123\0" is refused as "not an
  // object" rather than "not valid JSON": still refused, with a reason.
  CHECK(invalid_reported >= n_files - 1);
}

TEST_CASE("the committed posts.json is a valid bundle of the sample blog") {
  const auto loaded = load_entry(test::slurp(test::source_dir() / "posts.json"));
  INFO((loaded.problems.empty() ? "" : loaded.problems[0].to_string()));
  REQUIRE(loaded.entry);
  CHECK(loaded.entry->published.count == 3);
  CHECK(loaded.entry->in_progress == 3);
  CHECK(std::count_if(loaded.entry->first_upcoming.begin(), loaded.entry->first_upcoming.end(), [](const PostCard& p) { return p.status == Status::in_progress; }) == 3);
}

TEST_CASE("a hostile bundle cannot make the loader collect problems without bound") {
  std::string many = test::versioned("\"site\":{\"title\":\"x\"},\"upcoming\":{\"count\":10000,\"first\":[");
  for (int i = 0; i < 10000; ++i) many += i == 0 ? "{}" : ",{}";
  many += "]}}";
  const auto loaded = load_entry(many);
  CHECK_FALSE(loaded.entry);
  CHECK(loaded.problems.size() <= max_reported_problems + 10);
  CHECK(std::any_of(loaded.problems.begin(), loaded.problems.end(), [](const Problem& p) { return p.message.starts_with("stopped checking at upcoming.first["); }));
}

TEST_CASE("more posts than the limit are refused, not half-loaded") {
  std::string many = test::versioned("\"upcoming\":{\"first\":[");
  for (std::size_t i = 0; i <= max_bundle_posts; ++i) many += i == 0 ? "0" : ",0";
  many += "]}}";
  const auto loaded = load_entry(many);
  CHECK_FALSE(loaded.entry);
  std::vector<std::string> texts = problem_texts(loaded);
  CHECK_THAT(texts, Catch::Matchers::VectorContains(std::string("upcoming.first: has 100001 posts, more than the limit of 100000")));
}

TEST_CASE("documents too large or too deep to be a bundle are refused at the first value past the bound") {
  std::string values = "[";
  for (std::size_t i = 0; i <= max_json_values; ++i) values += i == 0 ? "0" : ",0";
  values += "]";
  const auto wide = load_entry(values);
  REQUIRE(wide.problems.size() == 1);
  CHECK(wide.problems[0].message == "has more than 4000000 JSON values, more than any bundle needs");
  const auto deep = load_entry(std::string(100, '[') + std::string(100, ']'));
  REQUIRE(deep.problems.size() == 1);
  CHECK(deep.problems[0].message == "is nested more than 32 levels deep, more than any bundle needs");
}
