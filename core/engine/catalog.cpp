#include "catalog.hpp"

#include <algorithm>

#include "text.hpp"

namespace buildlog {

void Needs::add(const std::string& part) {
  if (std::find(parts.begin(), parts.end(), part) == parts.end()) parts.push_back(part);
}

Catalog::Catalog(Entry entry) : entry_(std::move(entry)) {
  for (const ListedPost& p : entry_.first_page) part_of_.emplace(p.slug, p.part);
  for (const PostCard& p : entry_.first_upcoming) upcoming_.emplace(p.slug, &p);
}

std::optional<Date> Catalog::last_published() const {
  if (entry_.first_page.empty()) return std::nullopt;
  return entry_.first_page.front().date;
}

const TagEntry* Catalog::find_tag(std::string_view name) const {
  for (const TagEntry& t : entry_.tags)
    if (t.tag == name) return &t;
  const std::string folded = fold(name);
  for (const TagEntry& t : entry_.tags)
    if (fold(t.tag) == folded) return &t;
  return nullptr;
}

Problems Catalog::provide(std::string_view name, std::string_view bytes) {
  Problems problems;
  const std::string key(name);
  const auto part = PartName::parse(name);
  if (!part) {
    problems.push_back({"", "is not a part this engine reads"});
    return finish(key, problems);
  }
  switch (part->kind) {
    case PartKind::listing_page:
      if (listing_pages_.contains(key)) break;  // the same name is the same bytes
      if (auto page = load_listing_page(bytes, problems)) {
        for (const ListedPost& p : *page) part_of_.emplace(p.slug, p.part);
        listing_pages_.emplace(key, std::move(*page));
      }
      break;
    case PartKind::upcoming_page:
      if (upcoming_pages_.contains(key)) break;  // upcoming_ points into the stored page
      if (auto page = load_upcoming_page(bytes, problems)) {
        const auto& stored = upcoming_pages_.emplace(key, std::move(*page)).first->second;
        for (const PostCard& p : stored) upcoming_.emplace(p.slug, &p);
      }
      break;
    case PartKind::directory:
      if (auto names = load_directory(bytes, problems)) directories_.insert_or_assign(key, std::move(*names));
      break;
    case PartKind::doc_part:
      if (auto names = decode_doc_part(bytes)) doc_parts_.insert_or_assign(key, std::move(*names));
      else problems.push_back({"", "is not a search document part"});
      break;
    case PartKind::post:
      if (posts_.contains(key)) break;  // the same name is the same bytes
      if (auto post = load_post_part(bytes, problems)) posts_.emplace(key, std::move(*post));
      break;
    case PartKind::search_hit:
      if (hits_.contains(key)) break;  // the same name is the same bytes (and `text` views the stored part)
      if (auto hit = decode_hit_part(bytes)) {
        StoredHit& stored = hits_.emplace(key, StoredHit{std::move(*hit), {}}).first->second;
        stored.text = prepare_snippet_text(stored.part.text);
      } else {
        problems.push_back({"", "is not a search hit part"});
      }
      break;
    case PartKind::slug_shard:
      if (auto shard = load_slug_shard(bytes, problems)) shards_.insert_or_assign(key, std::move(*shard));
      break;
    case PartKind::term_bucket:
      if (auto bucket = search_format::decode_bucket(bytes);
          bucket && std::all_of(bucket->postings.begin(), bucket->postings.end(), is_part_name) &&
          std::all_of(bucket->positions.begin(), bucket->positions.end(), is_part_name))
        buckets_.insert_or_assign(key, std::move(*bucket));
      else problems.push_back({"", "is not a search term bucket"});
      break;
    case PartKind::postings:
    case PartKind::positions:
      blobs_.insert_or_assign(key, std::string(bytes));
      break;
  }
  return finish(key, problems);
}

Problems Catalog::finish(const std::string& name, Problems& problems) {
  for (auto& p : problems) p.where = p.where.empty() ? name : name + ": " + p.where;
  if (!problems.empty()) failed_.insert_or_assign(name, problems.front().to_string());
  else failed_.erase(name);
  return problems;
}

void Catalog::fail(std::string_view name, std::string_view why) { failed_.insert_or_assign(std::string(name), std::string(name) + ": " + std::string(why)); }

bool Catalog::ready(const std::string& name, Needs& needs) const {
  if (const auto it = failed_.find(name); it != failed_.end()) {
    if (!needs.failed) needs.failed = Problem{name, it->second};
    return false;
  }
  const bool have = stored(name);
  if (!have) needs.add(name);
  return have;
}

bool Catalog::stored(const std::string& name) const {
  const auto part = PartName::parse(name);
  if (!part) return false;
  switch (part->kind) {  // one lookup, in the kind's own map: views ask this for every part they read
    case PartKind::listing_page: return listing_pages_.contains(name);
    case PartKind::upcoming_page: return upcoming_pages_.contains(name);
    case PartKind::directory: return directories_.contains(name);
    case PartKind::doc_part: return doc_parts_.contains(name);
    case PartKind::post: return posts_.contains(name);
    case PartKind::search_hit: return hits_.contains(name);
    case PartKind::slug_shard: return shards_.contains(name);
    case PartKind::term_bucket: return buckets_.contains(name);
    case PartKind::postings:
    case PartKind::positions: return blobs_.contains(name);
  }
  return false;
}

template <class Map>
const typename Map::mapped_type* Catalog::stored_in(const Map& map, const std::string& name, Needs& needs) const {
  if (failed_.empty())  // the usual case: one lookup
    if (const auto it = map.find(name); it != map.end()) return &it->second;
  if (!ready(name, needs)) return nullptr;
  const auto it = map.find(name);  // ready, but as another kind of part than `map` holds
  return it == map.end() ? nullptr : &it->second;
}

const std::string* Catalog::page_name(const PostList& list, std::size_t index, Needs& needs) const {
  if (list.directory.empty()) return index < list.pages.size() ? &list.pages[index] : nullptr;
  const auto* names = stored_in(directories_, list.directory, needs);
  return names != nullptr && index < names->size() ? &(*names)[index] : nullptr;
}

template <class Record>
const std::vector<Record>* Catalog::stored_page(const std::map<std::string, std::vector<Record>, std::less<>>& pages, const PostList& list,
                                                std::size_t index, Needs& needs) const {
  const std::string* name = page_name(list, index, needs);
  return name == nullptr ? nullptr : stored_in(pages, *name, needs);
}

const std::vector<ListedPost>* Catalog::listing_page(const PostList& list, std::size_t index, Needs& needs) const {
  if (index == 0 && &list == &entry_.published) return &entry_.first_page;  // page 1 is in the entry
  return stored_page(listing_pages_, list, index, needs);
}

const std::vector<PostCard>* Catalog::upcoming_page(std::size_t index, Needs& needs) const {
  if (index == 0) return &entry_.first_upcoming;
  return stored_page(upcoming_pages_, entry_.upcoming, index, needs);
}

const PostPart* Catalog::post_part(const std::string& part, Needs& needs) const { return stored_in(posts_, part, needs); }

Catalog::Found Catalog::find(std::string_view slug, Needs& needs) const {
  if (const auto it = upcoming_.find(slug); it != upcoming_.end()) return {nullptr, it->second};
  if (const auto it = part_of_.find(slug); it != part_of_.end()) return {post_part(it->second, needs), nullptr};
  if (entry_.slug_shards.empty()) return {};
  const std::string& shard_name = entry_.slug_shards[slug_shard(slug, entry_.slug_shards.size())];
  const SlugShard* shard = stored_in(shards_, shard_name, needs);
  if (shard == nullptr) return {};
  const auto it = shard->find(slug);
  if (it == shard->end()) return {};
  // An upcoming post's shard entry names its page of upcoming posts.
  if (PartName::parse(it->second)->kind == PartKind::upcoming_page) {
    if (!ready(it->second, needs)) return {};
    const auto up = upcoming_.find(slug);
    return {nullptr, up == upcoming_.end() ? nullptr : up->second};
  }
  return {post_part(it->second, needs), nullptr};
}

Catalog::Doc Catalog::doc(std::uint32_t doc, Needs& needs) const {
  const std::size_t published = entry_.published.count;
  if (doc >= published) {
    const std::size_t k = doc - published;
    const auto* page = upcoming_page(k / entry_.page_size, needs);
    return {page != nullptr && k % entry_.page_size < page->size() ? &(*page)[k % entry_.page_size] : nullptr, {}};
  }
  const auto& parts = entry_.search.doc_parts;
  if (parts.empty()) return {};
  const auto* names = stored_in(doc_parts_, parts[doc % parts.size()], needs);
  const std::size_t k = doc / parts.size();
  if (names == nullptr || k >= names->size()) return {};
  const StoredHit* hit = stored_in(hits_, (*names)[k], needs);
  return hit == nullptr ? Doc{} : Doc{&hit->part.card, &hit->text};
}

const search_format::Bucket* Catalog::terms(std::string_view key, Needs& needs) const {
  static const search_format::Bucket none;
  const auto it = entry_.search.terms.find(key);
  if (it == entry_.search.terms.end()) return &none;
  if (!ready(it->second, needs)) return nullptr;
  const auto bucket = buckets_.find(it->second);
  return bucket == buckets_.end() ? &none : &bucket->second;
}

const std::string* Catalog::blob(const std::string& name, Needs& needs) const { return stored_in(blobs_, name, needs); }

}  // namespace buildlog
