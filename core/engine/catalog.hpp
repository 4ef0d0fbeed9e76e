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
#include "hit_part.hpp"
#include "snippet.hpp"
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
  Catalog(const Catalog&) = delete;  // indexes below point into the stored parts
  Catalog& operator=(const Catalog&) = delete;

  const Entry& entry() const { return entry_; }
  std::optional<Date> last_published() const;
  // The tag for a name in any case or accents ("AWS" finds "aws").
  const TagEntry* find_tag(std::string_view name) const;

  // Stores a fetched part, by the kind its name says (part_name.hpp).
  // Returns its problems, each naming the part; a part with problems is
  // remembered as failed.
  Problems provide(std::string_view name, std::string_view bytes);
  // The page could not fetch the part (`why`: HTTP status, network).
  void fail(std::string_view name, std::string_view why);
  // Drops the post parts and listing pages stored so far, which a view asks
  // for again should it need one, and keeps the rest (slug shards, search).
  // The author tool renders every page of a site through a catalog per
  // worker, which need not hold every body and every card.
  void forget_posts_and_lists() {
    posts_.clear();
    listing_pages_.clear();
  }

  // Page `index` (from 0) of a list of published posts: the entry's or a tag's.
  const std::vector<ListedPost>* listing_page(const PostList& list, std::size_t index, Needs& needs) const;
  // Page `index` (from 0) of the posts in progress and planned.
  const std::vector<PostCard>* upcoming_page(std::size_t index, Needs& needs) const;
  // A post by slug: a published one with its body, or an upcoming one
  // (`post` empty, `upcoming` set). Neither (and no needs) when the blog has none.
  struct Found {
    const PostPart* post = nullptr;
    const PostCard* upcoming = nullptr;
  };
  Found find(std::string_view slug, Needs& needs) const;
  const PostPart* post_part(const std::string& part, Needs& needs) const;
  // Search document `doc` as its result shows it: a published post's card
  // and plain text (its hit part), or an upcoming post's card (no text).
  struct Doc {
    const PostCard* card = nullptr;
    const SnippetText* text = nullptr;  // published posts only
  };
  Doc doc(std::uint32_t doc, Needs& needs) const;
  // The bucket for `key`; an empty one when the blog has no such bucket.
  const search_format::Bucket* terms(std::string_view key, Needs& needs) const;
  // A postings or positions file, as fetched.
  const std::string* blob(const std::string& name, Needs& needs) const;

 private:
  bool ready(const std::string& name, Needs& needs) const;  // false: added to needs or failed
  bool stored(const std::string& name) const;
  // `ready(name)`, then its record in `map` (the map of its kind), or
  // nullptr: a view reads several parts per card, so the usual case is one lookup.
  template <class Map>
  const typename Map::mapped_type* stored_in(const Map& map, const std::string& name, Needs& needs) const;
  // Names `problems` after the part and remembers it as failed or not.
  Problems finish(const std::string& name, Problems& problems);

  const std::string* page_name(const PostList& list, std::size_t index, Needs& needs) const;
  template <class Record>
  const std::vector<Record>* stored_page(const std::map<std::string, std::vector<Record>, std::less<>>& pages, const PostList& list,
                                         std::size_t index, Needs& needs) const;

  Entry entry_;
  std::map<std::string, std::vector<ListedPost>, std::less<>> listing_pages_;
  std::map<std::string, std::vector<PostCard>, std::less<>> upcoming_pages_;
  std::map<std::string, std::vector<std::string>, std::less<>> directories_;
  std::map<std::string, std::vector<std::string>, std::less<>> doc_parts_;
  std::map<std::string, SlugShard, std::less<>> shards_;
  std::map<std::string, PostPart, std::less<>> posts_;
  struct StoredHit {
    HitPart part;
    SnippetText text;  // views part.text
  };
  std::map<std::string, StoredHit, std::less<>> hits_;
  std::map<std::string, search_format::Bucket, std::less<>> buckets_;
  std::map<std::string, std::string, std::less<>> blobs_;
  std::map<std::string, std::string, std::less<>> failed_;  // part -> why
  std::map<std::string, std::string, std::less<>> part_of_;  // slug -> part, from every listing page seen
  std::map<std::string, const PostCard*, std::less<>> upcoming_;  // slug -> post, from every upcoming page seen
};

}  // namespace buildlog
