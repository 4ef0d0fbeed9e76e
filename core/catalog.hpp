// What the reader's engine knows of the blog: the entry (posts.json) and
// every part fetched so far. A view asks the catalog for data; what is not
// here yet goes on the view's Needs, the page fetches those parts and hands
// them back (Engine::provide), and the view renders again.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bundle.hpp"
#include "problem.hpp"
#include "search_format.hpp"

namespace buildlog {

struct Needs {
  std::vector<std::string> parts;  // to fetch, each once
  std::optional<Problem> failed;   // a part the view needs could not be had

  void add(const std::string& part);
  bool blocked() const { return !parts.empty() || failed.has_value(); }
};

class Catalog {
 public:
  explicit Catalog(Entry entry);

  const Entry& entry() const { return entry_; }
  std::size_t in_progress() const { return in_progress_; }
  std::optional<Date> last_published() const;
  // The tag for a name in any case or accents ("AWS" finds "aws").
  const TagEntry* find_tag(std::string_view name) const;
  const Post* find_upcoming(std::string_view slug) const;

  // Stores a fetched part, by the kind its name says. Returns its problems,
  // each naming the part; a part with problems is remembered as failed.
  Problems provide(std::string_view name, std::string_view bytes);
  // The page could not fetch the part (`why`: HTTP status, network).
  void fail(std::string_view name, std::string_view why);

  // Page `index` (from 0) of a list.
  const std::vector<Post>* page(const PostList& list, std::size_t index, Needs& needs) const;
  // A published post with its body, by slug; nullptr (and no needs) when the blog has none.
  const PostPart* post(std::string_view slug, Needs& needs) const;
  const PostPart* post_part(const std::string& part, Needs& needs) const;
  // The terms in the bucket for `key`; an empty list when the blog has no such bucket.
  const std::vector<search_format::TermEntry>* terms(std::string_view key, Needs& needs) const;
  // A postings or positions file, as fetched.
  const std::string* blob(const std::string& name, Needs& needs) const;

 private:
  bool ready(const std::string& name, Needs& needs) const;  // false: added to needs or failed

  Entry entry_;
  std::size_t in_progress_ = 0;
  std::map<std::string, std::vector<Post>, std::less<>> pages_;
  std::map<std::string, SlugShard, std::less<>> shards_;
  std::map<std::string, PostPart, std::less<>> posts_;
  std::map<std::string, std::vector<search_format::TermEntry>, std::less<>> buckets_;
  std::map<std::string, std::string, std::less<>> blobs_;
  std::map<std::string, std::string, std::less<>> failed_;  // part -> why
  std::map<std::string, std::string, std::less<>> part_of_;  // slug -> part, from every list page seen
};

}  // namespace buildlog
