// Search relevance (issue 4): expected top results for plain, prefix, typo,
// phrase, diacritic and tag-filtered queries, on the sample blog and on a
// small fixed corpus.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <string_view>
#include <mutex>
#include <vector>

#include "bundle_writer.hpp"
#include "catalog.hpp"
#include "content.hpp"
#include "fixtures.hpp"
#include "markdown.hpp"
#include "search.hpp"
#include "search_build.hpp"
#include "search_query.hpp"
#include "snippet.hpp"
#include "utf8.hpp"
#include "test_support.hpp"
#include "text.hpp"

using namespace buildlog;

namespace {

SourcePost post(std::string slug, std::string title, std::vector<std::string> tags, std::string summary, std::string body,
          Status status = Status::published) {
  SourcePost p;
  p.slug = std::move(slug);
  p.title = std::move(title);
  p.date = {2026, 1, 1};
  p.tags = std::move(tags);
  p.summary = std::move(summary);
  p.status = status;
  p.reading_minutes = 1;
  if (status == Status::published) p.body = std::move(body);
  return p;
}

// The snippet of a text, as a hit part's text is prepared for it.
Snippet snippet_of(std::string_view summary, std::string_view text, const std::vector<std::string>& terms) {
  return snippet(summary, prepare_snippet_text(text), terms);
}

// A snippet as text, its highlighted words in [brackets].
std::string marked(const Snippet& s) {
  std::string out = s.cut_before ? "… " : "";
  for (const auto& piece : s.pieces) out += piece.highlighted ? "[" + std::string(piece.text) + "]" : std::string(piece.text);
  return out + (s.cut_after ? " …" : "");
}

// A fixed corpus where each query has one right answer.
const std::vector<SourcePost>& corpus() {
  static const std::vector<SourcePost> posts{
      post("resume", "Writing a résumé for engineers", {"career"}, "What to put on one page.", "Keep the CV short. Lead with impact."),
      post("naive", "Naïve Bayes, explained", {"ml"}, "A classifier from counting.", "Probabilities multiply when features are independent."),
      post("postgres", "Postgres vacuum internals", {"databases"}, "Why dead tuples linger.", "Autovacuum thresholds and the visibility map decide when space returns."),
      post("kafka", "Kafka consumer groups", {"streaming", "kafka"}, "Rebalancing without tears.", "A consumer group shares partitions. Rebalancing pauses consumption."),
      post("state", "Terraform state at scale", {"terraform"}, "Splitting state by blast radius.", "Remote state lives in S3. The state file is the source of truth at scale."),
      post("scale-state", "How we scale", {"ops"}, "Notes on scale.", "At scale the state of things changes. State, at times, scales."),
      post("draft", "Idempotency keys", {"serverless"}, "Handlers that run twice.", "SECRETWORD in the body of a draft.", Status::in_progress),
      post("strasse", "Straße names and Unicode", {"unicode"}, "Folding ß and friends.", "Die Straße is long. Ελληνικά and Кириллица too."),
  };
  return posts;
}

// The search parts of a blog of `posts`, as the author tool writes them,
// loaded into a catalog with every part provided.
class Index {
 public:
  explicit Index(std::vector<SourcePost> posts) {
    Bundle bundle;
    bundle.posts = std::move(posts);
    const SplitBundle split = split_bundle(bundle);
    auto loaded = load_entry(split.entry);
    REQUIRE(loaded.problems.empty());
    catalog_.emplace(std::move(*loaded.entry));
    for (const Part& part : split.parts) REQUIRE(catalog_->provide(part.name, part.bytes).empty());
    // Document numbers: the published posts in list order, then upcoming ones.
    Needs needs;
    for (std::uint32_t d = 0; d < catalog_->entry().search.docs; ++d) {
      const auto found = catalog_->doc(d, needs);
      REQUIRE_FALSE(needs.blocked());
      REQUIRE(found.card != nullptr);
      docs_.push_back(*found.card);
    }
  }

  SearchResults search(std::string_view query) const {
    Needs needs;
    auto results = buildlog::search(*catalog_, parse_query(query), SIZE_MAX, needs);
    REQUIRE_FALSE(needs.blocked());
    return results;
  }
  std::string suggest(std::string_view query) const {
    Needs needs;
    return buildlog::suggest(*catalog_, parse_query(query), needs);
  }
  const PostCard& doc(std::uint32_t d) const { return docs_.at(d); }
  const Catalog& catalog() const { return *catalog_; }

 private:
  std::optional<Catalog> catalog_;
  std::vector<PostCard> docs_;
};

std::vector<std::string> slugs(const Index& index, std::string_view query) {
  std::vector<std::string> out;
  for (const auto& h : index.search(query).hits) out.push_back(index.doc(h.doc).slug);
  return out;
}

std::string top(const Index& index, std::string_view query) {
  const auto s = slugs(index, query);
  return s.empty() ? "" : s.front();
}

}  // namespace

TEST_CASE("the index says when it has read each post's text, once, and indexes the same whoever lets the texts go") {
  const Bundle blog = test::small_bundle();
  std::vector<const SourcePost*> docs;
  for (const SourcePost& p : blog.posts) docs.push_back(&p);
  std::vector<std::string> made;
  for (const SourcePost* p : docs) made.push_back(p->status == Status::published ? markdown_plain_text(p->body) : std::string());
  std::vector<std::string_view> texts(made.begin(), made.end());
  const SearchBuild kept = build_search_index(docs, texts);
  std::mutex mutex;
  std::vector<int> reads(docs.size(), 0);
  const SearchBuild released = build_search_index(docs, texts, [&](std::size_t doc) {
    const std::lock_guard lock(mutex);
    ++reads.at(doc);
    std::string().swap(made[doc]);  // as the split does: the view into it is not read again
  });
  CHECK(std::all_of(reads.begin(), reads.end(), [](int n) { return n == 1; }));
  CHECK(released.postings == kept.postings);
  CHECK(released.positions == kept.positions);
  CHECK(released.buckets.size() == kept.buckets.size());
}

TEST_CASE("folding lowercases and removes diacritics across scripts") {
  CHECK(fold("Résumé") == "resume");
  CHECK(fold("NAÏVE Straße ÆON") == "naive strasse aeon");
  CHECK(fold("Ελληνικά Кириллица") == "ελληνικα кириллица");
  CHECK(fold("日本語 ok") == "日本語 ok");
  CHECK(fold("bad \xff byte") == "bad  byte");
}

namespace fold_source {
struct Fold {
  std::uint16_t code_point;
  const char* folded;
};
// The table the engine's compact form is made from, read here as written.
constexpr Fold table[] = {
#include "fold_table.inc"
};
}  // namespace fold_source

TEST_CASE("every letter of the folding table folds as the table says, and its neighbours only lowercase") {
  std::size_t listed = 0;
  for (std::uint32_t cp = 0xC0; cp <= 0x4FF; ++cp) {
    std::string letter;
    append_utf8(letter, cp);
    const auto* entry = std::find_if(std::begin(fold_source::table), std::end(fold_source::table), [cp](const auto& f) { return f.code_point == cp; });
    INFO(cp);
    if (entry != std::end(fold_source::table)) {
      CHECK(fold(letter) == entry->folded);
      ++listed;
    } else {
      CHECK(fold(letter) == letter);
    }
  }
  CHECK(listed == std::size(fold_source::table));
  CHECK(fold("\xC3\x86\xC3\x9E\xC8\xBA") == "aeth\xE2\xB1\xA5");  // Æ Þ Ⱥ: two letters, two letters, three bytes
}

TEST_CASE("words keep their place in the text and drop punctuation") {
  const auto ws = words("Don't panic — it’s “fine”, résumé!");
  REQUIRE(ws.size() == 5);
  CHECK(ws[0].term == "dont");
  CHECK(ws[2].term == "its");
  CHECK(ws[4].term == "resume");
  CHECK(std::string_view("Don't panic — it’s “fine”, résumé!").substr(ws[4].begin, ws[4].end - ws[4].begin) == "résumé");
}

TEST_CASE("queries separate words, phrases and tag filters") {
  const auto q = parse_query("tag:AWS \"State at Scale\" the terraf");
  CHECK(q.tags == std::vector<std::string>{"aws"});
  CHECK(q.phrases == std::vector<std::vector<std::string>>{{"state", "at", "scale"}});
  CHECK(q.terms == std::vector<std::string>{"terraf"});
  CHECK(q.last_is_prefix);
  CHECK_FALSE(parse_query("terraform ").last_is_prefix);
  CHECK(parse_query("the of").only_stop_words);
  CHECK(parse_query("").empty());
  std::string many;
  for (int i = 0; i < 100; ++i) many += "word" + std::to_string(i) + " ";
  CHECK(parse_query(many).terms.size() == max_query_words);
}

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps") {
  CHECK(edit_distance("terraform", "terraform", 2) == 0);
  CHECK(edit_distance("terrafrom", "terraform", 2) == 1);  // a swap
  CHECK(edit_distance("teraform", "terraform", 2) == 1);
  CHECK(edit_distance("kafak", "kafka", 1) == 1);
  CHECK(edit_distance("abc", "xyzw", 1) == 2);  // past the limit: limit + 1
}

TEST_CASE("edit distance within its band agrees with the whole table on random words") {
  // The textbook table (optimal string alignment), every cell computed.
  const auto whole = [](std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
      for (std::size_t j = 1; j <= b.size(); ++j) {
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    return d[a.size()][b.size()];
  };
  std::uint32_t state = 12345;
  const auto next = [&] { return state = state * 1664525u + 1013904223u, state >> 8; };
  const auto word = [&] {
    std::string w(next() % 12, 'a');
    for (char& c : w) c = static_cast<char>('a' + next() % 3);  // three letters: many near misses
    return w;
  };
  for (int round = 0; round < 20000; ++round) {
    const std::string a = word();
    std::string b = a;
    for (std::uint32_t edits = next() % 4; edits > 0 && !b.empty(); --edits) b[next() % b.size()] = static_cast<char>('a' + next() % 3);
    if (next() % 3 == 0) b = word();
    const std::size_t limit = next() % 4;
    INFO(a << " / " << b << " limit " << limit);
    REQUIRE(edit_distance(a, b, limit) == std::min(whole(a, b), limit + 1));
  }
  // Words of many different bytes, some in the same class of 32 ('a' and
  // 'A', 'q' and 0xF1), edited by insertions, deletions, substitutions and
  // swaps: where the comparison of byte classes decides without the table.
  const std::string bytes = "abcdefghijklmnopqrstuvwxyzAQ\xF1\xC3";
  const auto byte = [&] { return bytes[next() % bytes.size()]; };
  std::size_t decided_far = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string a(1 + next() % 10, 'a');
    for (char& c : a) c = byte();
    std::string b = a;
    for (std::uint32_t edits = next() % 5; edits > 0; --edits) {
      const std::size_t at = b.empty() ? 0 : next() % b.size();
      switch (next() % 4) {
        case 0: b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), byte()); break;
        case 1: if (!b.empty()) b.erase(at, 1); break;
        case 2: if (!b.empty()) b[at] = byte(); break;
        default: if (at + 1 < b.size()) std::swap(b[at], b[at + 1]);
      }
    }
    const std::size_t limit = next() % 3;
    const std::size_t expected = std::min(whole(a, b), limit + 1);
    INFO(a << " / " << b << " limit " << limit);
    REQUIRE(edit_distance(a, b, limit) == expected);
    if (expected > limit) ++decided_far;
  }
  CHECK(decided_far > 5000);  // the far pairs the class sets can decide are well represented
}

TEST_CASE("relevance on a fixed corpus") {
  const Index index(corpus());
  SECTION("plain words, all of them required") {
    CHECK(top(index, "vacuum ") == "postgres");
    CHECK(slugs(index, "consumer rebalancing ") == std::vector<std::string>{"kafka"});
    CHECK(slugs(index, "consumer vacuum ").empty());
  }
  SECTION("the last word as a prefix while typing") {
    CHECK(top(index, "autovac") == "postgres");
    CHECK(slugs(index, "autovac ").empty());  // a finished word is a whole word
  }
  SECTION("typos: one edit from 4 letters, two from 8") {
    CHECK(top(index, "kafak ") == "kafka");
    CHECK(top(index, "terrafrom ") == "state");
    CHECK(top(index, "vacuun ") == "postgres");
    CHECK(top(index, "visibilty ") == "postgres");
    CHECK(slugs(index, "cv ").size() == 1);
    CHECK(slugs(index, "cx ").empty());  // no typo tolerance under 4 letters
  }
  SECTION("diacritics fold both ways") {
    CHECK(top(index, "resume") == "resume");
    CHECK(top(index, "RÉSUMÉ") == "resume");
    CHECK(top(index, "naive ") == "naive");
    CHECK(top(index, "strasse ") == "strasse");
    CHECK(top(index, "ελληνικα ") == "strasse");
  }
  SECTION("quoted phrases match word for word; the title outranks the body") {
    // "scale-state" has every word, but not in this order: a phrase needs the order.
    CHECK(slugs(index, "\"state at scale\"") == std::vector<std::string>{"state"});
    CHECK(slugs(index, "state scale ") == std::vector<std::string>{"state", "scale-state"});
    CHECK(slugs(index, "\"scale state\"").empty());
    // A stop word holds its place in a phrase and any word fills it: "scale the state".
    CHECK(slugs(index, "\"scale at state\"") == std::vector<std::string>{"scale-state"});
    CHECK(top(index, "state scale ") == "state");
  }
  SECTION("stop words neither match everything nor break a phrase") {
    CHECK(slugs(index, "the ").empty());
    CHECK(slugs(index, "the vacuum ") == std::vector<std::string>{"postgres"});
    CHECK(slugs(index, "\"source of truth\"") == std::vector<std::string>{"state"});
  }
  SECTION("tag filters combine with words") {
    CHECK(slugs(index, "tag:kafka") == std::vector<std::string>{"kafka"});
    CHECK(slugs(index, "tag:terraform state") == std::vector<std::string>{"state"});
    CHECK(slugs(index, "tag:ops terraform").empty());
  }
  SECTION("posts in progress are found by title, summary and tags, never by body") {
    CHECK(top(index, "idempotency ") == "draft");
    CHECK(top(index, "serverless") == "draft");
    CHECK(slugs(index, "secretword").empty());
  }
}

TEST_CASE("snippets show the best match with the matched words marked") {
  std::vector<SourcePost> posts{post("x", "Title", {}, "Summary <b>", "Intro words here. " + [] { std::string f; for (int i = 0; i < 60; ++i) f += "filler "; return f; }() +
                                                                    " more text then the visibility <map> of things and more words after")};
  const Index index(posts);
  const auto found = index.search("visibility map ");
  REQUIRE(found.hits.size() == 1);
  const std::string body_text = markdown_plain_text(posts[0].body);
  const auto s = marked(snippet_of(posts[0].summary, body_text, found.highlighted));
  CHECK(s.find("[visibility] <[map]>") != std::string::npos);
  CHECK(s.starts_with("… "));
  const auto title_only = index.search("title ");
  REQUIRE(title_only.hits.size() == 1);
  CHECK(marked(snippet_of(posts[0].summary, body_text, title_only.highlighted)) == "Summary <b>");
}

TEST_CASE("stop words are found by their table, and nothing else is") {
  for (const char* w : {"a", "i", "the", "which", "their", "there", "into", "with", "about"}) CHECK(is_stop_word(w));
  for (const char* w : {"", "b", "th", "thee", "theirs", "abouts", "whic", "The", "terraform", "withe", "aa"}) CHECK_FALSE(is_stop_word(w));
}

TEST_CASE("a snippet marks words in any case and script, and keeps a summary without words whole") {
  const std::vector<std::string> terms{"resume", "terraform", "zurich"};  // sorted, folded, as SearchResults has them
  CHECK(marked(snippet_of("", "Why TERRAFORM? My Résumé, from Zürich.", terms)) == "Why [TERRAFORM]? My [Résumé], from [Zürich].");
  // 28 words from three before the densest run of matches, cut on both sides.
  std::string text;
  for (int i = 0; i < 40; ++i) text += "w" + std::to_string(i) + " ";
  text += "terraform resume ";
  for (int i = 0; i < 40; ++i) text += "x" + std::to_string(i) + " ";
  CHECK(marked(snippet_of("", text, terms)) ==
        "… w37 w38 w39 [terraform] [resume] x0 x1 x2 x3 x4 x5 x6 x7 x8 x9 x10 x11 x12 x13 x14 x15 x16 x17 x18 x19 x20 x21 x22 …");
  // No match in the body: the summary, whole, even with no word in it.
  CHECK(marked(snippet_of("— … —", text.substr(0, 20), terms)) == "— … —");
  CHECK(marked(snippet_of("(On Terraform.)", "", terms)) == "(On [Terraform].)");
}

// The snippet rule read plainly, from every word of the text at once: what
// snippet() must give from the hash bytes it keeps.
std::string reference_snippet(std::string_view summary, std::string_view body, const std::vector<std::string>& terms) {
  auto is_term = [&](const Word& w) { return std::binary_search(terms.begin(), terms.end(), w.term); };
  auto window = [&](std::string_view text, std::size_t from, std::size_t to) {
    const auto ws = words(text);
    to = std::min(to, ws.size());
    std::string out = from > 0 ? "… " : "";
    std::size_t at = from == 0 ? 0 : ws[from].begin;
    for (std::size_t i = from; i < to; ++i) {
      out += text.substr(at, ws[i].begin - at);
      const std::string_view w = text.substr(ws[i].begin, ws[i].end - ws[i].begin);
      out += is_term(ws[i]) ? "[" + std::string(w) + "]" : std::string(w);
      at = ws[i].end;
    }
    return to < ws.size() ? out + " …" : out + std::string(text.substr(at));
  };
  std::vector<std::size_t> marks;
  const auto ws = words(body);
  for (std::size_t i = 0; i < ws.size(); ++i)
    if (is_term(ws[i])) marks.push_back(i);
  if (marks.empty()) return window(summary, 0, SIZE_MAX);
  std::size_t best = 0, best_count = 0;
  for (std::size_t i = 0, j = 0; i < marks.size(); ++i) {
    while (marks[i] - marks[j] >= 28) ++j;
    if (i - j + 1 > best_count) best_count = i - j + 1, best = j;
  }
  const std::size_t start = marks[best] > 3 ? marks[best] - 3 : 0;
  return window(body, start, start + 28);
}

TEST_CASE("a snippet from the hash bytes is the snippet of every word, whatever the text") {
  // Words of every kind the scanner knows, long words and long runs of
  // separators, and enough terms that some words share a hash byte with one
  // of them without being it.
  const std::vector<std::string> pieces{"state", "State", "STATE", "résumé", "Zürich", "don't", "it’s", "x", "42", "naïve", "Straße",
                                        "Ελληνικά", "Кириллица", "scale", "terraform", "lorem", "ipsum", std::string(300, 'q'), "—",
                                        " ", "  ", ", ", ". ", "\n", std::string(200, '.'), "(", ")", "…", "'", "\xff"};
  std::vector<std::string> terms;
  for (int i = 0; i < 60; ++i) terms.push_back("t" + std::to_string(i));
  for (std::string t : {"state", "resume", "zurich", "dont", "naive", "strasse", "ελληνικα"}) terms.push_back(std::move(t));
  terms.push_back(std::string(300, 'q'));
  std::sort(terms.begin(), terms.end());
  std::uint32_t seed = 7;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, seed >> 16; };
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const std::size_t length = next() % 220;
    for (std::size_t i = 0; i < length; ++i) {
      text += pieces[next() % pieces.size()];
      if (next() % 3 == 0) text += "t" + std::to_string(next() % 90);
      text += next() % 2 == 0 ? " " : "";
    }
    // A few terms at a time, as queries have them, and all of them.
    std::vector<std::string> some;
    for (const auto& t : terms)
      if (round % 5 == 0 || next() % 12 == 0) some.push_back(t);
    INFO("round " << round);
    CHECK(marked(snippet_of("A summary: state it.", text, some)) == reference_snippet("A summary: state it.", text, some));
  }
}

TEST_CASE("a query with no results suggests the closest words of the blog") {
  const Index index(corpus());
  CHECK(index.suggest("kafak consumr ") == "kafka consumer");
  CHECK(index.suggest("vacuum ").empty());
}

TEST_CASE("relevance on the sample blog") {
  const auto content = read_content(test::source_dir() / "content");
  REQUIRE(content.problems.empty());
  const Index index(content.bundle.posts);
  CHECK(top(index, "terraform") == "terraform-state-at-scale");
  CHECK(top(index, "terafrom ") == "terraform-state-at-scale");
  CHECK(top(index, "choreo") == "saga-choreography");
  CHECK(top(index, "compensating action") == "saga-choreography");
  CHECK(top(index, "root mfa ") == "cis-benchmark-iam");
  CHECK(top(index, "\"blast radius\"") == "terraform-state-at-scale");
  CHECK(top(index, "idempot") == "idempotency-in-lambda");
  CHECK(top(index, "tag:security iam") == "cis-benchmark-iam");
  CHECK(top(index, "tla") == "what-tla-taught-me");
  CHECK(top(index, "kubernetes limits ") == "k8s-resource-limits");
}
