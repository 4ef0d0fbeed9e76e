#include "catalog.hpp"

#include <algorithm>

#include "markdown.hpp"
#include "text.hpp"

namespace buildlog {
namespace {

// The kind of a part is the letter after the folders: posts/01/l-..., posts/ab/p-...
char kind_of(std::string_view name) {
  const std::size_t at = bundle_parts_folder.size() + 4;
  return name.size() > at + 1 && name[at + 1] == '-' ? name[at] : '\0';
}

}  // namespace

void Needs::add(const std::string& part) {
  if (std::find(parts.begin(), parts.end(), part) == parts.end()) parts.push_back(part);
}

Catalog::Catalog(Entry entry) : entry_(std::move(entry)) {
  in_progress_ = static_cast<std::size_t>(
      std::count_if(entry_.upcoming.begin(), entry_.upcoming.end(), [](const Post& p) { return p.status == Status::in_progress; }));
  if (!entry_.published.pages.empty()) pages_.emplace(entry_.published.pages.front(), entry_.first_page);
  for (const Post& p : entry_.first_page) part_of_.emplace(p.slug, p.part);
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

const Post* Catalog::find_upcoming(std::string_view slug) const {
  for (const Post& p : entry_.upcoming)
    if (p.slug == slug) return &p;
  return nullptr;
}

Problems Catalog::provide(std::string_view name, std::string_view bytes) {
  Problems problems;
  const std::string key(name);
  switch (kind_of(name)) {
    case 'l':
      if (auto page = load_list_page(bytes, problems)) {
        for (const Post& p : *page) part_of_.emplace(p.slug, p.part);
        pages_.insert_or_assign(key, std::move(*page));
      }
      break;
    case 'p':
      if (auto part = load_post_part(bytes, problems)) {
        part->text = markdown_plain_text(part->post.body);
        posts_.insert_or_assign(key, std::move(*part));
      }
      break;
    case 's':
      if (auto shard = load_slug_shard(bytes, problems)) shards_.insert_or_assign(key, std::move(*shard));
      break;
    case 't':
      if (auto bucket = search_format::decode_bucket(bytes)) buckets_.insert_or_assign(key, std::move(*bucket));
      else problems.push_back({"", "is not a search term bucket"});
      break;
    case 'i':
    case 'x':
      blobs_.insert_or_assign(key, std::string(bytes));
      break;
    default:
      problems.push_back({"", "is not a part this engine reads"});
  }
  for (auto& p : problems) p.where = p.where.empty() ? key : key + ": " + p.where;
  if (!problems.empty()) failed_.insert_or_assign(key, problems.front().to_string());
  else failed_.erase(key);
  return problems;
}

void Catalog::fail(std::string_view name, std::string_view why) { failed_.insert_or_assign(std::string(name), std::string(name) + ": " + std::string(why)); }

bool Catalog::ready(const std::string& name, Needs& needs) const {
  if (const auto it = failed_.find(name); it != failed_.end()) {
    if (!needs.failed) needs.failed = Problem{name, it->second};
    return false;
  }
  const bool have = pages_.contains(name) || posts_.contains(name) || shards_.contains(name) || buckets_.contains(name) || blobs_.contains(name);
  if (!have) needs.add(name);
  return have;
}

const std::vector<Post>* Catalog::page(const PostList& list, std::size_t index, Needs& needs) const {
  if (index >= list.pages.size() || !ready(list.pages[index], needs)) return nullptr;
  return &pages_.find(list.pages[index])->second;
}

const PostPart* Catalog::post_part(const std::string& part, Needs& needs) const {
  if (!ready(part, needs)) return nullptr;
  const auto it = posts_.find(part);
  return it == posts_.end() ? nullptr : &it->second;
}

const PostPart* Catalog::post(std::string_view slug, Needs& needs) const {
  if (const auto it = part_of_.find(slug); it != part_of_.end()) return post_part(it->second, needs);
  if (entry_.slug_shards.empty()) return nullptr;
  const std::string& shard_name = entry_.slug_shards[slug_shard(slug, entry_.slug_shards.size())];
  if (!ready(shard_name, needs)) return nullptr;
  const auto shard = shards_.find(shard_name);
  if (shard == shards_.end()) return nullptr;
  const auto it = shard->second.find(slug);
  return it == shard->second.end() ? nullptr : post_part(it->second, needs);
}

const std::vector<search_format::TermEntry>* Catalog::terms(std::string_view key, Needs& needs) const {
  static const std::vector<search_format::TermEntry> none;
  const auto it = entry_.search.terms.find(key);
  if (it == entry_.search.terms.end()) return &none;
  if (!ready(it->second, needs)) return nullptr;
  const auto bucket = buckets_.find(it->second);
  return bucket == buckets_.end() ? &none : &bucket->second;
}

const std::string* Catalog::blob(const std::string& name, Needs& needs) const {
  if (!ready(name, needs)) return nullptr;
  const auto it = blobs_.find(name);
  return it == blobs_.end() ? nullptr : &it->second;
}

}  // namespace buildlog
