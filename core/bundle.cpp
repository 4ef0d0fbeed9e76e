#include "bundle.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace buildlog {
namespace {

using nlohmann::json;

// Reads one object's fields, recording a problem for each wrong, missing or
// unknown field instead of stopping at the first.
class FieldReader {
 public:
  FieldReader(const json& object, std::string where, Problems& problems)
      : object_(object), where_(std::move(where)), problems_(problems) {}

  void problem(std::string_view field, std::string message) {
    problems_.push_back({where_ + (field.empty() ? "" : "." + std::string(field)), std::move(message)});
  }

  const json* find(std::string_view key, bool required) {
    known_.insert(std::string(key));
    const auto it = object_.find(key);
    if (it == object_.end()) {
      if (required) problem(key, "is missing");
      return nullptr;
    }
    return &*it;
  }

  std::optional<std::string> string(std::string_view key, bool required, std::size_t max_bytes = 1u << 16) {
    const json* v = find(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) return problem(key, "must be a string, got " + std::string(v->type_name())), std::nullopt;
    const auto& s = v->get_ref<const std::string&>();
    if (s.size() > max_bytes) return problem(key, "is " + std::to_string(s.size()) + " bytes, more than the limit of " + std::to_string(max_bytes)), std::nullopt;
    return s;
  }

  std::optional<long long> integer(std::string_view key, bool required, long long lo, long long hi) {
    const json* v = find(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_number_integer()) return problem(key, "must be a whole number, got " + v->dump()), std::nullopt;
    const auto n = v->get<long long>();
    if (n < lo || n > hi) return problem(key, "must be " + std::to_string(lo) + "-" + std::to_string(hi) + ", got " + std::to_string(n)), std::nullopt;
    return n;
  }

  std::optional<bool> boolean(std::string_view key, bool required) {
    const json* v = find(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_boolean()) return problem(key, "must be true or false, got " + v->dump()), std::nullopt;
    return v->get<bool>();
  }

  // Unknown fields are refused: a newer format raises the version instead.
  void refuse_unknown() {
    for (const auto& [key, value] : object_.items())
      if (!known_.contains(key)) problem(key, "is not a field of a version " + std::to_string(bundle_version) + " bundle");
  }

 private:
  const json& object_;
  std::string where_;
  Problems& problems_;
  std::set<std::string, std::less<>> known_;
};

Site read_site(const json& j, Problems& problems) {
  Site site;
  if (!j.is_object()) {
    problems.push_back({"site", "must be an object"});
    return site;
  }
  FieldReader r(j, "site", problems);
  if (auto v = r.string("title", true, 200)) site.title = *v;
  if (auto v = r.string("tagline", false, 1000)) site.tagline = *v;
  if (auto v = r.string("kicker", false, 200)) site.kicker = *v;
  if (auto v = r.string("author", false, 200)) site.author = *v;
  if (auto v = r.boolean("allow_raw_html", false)) site.allow_raw_html = *v;
  r.refuse_unknown();
  return site;
}

// Where a post record appears, which decides its fields: a listing's entry
// names the part with the body; a post part carries the body; upcoming posts
// have neither.
enum class PostShape { listed, with_body, upcoming };

std::optional<Post> read_post(const json& j, std::string where, PostShape shape, Problems& problems) {
  if (!j.is_object()) {
    problems.push_back({where, "must be an object, got " + std::string(j.type_name())});
    return std::nullopt;
  }
  const auto slug_it = j.find("slug");
  if (slug_it != j.end() && slug_it->is_string() && slug_it->get_ref<const std::string&>().size() <= 100)
    where += " \"" + slug_it->get<std::string>() + "\"";
  const std::size_t before = problems.size();
  FieldReader r(j, where, problems);
  Post post;
  if (auto v = r.string("slug", true, 100)) {
    post.slug = *v;
    if (!is_valid_slug(post.slug)) r.problem("slug", "must be lowercase letters, digits and '-', got \"" + post.slug + "\"");
  }
  if (auto v = r.string("title", true, 1000)) {
    post.title = *v;
    if (post.title.empty()) r.problem("title", "is empty");
  }
  if (auto v = r.string("date", true, 100)) {
    if (auto d = parse_date(*v)) post.date = *d;
    else r.problem("date", "must be a calendar date YYYY-MM-DD, got \"" + *v + "\"");
  }
  if (const json* tags = r.find("tags", true)) {
    if (!tags->is_array()) {
      r.problem("tags", "must be a list of strings, got " + std::string(tags->type_name()));
    } else {
      for (std::size_t i = 0; i < tags->size(); ++i) {
        const json& t = (*tags)[i];
        if (!t.is_string() || t.get_ref<const std::string&>().empty() || t.get_ref<const std::string&>().size() > 100)
          r.problem("tags[" + std::to_string(i) + "]", "must be a non-empty string of at most 100 bytes");
        else post.tags.push_back(t.get<std::string>());
      }
    }
  }
  if (auto v = r.string("summary", true, 4000)) post.summary = *v;
  const bool upcoming = shape == PostShape::upcoming;
  if (auto v = r.string("status", upcoming, 100)) {
    if (auto st = parse_status(*v); st && to_string(*st) == *v && (*st != Status::published) == upcoming) post.status = *st;
    else r.problem("status", upcoming ? "must be \"in-progress\" or \"planned\", got \"" + *v + "\""
                                      : "is only for posts that are not published");
  }
  const bool in_progress = post.status == Status::in_progress;
  if (auto v = r.integer("progress", in_progress, 0, 100)) {
    if (!in_progress) r.problem("progress", "is only for posts in progress");
    post.progress = static_cast<int>(*v);
  }
  if (auto v = r.integer("words", true, 0, 100'000'000)) post.words = static_cast<int>(*v);
  if (auto v = r.integer("reading_minutes", true, 1, 1'000'000)) post.reading_minutes = static_cast<int>(*v);
  if (shape == PostShape::with_body)
    if (auto v = r.string("body", true, max_bundle_bytes)) post.body = *v;
  if (shape == PostShape::listed) {
    if (auto v = r.string("part", true, 200)) {
      post.part = *v;
      if (!is_part_name(post.part)) r.problem("part", "must name a part of the bundle (" + std::string(bundle_parts_folder) + "/HH/...), got \"" + post.part + "\"");
    }
  }
  r.refuse_unknown();
  if (problems.size() != before) return std::nullopt;
  return post;
}

// A first pass over the text that builds nothing: checks the JSON syntax and
// the bounds above, so that the document built afterwards has a known size.
class ShapeCheck {
 public:
  std::string error;  // empty when the text passed

  bool null() { return value(); }
  bool boolean(bool) { return value(); }
  bool number_integer(json::number_integer_t) { return value(); }
  bool number_unsigned(json::number_unsigned_t) { return value(); }
  bool number_float(json::number_float_t, const json::string_t&) { return value(); }
  bool string(json::string_t&) { return value(); }
  bool binary(json::binary_t&) { return value(); }
  bool key(json::string_t&) { return true; }
  bool start_object(std::size_t) { return open(); }
  bool start_array(std::size_t) { return open(); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
    // nlohmann's message says where: "parse error at line 3, column 7: ...".
    std::string what = e.what();
    if (const auto pos = what.find("] "); pos != std::string::npos) what.erase(0, pos + 2);
    error = "not valid JSON: " + what;
    return false;
  }

 private:
  bool value() {
    if (++values_ <= max_bundle_values) return true;
    error = "has more than " + std::to_string(max_bundle_values) + " JSON values, more than any bundle needs";
    return false;
  }
  bool open() {
    if (++depth_ > max_bundle_depth) {
      error = "is nested more than " + std::to_string(max_bundle_depth) + " levels deep, more than any bundle needs";
      return false;
    }
    return value();
  }
  bool close() {
    --depth_;
    return true;
  }
  std::size_t values_ = 0;
  std::size_t depth_ = 0;
};

// Small files are parsed on the way to a reader's screen: one this size
// cannot hold enough values to exhaust memory, and nlohmann's parser and
// destructor do not recurse, so the checking pass runs only when parsing
// fails or finds no object (to say where and why).
constexpr std::size_t small_file_bytes = 256 * 1024;

std::optional<json> parse_bounded(std::string_view text, Problems& problems) {
  if (text.size() > max_bundle_bytes) {
    problems.push_back({"", "is " + std::to_string(text.size()) + " bytes, more than the limit of " + std::to_string(max_bundle_bytes)});
    return std::nullopt;
  }
  if (text.size() <= small_file_bytes) {
    json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!root.is_discarded() && root.is_object()) return root;
  }
  ShapeCheck shape;
  if (!json::sax_parse(text, &shape) || !shape.error.empty()) {
    problems.push_back({"", shape.error.empty() ? "not valid JSON" : shape.error});
    return std::nullopt;
  }
  json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) {
    problems.push_back({"", "must be a JSON object, got " + std::string(root.type_name())});
    return std::nullopt;
  }
  return root;
}

// "where" as FieldReader writes it has a leading '.' for top-level fields.
void tidy(Problems& problems) {
  for (auto& p : problems)
    if (!p.where.empty() && p.where.front() == '.') p.where.erase(0, 1);
}

std::vector<Post> read_posts(const json& list, const std::string& where, PostShape shape, Problems& problems) {
  std::vector<Post> out;
  if (!list.is_array()) {
    problems.push_back({where, "must be a list, got " + std::string(list.type_name())});
    return out;
  }
  if (list.size() > max_bundle_posts) {
    problems.push_back({where, "has " + std::to_string(list.size()) + " posts, more than the limit of " + std::to_string(max_bundle_posts)});
    return out;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (problems.size() >= max_reported_problems) {
      problems.push_back({where, "stopped checking at " + where + "[" + std::to_string(i) + "] after " + std::to_string(problems.size()) + " problems"});
      break;
    }
    if (auto post = read_post(list[i], where + "[" + std::to_string(i) + "]", shape, problems)) out.push_back(std::move(*post));
  }
  return out;
}

std::vector<std::string> read_part_names(const json& list, const std::string& where, Problems& problems) {
  std::vector<std::string> out;
  if (!list.is_array()) {
    problems.push_back({where, "must be a list of part names, got " + std::string(list.type_name())});
    return out;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].is_string() && is_part_name(list[i].get_ref<const std::string&>())) out.push_back(list[i].get<std::string>());
    else problems.push_back({where + "[" + std::to_string(i) + "]", "must name a part of the bundle (" + std::string(bundle_parts_folder) + "/HH/...)"});
    if (problems.size() >= max_reported_problems) break;
  }
  return out;
}

PostList read_list(const json& j, const std::string& where, std::size_t page_size, Problems& problems) {
  PostList list;
  if (!j.is_object()) {
    problems.push_back({where, "must be an object with \"count\" and \"pages\" or \"directory\""});
    return list;
  }
  FieldReader r(j, where, problems);
  if (auto v = r.integer("count", true, 0, static_cast<long long>(max_bundle_posts))) list.count = static_cast<std::size_t>(*v);
  const std::size_t pages = page_size == 0 ? 0 : (list.count + page_size - 1) / page_size;
  if (pages > 1) {
    if (auto v = r.string("directory", true, 200)) {
      list.directory = *v;
      if (!is_part_name(list.directory)) r.problem("directory", "must name a part of the bundle (" + std::string(bundle_parts_folder) + "/HH/...)");
    }
  } else if (const json* names = r.find("pages", true)) {
    list.pages = read_part_names(*names, where + ".pages", problems);
    if (list.pages.size() != pages) problems.push_back({where + ".pages", "has " + std::to_string(list.pages.size()) + " pages for " + std::to_string(list.count) + " posts"});
  }
  r.find("first", false);  // read by the caller where allowed
  r.refuse_unknown();
  return list;
}

// A list of the entry with its first page inline.
PostList read_list_with_first(const json& j, const std::string& where, std::size_t page_size, PostShape shape, std::vector<Post>& first, Problems& problems) {
  PostList list = read_list(j, where, page_size, problems);
  if (!j.is_object()) return list;
  const auto it = j.find("first");
  if (it == j.end()) {
    problems.push_back({where + ".first", "is missing"});
    return list;
  }
  const std::size_t before = problems.size();
  first = read_posts(*it, where + ".first", shape, problems);
  if (problems.size() == before && first.size() != std::min(list.count, page_size))
    problems.push_back({where + ".first", "has " + std::to_string(first.size()) + " posts; page 1 of " + std::to_string(list.count) + " has " +
                                              std::to_string(std::min(list.count, page_size))});
  return list;
}

SearchManifest read_search(const json& j, Problems& problems) {
  SearchManifest search;
  if (!j.is_object()) {
    problems.push_back({"search", "must be an object"});
    return search;
  }
  FieldReader r(j, "search", problems);
  if (auto v = r.integer("docs", true, 0, static_cast<long long>(max_bundle_posts))) search.docs = static_cast<std::uint32_t>(*v);
  if (const json* terms = r.find("terms", true)) {
    if (!terms->is_object()) problems.push_back({"search.terms", "must be an object"});
    else
      for (const auto& [key, name] : terms->items()) {
        if (key.empty() || key.size() > 4 || !name.is_string() || !is_part_name(name.get_ref<const std::string&>()))
          problems.push_back({"search.terms." + key, "must name a part of the bundle"});
        else search.terms.emplace(key, name.get<std::string>());
        if (problems.size() >= max_reported_problems) break;
      }
  }
  if (const json* v = r.find("doc_parts", true)) search.doc_parts = read_part_names(*v, "search.doc_parts", problems);
  r.refuse_unknown();
  return search;
}

}  // namespace

// Part names come from the bundle and become fetch() addresses in the page:
// only names of the form the author tool writes are accepted,
// "posts/HH/NAME" (no "..", no other folder).
bool is_part_name(std::string_view name) {
  const std::string prefix = std::string(bundle_parts_folder) + "/";
  if (!name.starts_with(prefix) || name.size() > prefix.size() + 100 || name.find("..") != std::string_view::npos) return false;
  name.remove_prefix(prefix.size());
  auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); };
  if (name.size() < 4 || !hex(name[0]) || !hex(name[1]) || name[2] != '/') return false;
  name.remove_prefix(3);
  return std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'; });
}

void sort_posts(std::vector<Post>& posts) {
  std::sort(posts.begin(), posts.end(), [](const Post& a, const Post& b) {
    if (a.date != b.date) return a.date > b.date;
    return a.slug < b.slug;
  });
}

std::string part_name(char kind, std::uint64_t hash, std::string_view extension) {
  char hex[16];
  for (int i = 0; i < 16; ++i) hex[i] = "0123456789abcdef"[(hash >> (60 - 4 * i)) & 0xF];
  return std::string(bundle_parts_folder) + "/" + hex[0] + hex[1] + "/" + kind + "-" + std::string(hex, 16) + std::string(extension);
}

std::optional<std::vector<std::string>> load_directory(std::string_view text, Problems& problems) {
  const std::size_t before = problems.size();
  const auto root = parse_bounded(text, problems);
  if (!root) return std::nullopt;
  FieldReader r(*root, "", problems);
  std::vector<std::string> pages;
  if (const json* names = r.find("pages", true)) pages = read_part_names(*names, "pages", problems);
  r.refuse_unknown();
  tidy(problems);
  if (problems.size() != before) return std::nullopt;
  return pages;
}

std::string encode_doc_part(const std::vector<std::uint64_t>& hashes) {
  std::string out = "BLD1";
  out += static_cast<char>(hashes.size() & 0xFF);
  out += static_cast<char>(hashes.size() >> 8);
  for (const auto h : hashes)
    for (int i = 0; i < 8; ++i) out += static_cast<char>((h >> (8 * i)) & 0xFF);
  return out;
}

std::optional<std::vector<std::string>> decode_doc_part(std::string_view bytes) {
  if (bytes.size() < 6 || !bytes.starts_with("BLD1")) return std::nullopt;
  const std::size_t count = static_cast<unsigned char>(bytes[4]) | std::size_t{static_cast<unsigned char>(bytes[5])} << 8;
  if (bytes.size() != 6 + 8 * count) return std::nullopt;
  std::vector<std::string> names;
  names.reserve(count);
  for (std::size_t k = 0; k < count; ++k) {
    std::uint64_t h = 0;
    for (int i = 0; i < 8; ++i) h |= std::uint64_t{static_cast<unsigned char>(bytes[6 + 8 * k + static_cast<std::size_t>(i)])} << (8 * i);
    names.push_back(part_name('p', h, ".json"));
  }
  return names;
}

std::size_t slug_shard(std::string_view slug, std::size_t shards) {
  std::uint32_t h = 2166136261u;
  for (const char c : slug) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return shards == 0 ? 0 : h % shards;
}

EntryLoad load_entry(std::string_view text) {
  EntryLoad result;
  auto& problems = result.problems;
  const auto parsed = parse_bounded(text, problems);
  if (!parsed) return result;
  const json& root = *parsed;
  FieldReader r(root, "", problems);
  const json* version = r.find("version", true);
  if (version == nullptr) return tidy(problems), result;
  if (!version->is_number_integer()) {
    problems.push_back({"version", "must be a whole number, got " + version->dump()});
    return result;
  }
  if (const auto v = version->get<long long>(); v != bundle_version) {
    problems.push_back({"version", "this bundle is version " + std::to_string(v) + ", and this engine reads version " + std::to_string(bundle_version) +
                                       ": rebuild it with the same buildlog as the page (buildlog build)"});
    return result;
  }
  Entry entry;
  if (const json* site = r.find("site", true)) entry.site = read_site(*site, problems);
  if (auto v = r.integer("page_size", true, 1, 10'000)) entry.page_size = static_cast<std::size_t>(*v);
  if (auto v = r.integer("in_progress", true, 0, static_cast<long long>(max_bundle_posts))) entry.in_progress = static_cast<std::size_t>(*v);
  if (const json* posts = r.find("posts", true))
    entry.published = read_list_with_first(*posts, "posts", entry.page_size, PostShape::listed, entry.first_page, problems);
  if (const json* upcoming = r.find("upcoming", true))
    entry.upcoming = read_list_with_first(*upcoming, "upcoming", entry.page_size, PostShape::upcoming, entry.first_upcoming, problems);
  if (const json* tags = r.find("tags", true)) {
    if (!tags->is_array()) problems.push_back({"tags", "must be a list"});
    else
      for (std::size_t i = 0; i < tags->size() && problems.size() < max_reported_problems; ++i) {
        const json& t = (*tags)[i];
        const std::string where = "tags[" + std::to_string(i) + "]";
        if (!t.is_object()) {
          problems.push_back({where, "must be an object"});
          continue;
        }
        FieldReader tr(t, where, problems);
        TagEntry tag;
        if (auto v = tr.string("tag", true, 100)) tag.tag = *v;
        if (auto v = tr.integer("posts", true, 0, static_cast<long long>(max_bundle_posts))) tag.posts = static_cast<int>(*v);
        if (const json* list = tr.find("published", true)) tag.published = read_list(*list, where + ".published", entry.page_size, problems);
        tr.refuse_unknown();
        entry.tags.push_back(std::move(tag));
      }
  }
  if (const json* slugs = r.find("slugs", true)) {
    entry.slug_shards = read_part_names(*slugs, "slugs", problems);
    if (entry.slug_shards.empty() && entry.published.count > 0) problems.push_back({"slugs", "is empty, but the blog has published posts"});
  }
  if (const json* search = r.find("search", true)) entry.search = read_search(*search, problems);
  // Counts that disagree, once each list read cleanly (a post with problems is left out).
  if (problems.empty() && entry.search.docs != entry.published.count + entry.upcoming.count)
    problems.push_back({"search.docs", "must count the published and upcoming posts (" + std::to_string(entry.published.count + entry.upcoming.count) + ")"});
  if (problems.empty() && entry.search.doc_parts.size() != (entry.published.count + bundle_docs_per_part - 1) / bundle_docs_per_part)
    problems.push_back({"search.doc_parts", "has " + std::to_string(entry.search.doc_parts.size()) + " parts for " + std::to_string(entry.published.count) + " published posts"});
  r.refuse_unknown();
  tidy(problems);
  if (problems.empty()) result.entry = std::move(entry);
  return result;
}

std::optional<std::vector<Post>> load_list_page(std::string_view text, Problems& problems) {
  const std::size_t before = problems.size();
  const auto root = parse_bounded(text, problems);
  if (!root) return std::nullopt;
  FieldReader r(*root, "", problems);
  std::vector<Post> posts;
  // A page of published posts names each one's part; a page of upcoming posts gives their status.
  const json* list = r.find("posts", true);
  const bool upcoming = list != nullptr && list->is_array() && !list->empty() && (*list)[0].is_object() && (*list)[0].contains("status");
  if (list != nullptr) posts = read_posts(*list, "posts", upcoming ? PostShape::upcoming : PostShape::listed, problems);
  r.refuse_unknown();
  tidy(problems);
  if (problems.size() != before) return std::nullopt;
  return posts;
}

std::optional<PostPart> load_post_part(std::string_view text, Problems& problems) {
  const std::size_t before = problems.size();
  const auto root = parse_bounded(text, problems);
  if (!root) return std::nullopt;
  FieldReader r(*root, "", problems);
  PostPart part;
  if (const json* post = r.find("post", true))
    if (auto p = read_post(*post, "post", PostShape::with_body, problems)) part.post = std::move(*p);
  for (const auto& [key, target] : {std::pair{"newer", &part.newer}, std::pair{"older", &part.older}}) {
    const json* link = r.find(key, true);
    if (link == nullptr || link->is_null()) continue;
    FieldReader lr(*link, key, problems);
    auto slug = link->is_object() ? lr.string("slug", true, 100) : std::nullopt;
    auto title = link->is_object() ? lr.string("title", true, 1000) : std::nullopt;
    if (link->is_object()) lr.refuse_unknown();
    if (slug && title && is_valid_slug(*slug)) *target = PostLink{*slug, *title};
    else problems.push_back({key, "must be null or a post's slug and title"});
  }
  r.refuse_unknown();
  tidy(problems);
  if (problems.size() != before) return std::nullopt;
  return part;
}

std::optional<SlugShard> load_slug_shard(std::string_view text, Problems& problems) {
  const std::size_t before = problems.size();
  const auto root = parse_bounded(text, problems);
  if (!root) return std::nullopt;
  FieldReader r(*root, "", problems);
  SlugShard shard;
  if (const json* slugs = r.find("slugs", true)) {
    if (!slugs->is_object()) problems.push_back({"slugs", "must be an object"});
    else
      for (const auto& [slug, part] : slugs->items()) {
        if (is_valid_slug(slug) && part.is_string() && is_part_name(part.get_ref<const std::string&>())) shard.emplace(slug, part.get<std::string>());
        else problems.push_back({"slugs." + slug, "must map a slug to a part of the bundle"});
        if (problems.size() - before >= max_reported_problems) break;
      }
  }
  r.refuse_unknown();
  tidy(problems);
  if (problems.size() != before) return std::nullopt;
  return shard;
}

}  // namespace buildlog
