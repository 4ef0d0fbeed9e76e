#include "bundle_writer.hpp"
#include "related.hpp"

#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <utility>
#include <unordered_map>
#include <nlohmann/json.hpp>

#include "bounded_json.hpp"
#include "hit_part.hpp"
#include "markdown.hpp"
#include "parallel.hpp"
#include "search_build.hpp"

namespace buildlog {
namespace {

// ordered_json keeps keys in the order written, so files read top-down and
// are byte-stable.
using ordered = nlohmann::ordered_json;

std::string dump(const ordered& j) { return j.dump(-1, ' ', false, ordered::error_handler_t::replace); }

class PartWriter {
 public:
  explicit PartWriter(const PartSink* sink) : sink_(sink) {}

  // Adds a part and returns its name.
  std::string add(PartKind kind, std::string bytes) { return add(Part{PartName{kind, content_hash(bytes)}.str(), std::move(bytes)}); }
  std::string add(Part part) {
    std::string name = part.name;
    const std::lock_guard lock(mutex_);
    parts_.push_back(std::move(part));
    return name;
  }
  // Adds a part the listings and the entry do not hold: to the sink when
  // there is one (and not again after it failed), else held like the rest.
  // From any thread.
  std::string pass(PartKind kind, std::string bytes) { return pass(Part{PartName{kind, content_hash(bytes)}.str(), std::move(bytes)}); }
  std::string pass(Part part) {
    if (sink_ == nullptr) return add(std::move(part));
    std::string error = failed_ ? std::string() : (*sink_)(part);
    const std::lock_guard lock(mutex_);
    if (!error.empty() && error_.empty()) error_ = std::move(error), failed_ = true;
    sunk_.push_back(part.name);
    return std::move(part.name);
  }
  bool failed() const { return failed_; }
  std::string error() const { return error_; }

  // By name, each once (two parts with the same bytes have the same name).
  std::vector<Part> take() {
    std::sort(parts_.begin(), parts_.end(), [](const Part& a, const Part& b) { return a.name < b.name; });
    parts_.erase(std::unique(parts_.begin(), parts_.end(), [](const Part& a, const Part& b) { return a.name == b.name; }), parts_.end());
    return std::move(parts_);
  }
  std::vector<std::string> take_sunk() {
    std::sort(sunk_.begin(), sunk_.end());
    sunk_.erase(std::unique(sunk_.begin(), sunk_.end()), sunk_.end());
    return std::move(sunk_);
  }

 private:
  const PartSink* sink_;
  std::mutex mutex_;
  std::vector<Part> parts_;
  std::vector<std::string> sunk_;
  std::string error_;
  std::atomic<bool> failed_ = false;
};

ordered meta(const PostCard& p) {
  ordered j = {{"slug", p.slug}, {"title", p.title}, {"date", to_iso(p.date)}, {"tags", p.tags}, {"summary", p.summary}};
  if (p.status != Status::published) j["status"] = to_string(p.status);
  if (p.status == Status::in_progress) j["progress"] = p.progress;
  j["words"] = p.words;
  j["reading_minutes"] = p.reading_minutes;
  if (!p.preview_note.empty()) j["preview"] = p.preview_note;
  return j;
}

// A split its sink stopped.
SplitBundle stopped(std::string error) {
  SplitBundle split;
  split.sink_error = std::move(error);
  return split;
}

ordered link(const SourcePost* p) { return p == nullptr ? ordered(nullptr) : ordered{{"slug", p->slug}, {"title", p->title}}; }

// The pages of a list of published posts: page files named, first page's metas.
struct WrittenList {
  ordered json;
  ordered first;
  std::vector<std::string> pages;
};

// Published posts name their part (a listing); upcoming ones have none.
WrittenList write_list(const std::vector<const SourcePost*>& posts, const std::unordered_map<const SourcePost*, std::string>& part_of, PartKind page_kind,
                       PartWriter& writer) {
  WrittenList out{{{"count", posts.size()}}, ordered::array(), {}};
  ordered pages = ordered::array();
  for (std::size_t begin = 0; begin < posts.size(); begin += bundle_page_size) {
    ordered page = ordered::array();
    for (std::size_t i = begin; i < std::min(posts.size(), begin + bundle_page_size); ++i) {
      ordered m = meta(*posts[i]);
      if (const auto it = part_of.find(posts[i]); it != part_of.end()) m["part"] = it->second;
      page.push_back(std::move(m));
    }
    if (begin == 0) out.first = page;
    out.pages.push_back(writer.add(page_kind, dump(ordered{{"posts", std::move(page)}})));
    pages.push_back(out.pages.back());
  }
  if (pages.size() > 1) out.json["directory"] = writer.add(PartKind::directory, dump(ordered{{"pages", std::move(pages)}}));
  else out.json["pages"] = std::move(pages);
  return out;
}

}  // namespace

std::uint64_t content_hash(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

std::optional<Problem> oversized_file(const std::string& name, std::size_t size) {
  if (size <= max_json_bytes) return std::nullopt;
  return Problem{name, "would be " + std::to_string(size) + " bytes, more than the limit of " + std::to_string(max_json_bytes) + " that readers' engines load"};
}

Problems oversized_files(const SplitBundle& bundle) {
  Problems problems;
  auto check = [&](const std::string& name, std::size_t size) {
    if (auto problem = oversized_file(name, size)) problems.push_back(std::move(*problem));
  };
  check("posts.json", bundle.entry.size());
  for (const Part& p : bundle.parts) check(p.name, p.bytes.size());
  return problems;
}

void sort_posts(std::vector<SourcePost>& posts) { std::sort(posts.begin(), posts.end(), comes_before); }

Selection select_posts(Bundle blog, const Publishing& publishing) {
  Selection out;
  std::vector<SourcePost> kept;
  for (SourcePost& p : blog.posts) {
    const bool future = p.status == Status::published && p.date > publishing.today && !publishing.future;
    out.private_posts += p.is_private;
    out.future_posts += future && !p.is_private;
    if (!publishing.preview && (p.is_private || future)) continue;
    if (p.is_private) p.preview_note = "private draft";
    else if (future) p.preview_note = "scheduled for " + to_iso(p.date);
    kept.push_back(std::move(p));
  }
  blog.posts = std::move(kept);
  out.bundle = std::move(blog);
  return out;
}

SplitBundle split_bundle(const Bundle& bundle, const EarlierSplit* earlier, const PartSink* sink) {
  // Sorted by pointer: the posts (and their bodies) stay where they are.
  std::vector<const SourcePost*> posts;
  // A private post reaches a bundle only marked, in the author's preview
  // (select_posts): whoever forgets to select, readers never get one.
  for (const SourcePost& p : bundle.posts)
    if (!p.is_private || !p.preview_note.empty()) posts.push_back(&p);
  std::sort(posts.begin(), posts.end(), [](const SourcePost* a, const SourcePost* b) { return comes_before(*a, *b); });
  std::vector<const SourcePost*> published, in_progress, planned;
  for (const SourcePost* p : posts) (p->status == Status::published ? published : p->status == Status::in_progress ? in_progress : planned).push_back(p);
  std::stable_sort(in_progress.begin(), in_progress.end(), [](const SourcePost* a, const SourcePost* b) { return a->progress > b->progress; });
  std::vector<const SourcePost*> upcoming = in_progress;
  upcoming.insert(upcoming.end(), planned.begin(), planned.end());

  PartWriter writer(sink);
  // Search: documents are the published posts in list order, then upcoming.
  // The index first: what making it takes is let go before the posts' parts
  // are made, and is not held on top of them.
  std::vector<const SourcePost*> docs = published;
  docs.insert(docs.end(), upcoming.begin(), upcoming.end());
  // What the earlier split made of a post equal to `source`; null when it made none.
  std::unordered_map<std::string_view, const SourcePost*> earlier_posts;
  if (earlier != nullptr)
    for (const SourcePost& p : earlier->blog.posts) earlier_posts.emplace(p.slug, &p);
  const auto earlier_made = [&](const SourcePost& source) -> const SplitBundle::PostParts* {
    const auto post = earlier_posts.find(source.slug);
    if (post == earlier_posts.end() || !(*post->second == source)) return nullptr;
    const auto made = earlier->split.post_parts.find(source.slug);
    return made == earlier->split.post_parts.end() ? nullptr : &made->second;
  };
  const auto earlier_part = [&](const std::string& name) -> const Part* {
    const auto& parts = earlier->split.parts;
    const auto it = std::lower_bound(parts.begin(), parts.end(), name, [](const Part& p, const std::string& n) { return p.name < n; });
    return it != parts.end() && it->name == name ? &*it : nullptr;
  };
  // Each published post's plain text, for its hit part (made here, from the
  // post alone: the card and the text) and the index: the post's own when
  // its reader kept it (the preview's), else made here, once, and let go as
  // soon as the index has read it, while the index's records grow.
  std::vector<std::string> made_texts(published.size());
  std::vector<std::string_view> texts(published.size());
  std::vector<std::string> hit_parts(published.size());  // names: the parts are passed on as made
  std::vector<std::uint64_t> hit_hashes(published.size());  // for the doc parts
  parallel_for(published.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end && !writer.failed(); ++i) {
      const SourcePost& source = *published[i];
      if (source.text.empty()) made_texts[i] = markdown_plain_text(source.body);
      texts[i] = source.text.empty() ? std::string_view(made_texts[i]) : std::string_view(source.text);
      const SplitBundle::PostParts* made = earlier == nullptr ? nullptr : earlier_made(source);
      if (const Part* hit = made == nullptr ? nullptr : earlier_part(made->hit_part)) {
        hit_hashes[i] = content_hash(hit->bytes);
        hit_parts[i] = writer.pass(*hit);
        continue;
      }
      std::string hit = encode_hit_part(source, texts[i]);
      hit_hashes[i] = content_hash(hit);
      hit_parts[i] = writer.pass({PartName{PartKind::search_hit, hit_hashes[i]}.str(), std::move(hit)});
    }
  });
  if (writer.failed()) return stopped(writer.error());
  const auto text_read = [&](std::size_t doc) {
    if (doc < made_texts.size()) std::string().swap(made_texts[doc]);
  };
  SearchBuild index = build_search_index(docs, texts, text_read);
  std::vector<std::string> postings, positions;
  for (auto& file : index.postings) postings.push_back(writer.pass(PartKind::postings, std::exchange(file, {})));
  for (auto& file : index.positions) positions.push_back(writer.pass(PartKind::positions, std::exchange(file, {})));
  ordered buckets = ordered::object();
  for (auto& [key, terms] : index.buckets) {
    // Each bucket names the files its terms use, numbered in its own tables.
    search_format::Bucket bucket;
    std::map<std::uint32_t, std::uint32_t> postings_local, positions_local;
    for (auto& t : terms) {
      auto local = [](std::map<std::uint32_t, std::uint32_t>& table, std::vector<std::string>& names, const std::vector<std::string>& files, std::uint32_t file) {
        const auto [it, fresh] = table.emplace(file, static_cast<std::uint32_t>(names.size()));
        if (fresh) names.push_back(files[file]);
        return it->second;
      };
      t.postings.file = local(postings_local, bucket.postings, postings, t.postings.file);
      if (t.positions.size > 0) t.positions.file = local(positions_local, bucket.positions, positions, t.positions.file);
    }
    bucket.terms = std::move(terms);
    buckets[key] = writer.pass(PartKind::term_bucket, search_format::encode_bucket(bucket));
  }
  const auto related = related_posts(published);
  // Each published post: its metadata, body, neighbours and related posts, in
  // one part, made from the post and those links alone (EarlierSplit).
  std::vector<std::string> post_parts(published.size());  // names: the parts are passed on as made
  std::vector<std::uint64_t> link_hashes(published.size());  // for a later split
  parallel_for(published.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end && !writer.failed(); ++i) {
      const SourcePost& source = *published[i];
      ordered links = {{"newer", link(i == 0 ? nullptr : published[i - 1])}, {"older", link(i + 1 == published.size() ? nullptr : published[i + 1])}};
      if (!related[i].empty()) {
        ordered list = ordered::array();
        for (const std::size_t j : related[i]) list.push_back(link(published[j]));
        links["related"] = std::move(list);
      }
      link_hashes[i] = content_hash(dump(links));
      const SplitBundle::PostParts* made = earlier == nullptr ? nullptr : earlier_made(source);
      if (const Part* post_part = made == nullptr || made->links != link_hashes[i] ? nullptr : earlier_part(made->post_part)) {
        post_parts[i] = writer.pass(*post_part);
        continue;
      }
      ordered post = meta(*published[i]);
      post["body"] = published[i]->body;
      if (!published[i]->author.empty()) post["author"] = published[i]->author;
      if (published[i]->updated) post["updated"] = to_iso(*published[i]->updated);
      if (!published[i]->highlights.empty()) post["highlight"] = published[i]->highlights;
      if (!published[i]->entities.empty()) {
        ordered names = ordered::object();
        for (const auto& [name, text] : published[i]->entities.entries()) names[name] = text;
        post["entities"] = std::move(names);
      }
      ordered part = {{"post", std::move(post)}};
      for (auto& [key, value] : links.items()) part[key] = std::move(value);  // after the post, in their order
      std::string bytes = dump(part);
      post_parts[i] = writer.pass(PartKind::post, std::move(bytes));
    }
  });
  if (writer.failed()) return stopped(writer.error());
  std::unordered_map<const SourcePost*, std::string> part_of;
  std::unordered_map<std::string, SplitBundle::PostParts> made;
  for (std::size_t i = 0; i < published.size(); ++i) {
    part_of[published[i]] = std::move(post_parts[i]);
    made[published[i]->slug] = {part_of[published[i]], std::move(hit_parts[i]), link_hashes[i]};
  }

  WrittenList all = write_list(published, part_of, PartKind::listing_page, writer);

  // Tags: counted over published and in-progress posts, most used first.
  std::map<std::string, std::pair<int, std::vector<const SourcePost*>>> by_tag;
  for (const SourcePost* p : published)
    for (const auto& t : p->tags) ++by_tag[t].first, by_tag[t].second.push_back(p);
  for (const SourcePost* p : in_progress)
    for (const auto& t : p->tags) ++by_tag[t].first;
  std::vector<std::pair<std::string, int>> tag_order;
  for (const auto& [tag, counted] : by_tag) tag_order.emplace_back(tag, counted.first);
  std::stable_sort(tag_order.begin(), tag_order.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  ordered tags = ordered::array();
  for (const auto& [tag, count] : tag_order) {
    ordered list = write_list(by_tag[tag].second, part_of, PartKind::listing_page, writer).json;
    tags.push_back({{"tag", tag}, {"posts", count}, {"published", std::move(list)}});
  }

  WrittenList upcoming_list = write_list(upcoming, part_of, PartKind::upcoming_page, writer);

  // Where each post's part is, by slug, in shards.
  const std::size_t shards_made = shard_count(posts.size());
  std::vector<std::map<std::string, std::string>> shards(shards_made);
  for (const SourcePost* p : published) shards[slug_shard(p->slug, shards_made)][p->slug] = part_of[p];
  // An upcoming post's entry names the listing page it is on (its only part).
  for (std::size_t i = 0; i < upcoming.size(); ++i)
    shards[slug_shard(upcoming[i]->slug, shards_made)][upcoming[i]->slug] = upcoming_list.pages[i / bundle_page_size];
  ordered slugs = ordered::array();
  for (const auto& shard : shards) {
    ordered s = ordered::object();
    for (const auto& [slug, part] : shard) s[slug] = part;
    slugs.push_back(writer.add(PartKind::slug_shard, dump(ordered{{"slugs", std::move(s)}})));
  }

  // Published post number -> its hit part, for search results: post d is
  // entry d / n of doc part d % n.
  ordered doc_parts = ordered::array();
  const std::size_t doc_part_count = published.empty() ? 0 : shard_count(published.size());
  for (std::size_t k = 0; k < doc_part_count; ++k) {
    std::vector<std::uint64_t> hashes;
    for (std::size_t d = k; d < published.size(); d += doc_part_count) hashes.push_back(hit_hashes[d]);
    doc_parts.push_back(writer.pass(PartKind::doc_part, encode_doc_part(hashes)));
  }

  ordered upcoming_json = std::move(upcoming_list.json);
  upcoming_json["first"] = std::move(upcoming_list.first);
  ordered posts_json = std::move(all.json);
  posts_json["first"] = std::move(all.first);
  ordered site = ordered::object();
  for (const SiteField& f : site_fields) {
    if (f.text != nullptr) site[std::string(f.key)] = bundle.site.*f.text;
    else site[std::string(f.key)] = bundle.site.*f.flag;
  }
  const ordered entry = {
      {"version", bundle_version},
      {"site", std::move(site)},
      {"page_size", bundle_page_size},
      {"in_progress", in_progress.size()},
      {"posts", std::move(posts_json)},
      {"upcoming", std::move(upcoming_json)},
      {"tags", std::move(tags)},
      {"slugs", std::move(slugs)},
      {"search", {{"docs", docs.size()}, {"terms", std::move(buckets)}, {"doc_parts", std::move(doc_parts)}}},
  };
  if (writer.failed()) return stopped(writer.error());
  SplitBundle split;
  split.entry = entry.dump(1, ' ', false, ordered::error_handler_t::replace) + "\n";
  split.parts = writer.take();
  split.parts_sunk = writer.take_sunk();
  split.post_parts = std::move(made);
  return split;
}

}  // namespace buildlog
