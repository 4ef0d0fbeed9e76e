#include "bundle_split.hpp"

#include <xxhash.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "parallel.hpp"
#include "search_build.hpp"

namespace buildlog {
namespace {

// ordered_json keeps keys in the order written, so files read top-down and
// are byte-stable.
using ordered = nlohmann::ordered_json;

std::string dump(const ordered& j) { return j.dump(-1, ' ', false, ordered::error_handler_t::replace); }

// A part's name: its kind, then a hash of its bytes, in a folder named by
// the hash's first two digits (filesystems slow down on one folder of 10,000 files).
std::string part_name(char kind, std::string_view bytes, std::string_view extension) {
  char hex[17];
  const auto h = XXH3_64bits(bytes.data(), bytes.size());
  for (int i = 0; i < 16; ++i) hex[i] = "0123456789abcdef"[(h >> (60 - 4 * i)) & 0xF];
  hex[16] = '\0';
  return std::string(bundle_parts_folder) + "/" + hex[0] + hex[1] + "/" + kind + "-" + hex + std::string(extension);
}

class PartWriter {
 public:
  // Adds a part and returns its name.
  std::string add(char kind, std::string bytes, std::string_view extension) { return add(Part{part_name(kind, bytes, extension), std::move(bytes)}); }
  std::string add(Part part) {
    std::string name = part.name;
    parts_.emplace(std::move(part.name), std::move(part.bytes));
    return name;
  }
  std::vector<Part> take() {
    std::vector<Part> out;
    for (auto& [name, bytes] : parts_) out.push_back({name, std::move(bytes)});
    return out;
  }

 private:
  std::map<std::string, std::string> parts_;
};

ordered meta(const Post& p) {
  ordered j = {{"slug", p.slug}, {"title", p.title}, {"date", to_iso(p.date)}, {"tags", p.tags}, {"summary", p.summary}};
  if (p.status != Status::published) j["status"] = to_string(p.status);
  if (p.status == Status::in_progress) j["progress"] = p.progress;
  j["words"] = p.words;
  j["reading_minutes"] = p.reading_minutes;
  return j;
}

ordered link(const Post* p) { return p == nullptr ? ordered(nullptr) : ordered{{"slug", p->slug}, {"title", p->title}}; }

// The pages of a list of published posts: page files named, first page's metas.
struct WrittenList {
  ordered json;
  ordered first;
};

WrittenList write_list(const std::vector<const Post*>& posts, const std::map<const Post*, std::string>& part_of, PartWriter& writer) {
  WrittenList out{{{"count", posts.size()}, {"pages", ordered::array()}}, ordered::array()};
  for (std::size_t begin = 0; begin < posts.size(); begin += bundle_page_size) {
    ordered page = ordered::array();
    for (std::size_t i = begin; i < std::min(posts.size(), begin + bundle_page_size); ++i) {
      ordered m = meta(*posts[i]);
      m["part"] = part_of.at(posts[i]);
      page.push_back(std::move(m));
    }
    if (begin == 0) out.first = page;
    out.json["pages"].push_back(writer.add('l', dump(ordered{{"posts", std::move(page)}}), ".json"));
  }
  return out;
}

}  // namespace

SplitBundle split_bundle(const Bundle& bundle) {
  std::vector<Post> posts = bundle.posts;
  sort_posts(posts);
  std::vector<const Post*> published, in_progress, planned;
  for (const Post& p : posts) (p.status == Status::published ? published : p.status == Status::in_progress ? in_progress : planned).push_back(&p);
  std::stable_sort(in_progress.begin(), in_progress.end(), [](const Post* a, const Post* b) { return a->progress > b->progress; });
  std::vector<const Post*> upcoming = in_progress;
  upcoming.insert(upcoming.end(), planned.begin(), planned.end());

  PartWriter writer;
  // Each published post: its metadata, body and neighbours, in one part.
  std::vector<Part> post_parts(published.size());
  parallel_for(published.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      ordered post = meta(*published[i]);
      post["body"] = published[i]->body;
      const ordered part = {{"post", std::move(post)},
                            {"newer", link(i == 0 ? nullptr : published[i - 1])},
                            {"older", link(i + 1 == published.size() ? nullptr : published[i + 1])}};
      std::string bytes = dump(part);
      post_parts[i] = {part_name('p', bytes, ".json"), std::move(bytes)};
    }
  });
  std::map<const Post*, std::string> part_of;
  for (std::size_t i = 0; i < published.size(); ++i) part_of[published[i]] = writer.add(std::move(post_parts[i]));

  WrittenList all = write_list(published, part_of, writer);

  // Tags: counted over published and in-progress posts, most used first.
  std::map<std::string, std::pair<int, std::vector<const Post*>>> by_tag;
  for (const Post* p : published)
    for (const auto& t : p->tags) ++by_tag[t].first, by_tag[t].second.push_back(p);
  for (const Post* p : in_progress)
    for (const auto& t : p->tags) ++by_tag[t].first;
  std::vector<std::pair<std::string, int>> tag_order;
  for (const auto& [tag, counted] : by_tag) tag_order.emplace_back(tag, counted.first);
  std::stable_sort(tag_order.begin(), tag_order.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  ordered tags = ordered::array();
  for (const auto& [tag, count] : tag_order) {
    ordered list = write_list(by_tag[tag].second, part_of, writer).json;
    tags.push_back({{"tag", tag}, {"posts", count}, {"published", std::move(list)}});
  }

  // Where each published post's part is, by slug, in shards.
  const std::size_t shard_count = std::max<std::size_t>(1, (published.size() + bundle_slugs_per_shard - 1) / bundle_slugs_per_shard);
  std::vector<std::map<std::string, std::string>> shards(shard_count);
  for (const Post* p : published) shards[slug_shard(p->slug, shard_count)][p->slug] = part_of[p];
  ordered slugs = ordered::array();
  for (const auto& shard : shards) {
    ordered s = ordered::object();
    for (const auto& [slug, part] : shard) s[slug] = part;
    slugs.push_back(writer.add('s', dump(ordered{{"slugs", std::move(s)}}), ".json"));
  }

  // Search: documents are the published posts in list order, then upcoming.
  std::vector<const Post*> docs = published;
  docs.insert(docs.end(), upcoming.begin(), upcoming.end());
  const SearchBuild index = build_search_index(docs);
  ordered postings = ordered::array(), positions = ordered::array(), buckets = ordered::object();
  for (const auto& file : index.postings) postings.push_back(writer.add('i', file, ".bin"));
  for (const auto& file : index.positions) positions.push_back(writer.add('x', file, ".bin"));
  for (const auto& [key, bytes] : index.buckets) buckets[key] = writer.add('t', bytes, ".bin");

  ordered upcoming_json = ordered::array();
  for (const Post* p : upcoming) upcoming_json.push_back(meta(*p));
  ordered posts_json = std::move(all.json);
  posts_json["first"] = std::move(all.first);
  const Site& s = bundle.site;
  const ordered entry = {
      {"version", bundle_version},
      {"site", {{"title", s.title}, {"tagline", s.tagline}, {"kicker", s.kicker}, {"author", s.author}, {"allow_raw_html", s.allow_raw_html}}},
      {"page_size", bundle_page_size},
      {"posts", std::move(posts_json)},
      {"upcoming", std::move(upcoming_json)},
      {"tags", std::move(tags)},
      {"slugs", std::move(slugs)},
      {"search", {{"docs", docs.size()}, {"terms", std::move(buckets)}, {"postings", std::move(postings)}, {"positions", std::move(positions)}}},
  };
  return {entry.dump(1, ' ', false, ordered::error_handler_t::replace) + "\n", writer.take()};
}

}  // namespace buildlog
