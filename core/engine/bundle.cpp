#include "bundle.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <type_traits>

#include "bounded_json.hpp"
#include "field_reader.hpp"
#include "fnv.hpp"
#include "highlight.hpp"

namespace buildlog {
namespace {

using nlohmann::json;

const std::string& unknown_field() {
  static const std::string why = "is not a field of a version " + std::to_string(bundle_version) + " bundle";
  return why;
}

std::string part_problem() { return "must name a part of the bundle (" + std::string(bundle_parts_folder) + "/HH/...)"; }

// True when `name` is a part's name of one of `kinds`.
bool names_part(const std::string& name, std::initializer_list<PartKind> kinds) {
  const auto part = PartName::parse(name);
  return part && std::find(kinds.begin(), kinds.end(), part->kind) != kinds.end();
}

Site read_site(const json& j, Problems& problems) {
  Site site;
  if (!j.is_object()) {
    problems.push_back({"site", "must be an object"});
    return site;
  }
  FieldReader r(j, "site", problems);
  for (const SiteField& f : site_fields) {
    if (f.text != nullptr) {
      if (auto v = r.string(f.key, f.required, f.max_bytes)) site.*f.text = *v;
    } else if (auto v = r.boolean(f.key, f.required)) {
      site.*f.flag = *v;
    }
  }
  r.refuse_unknown(unknown_field());
  return site;
}

// The fields every post record has, into `post`. Not a template: one copy
// in the engine serves every shape.
void read_card(FieldReader& r, bool upcoming, PostCard& post) {
  if (auto v = r.string("slug", true, max_slug_bytes)) {
    post.slug = *v;
    if (!is_valid_slug(post.slug)) r.problem("slug", "must be lowercase letters, digits and '-', got \"" + post.slug + "\"");
  }
  if (auto v = r.string("title", true, max_title_bytes)) {
    post.title = *v;
    if (post.title.empty()) r.problem("title", "is empty");
  }
  if (auto v = r.string("date", true, 100)) {
    if (auto d = parse_date(*v)) post.date = *d;
    else r.problem("date", "must be a calendar date YYYY-MM-DD, got \"" + *v + "\"");
  }
  if (const json* tags = r.find("tags", true)) {
    if (!tags->is_array()) {
      r.problem("tags", "must be a list of strings, got " + kind_of(*tags));
    } else {
      for (std::size_t i = 0; i < tags->size(); ++i) {
        const json& t = (*tags)[i];
        if (!t.is_string() || t.get_ref<const std::string&>().empty() || t.get_ref<const std::string&>().size() > max_tag_bytes)
          r.problem("tags[" + std::to_string(i) + "]", "must be a non-empty string of at most " + std::to_string(max_tag_bytes) + " bytes");
        else post.tags.push_back(t.get<std::string>());
      }
    }
  }
  if (auto v = r.string("summary", true, max_summary_bytes)) post.summary = *v;
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
  if (auto v = r.integer("words", true, 0, max_post_words)) post.words = static_cast<int>(*v);
  if (auto v = r.integer("reading_minutes", true, 1, max_reading_minutes)) post.reading_minutes = static_cast<int>(*v);
  if (auto v = r.string("preview", false, max_preview_note_bytes)) post.preview_note = *v;
}

// "posts.first[2]" with the record's slug, when it has a plausible one, for messages.
std::string record_place(const json& j, std::string where) {
  const auto slug = j.find("slug");
  if (slug != j.end() && slug->is_string() && slug->get_ref<const std::string&>().size() <= max_slug_bytes)
    where += " \"" + slug->get<std::string>() + "\"";
  return where;
}

// A post record. Its type is its shape: a card (an upcoming post), a listed
// post (a card naming its part) or a post with its body.
template <class Record>
std::optional<Record> read_record(const json& j, const std::string& where, Problems& problems) {
  if (!j.is_object()) {
    problems.push_back({where, "must be an object, got " + kind_of(j)});
    return std::nullopt;
  }
  const std::size_t before = problems.size();
  FieldReader r(j, record_place(j, where), problems);
  Record post;
  read_card(r, std::is_same_v<Record, PostCard>, post);
  if constexpr (std::is_same_v<Record, Post>) {
    if (auto v = r.string("body", true, max_body_bytes)) post.body = *v;
    if (auto v = r.string("author", false, max_post_author_bytes)) post.author = *v;
    if (auto v = r.string("updated", false, 100)) {
      if (auto d = parse_date(*v)) post.updated = *d;
      else r.problem("updated", "must be a calendar date YYYY-MM-DD, got \"" + *v + "\"");
    }
    if (const json* runs = r.find("highlight", false)) {
      const auto valid = [](const json& s) { return s.is_string() && is_valid_runs(s.get_ref<const std::string&>()); };
      if (runs->is_array() && runs->size() <= max_highlighted_blocks && std::all_of(runs->begin(), runs->end(), valid))
        for (const json& s : *runs) post.highlights.push_back(s.get<std::string>());
      else r.problem("highlight", "must be a list of at most " + std::to_string(max_highlighted_blocks) + " code blocks' token runs");
    }
    if (const json* names = r.find("entities", false)) {
      // An object's members come in increasing name order, as the table takes them.
      EntityTable table;
      bool valid = names->is_object() && names->size() <= max_table_entities;
      if (valid) {
        for (auto it = names->begin(); valid && it != names->end(); ++it) {
          const std::string& name = it.key();
          valid = !name.empty() && name.size() <= max_entity_name_bytes &&
                  std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }) && it->is_string() &&
                  !it->get_ref<const std::string&>().empty() && it->get_ref<const std::string&>().size() <= max_entity_text_bytes;
          if (valid) table.add(name, it->get<std::string>());
        }
      }
      if (valid) post.entities = std::move(table);
      else r.problem("entities", "must be an object of at most " + std::to_string(max_table_entities) + " names (letters and digits, up to " +
                                     std::to_string(max_entity_name_bytes) + " bytes), each with its text (up to " + std::to_string(max_entity_text_bytes) + " bytes)");
    }
  }
  if constexpr (std::is_same_v<Record, ListedPost>) {
    if (auto v = r.string("part", true, 200)) {
      post.part = *v;
      if (!names_part(post.part, {PartKind::post})) r.problem("part", part_problem() + ", got \"" + post.part + "\"");
    }
  }
  r.refuse_unknown(unknown_field());
  if (problems.size() != before) return std::nullopt;
  return post;
}

// "where" as FieldReader writes it has a leading '.' for top-level fields.
void tidy(Problems& problems) {
  for (auto& p : problems)
    if (!p.where.empty() && p.where.front() == '.') p.where.erase(0, 1);
}

// Checks that `list` is a list of at most max_bundle_posts; false (with a problem) otherwise.
bool is_record_list(const json& list, const std::string& where, Problems& problems) {
  if (!list.is_array()) {
    problems.push_back({where, "must be a list, got " + kind_of(list)});
    return false;
  }
  if (list.size() > max_bundle_posts) {
    problems.push_back({where, "has " + std::to_string(list.size()) + " posts, more than the limit of " + std::to_string(max_bundle_posts)});
    return false;
  }
  return true;
}

// The place of record `i` of `where`, or nullopt once enough problems are
// reported (saying where checking stopped).
std::optional<std::string> next_record_place(const std::string& where, std::size_t i, Problems& problems) {
  const std::string place = where + "[" + std::to_string(i) + "]";
  if (problems.size() < max_reported_problems) return place;
  problems.push_back({where, "stopped checking at " + place + " after " + std::to_string(problems.size()) + " problems"});
  return std::nullopt;
}

template <class Record>
std::vector<Record> read_records(const json& list, const std::string& where, Problems& problems) {
  std::vector<Record> out;
  if (!is_record_list(list, where, problems)) return out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto place = next_record_place(where, i, problems);
    if (!place) break;
    if (auto post = read_record<Record>(list[i], *place, problems)) out.push_back(std::move(*post));
  }
  return out;
}

std::vector<std::string> read_part_names(const json& list, const std::string& where, std::initializer_list<PartKind> kinds, Problems& problems) {
  std::vector<std::string> out;
  if (!list.is_array()) {
    problems.push_back({where, "must be a list of part names, got " + kind_of(list)});
    return out;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].is_string() && names_part(list[i].get_ref<const std::string&>(), kinds)) out.push_back(list[i].get<std::string>());
    else problems.push_back({where + "[" + std::to_string(i) + "]", part_problem()});
    if (problems.size() >= max_reported_problems) break;
  }
  return out;
}

// A list whose pages are parts of `page_kind`.
PostList read_list(const json& j, const std::string& where, std::size_t page_size, PartKind page_kind, Problems& problems) {
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
      if (!names_part(list.directory, {PartKind::directory})) r.problem("directory", part_problem());
    }
  } else if (const json* names = r.find("pages", true)) {
    list.pages = read_part_names(*names, where + ".pages", {page_kind}, problems);
    if (list.pages.size() != pages) problems.push_back({where + ".pages", "has " + std::to_string(list.pages.size()) + " pages for " + std::to_string(list.count) + " posts"});
  }
  r.find("first", false);  // read by the caller where allowed
  r.refuse_unknown(unknown_field());
  return list;
}

// The list's inline first page, or nullptr (a problem when missing).
const json* first_page_of(const json& list, const std::string& where, Problems& problems) {
  if (!list.is_object()) return nullptr;
  const auto it = list.find("first");
  if (it != list.end()) return &*it;
  problems.push_back({where + ".first", "is missing"});
  return nullptr;
}

// Page 1 must hold the first `page_size` of the list's posts.
void check_first_page(const PostList& list, std::size_t page_size, std::size_t read, const std::string& where, Problems& problems) {
  if (read != std::min(list.count, page_size))
    problems.push_back({where + ".first", "has " + std::to_string(read) + " posts; page 1 of " + std::to_string(list.count) + " has " +
                                              std::to_string(std::min(list.count, page_size))});
}

// A list of the entry with its first page inline.
template <class Record>
PostList read_list_with_first(const json& j, const std::string& where, std::size_t page_size, PartKind page_kind, std::vector<Record>& first,
                              Problems& problems) {
  PostList list = read_list(j, where, page_size, page_kind, problems);
  if (const json* page = first_page_of(j, where, problems)) {
    const std::size_t before = problems.size();
    first = read_records<Record>(*page, where + ".first", problems);
    if (problems.size() == before) check_first_page(list, page_size, first.size(), where, problems);
  }
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
        if (key.empty() || key.size() > 4 || !name.is_string() || !names_part(name.get_ref<const std::string&>(), {PartKind::term_bucket}))
          problems.push_back({"search.terms." + key, "must name a part of the bundle"});
        else search.terms.emplace(key, name.get<std::string>());
        if (problems.size() >= max_reported_problems) break;
      }
  }
  if (const json* v = r.find("doc_parts", true)) search.doc_parts = read_part_names(*v, "search.doc_parts", {PartKind::doc_part}, problems);
  r.refuse_unknown(unknown_field());
  return search;
}

std::vector<TagEntry> read_tags(const json& tags, std::size_t page_size, Problems& problems) {
  std::vector<TagEntry> out;
  if (!tags.is_array()) {
    problems.push_back({"tags", "must be a list"});
    return out;
  }
  for (std::size_t i = 0; i < tags.size() && problems.size() < max_reported_problems; ++i) {
    const json& t = tags[i];
    const std::string where = "tags[" + std::to_string(i) + "]";
    if (!t.is_object()) {
      problems.push_back({where, "must be an object"});
      continue;
    }
    FieldReader r(t, where, problems);
    TagEntry tag;
    if (auto v = r.string("tag", true, max_tag_bytes)) tag.tag = *v;
    if (auto v = r.integer("posts", true, 0, static_cast<long long>(max_bundle_posts))) tag.posts = static_cast<int>(*v);
    if (const json* list = r.find("published", true)) tag.published = read_list(*list, where + ".published", page_size, PartKind::listing_page, problems);
    r.refuse_unknown(unknown_field());
    out.push_back(std::move(tag));
  }
  return out;
}

// A part's JSON object, read by `read_fields` into a value; nullopt when the
// part has problems (added to `problems`).
template <class Read>
auto read_part(std::string_view text, Problems& problems, Read read_fields) -> std::optional<std::invoke_result_t<Read, FieldReader&, const json&>> {
  const std::size_t before = problems.size();
  const auto root = parse_bounded_object(text, problems);
  if (!root) return std::nullopt;
  FieldReader r(*root, "", problems);
  auto value = read_fields(r, *root);
  r.refuse_unknown(unknown_field());
  tidy(problems);
  if (problems.size() != before) return std::nullopt;
  return value;
}

template <class Record>
std::optional<std::vector<Record>> load_page(std::string_view text, Problems& problems) {
  return read_part(text, problems, [&](FieldReader& r, const json&) {
    const json* list = r.find("posts", true);
    return list == nullptr ? std::vector<Record>{} : read_records<Record>(*list, "posts", problems);
  });
}

}  // namespace

std::optional<std::vector<ListedPost>> load_listing_page(std::string_view text, Problems& problems) { return load_page<ListedPost>(text, problems); }
std::optional<std::vector<PostCard>> load_upcoming_page(std::string_view text, Problems& problems) { return load_page<PostCard>(text, problems); }

std::optional<std::vector<std::string>> load_directory(std::string_view text, Problems& problems) {
  return read_part(text, problems, [&](FieldReader& r, const json&) {
    // The pages of a listing or of the upcoming posts; the catalog reads each
    // page by the kind its own name says.
    const json* names = r.find("pages", true);
    return names == nullptr ? std::vector<std::string>{}
                            : read_part_names(*names, "pages", {PartKind::listing_page, PartKind::upcoming_page}, problems);
  });
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
    names.push_back(PartName{PartKind::search_hit, h}.str());
  }
  return names;
}

std::size_t shard_count(std::size_t posts) { return std::clamp<std::size_t>(posts, 1, bundle_shards); }

std::size_t slug_shard(std::string_view slug, std::size_t shards) {
  return shards == 0 ? 0 : fnv1a_32(slug) % shards;
}

EntryLoad load_entry(std::string_view text) {
  EntryLoad result;
  auto& problems = result.problems;
  const auto parsed = parse_bounded_object(text, problems);
  if (!parsed) return result;
  const json& root = *parsed;
  FieldReader r(root, "", problems);
  const json* version = r.find("version", true);
  if (version == nullptr) return tidy(problems), result;
  if (!version->is_number_integer()) {
    problems.push_back({"version", "must be a whole number, got " + kind_of(*version)});
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
    entry.published = read_list_with_first(*posts, "posts", entry.page_size, PartKind::listing_page, entry.first_page, problems);
  if (const json* upcoming = r.find("upcoming", true))
    entry.upcoming = read_list_with_first(*upcoming, "upcoming", entry.page_size, PartKind::upcoming_page, entry.first_upcoming, problems);
  if (const json* tags = r.find("tags", true)) entry.tags = read_tags(*tags, entry.page_size, problems);
  if (const json* slugs = r.find("slugs", true)) {
    entry.slug_shards = read_part_names(*slugs, "slugs", {PartKind::slug_shard}, problems);
    if (entry.slug_shards.empty() && entry.published.count > 0) problems.push_back({"slugs", "is empty, but the blog has published posts"});
  }
  if (const json* search = r.find("search", true)) entry.search = read_search(*search, problems);
  // Counts that disagree, once each list read cleanly (a post with problems is left out).
  if (problems.empty() && entry.search.docs != entry.published.count + entry.upcoming.count)
    problems.push_back({"search.docs", "must count the published and upcoming posts (" + std::to_string(entry.published.count + entry.upcoming.count) + ")"});
  if (problems.empty() && entry.search.doc_parts.size() != (entry.published.count == 0 ? 0 : shard_count(entry.published.count)))
    problems.push_back({"search.doc_parts", "has " + std::to_string(entry.search.doc_parts.size()) + " parts for " + std::to_string(entry.published.count) + " published posts"});
  r.refuse_unknown(unknown_field());
  tidy(problems);
  if (problems.empty()) result.entry = std::move(entry);
  return result;
}

std::optional<PostPart> load_post_part(std::string_view text, Problems& problems) {
  return read_part(text, problems, [&](FieldReader& r, const json&) {
    PostPart part;
    if (const json* post = r.find("post", true))
      if (auto p = read_record<Post>(*post, "post", problems)) part.post = std::move(*p);
    const auto read_link = [&](const json& link, const std::string& where) -> std::optional<PostLink> {
      FieldReader lr(link, where, problems);
      auto slug = link.is_object() ? lr.string("slug", true, max_slug_bytes) : std::nullopt;
      auto title = link.is_object() ? lr.string("title", true, max_title_bytes) : std::nullopt;
      if (link.is_object()) lr.refuse_unknown(unknown_field());
      if (slug && title && is_valid_slug(*slug)) return PostLink{*slug, *title};
      problems.push_back({where, "must be a post's slug and title"});
      return std::nullopt;
    };
    for (const auto& [key, target] : {std::pair{"newer", &part.newer}, std::pair{"older", &part.older}}) {
      const json* link = r.find(key, true);
      if (link != nullptr && !link->is_null()) *target = read_link(*link, key);
    }
    if (const json* related = r.find("related", false)) {
      if (!related->is_array() || related->size() > max_related_posts) problems.push_back({"related", "must be a list of at most " + std::to_string(max_related_posts) + " posts"});
      else
        for (std::size_t i = 0; i < related->size(); ++i)
          if (auto link = read_link((*related)[i], "related[" + std::to_string(i) + "]")) part.related.push_back(std::move(*link));
    }
    return part;
  });
}

std::optional<SlugShard> load_slug_shard(std::string_view text, Problems& problems) {
  const std::size_t before = problems.size();
  return read_part(text, problems, [&](FieldReader& r, const json&) {
    SlugShard shard;
    const json* slugs = r.find("slugs", true);
    if (slugs == nullptr) return shard;
    if (!slugs->is_object()) {
      problems.push_back({"slugs", "must be an object"});
      return shard;
    }
    // A published post maps to its post part, an upcoming one to the page it is on.
    for (const auto& [slug, part] : slugs->items()) {
      const std::string* name = part.is_string() ? &part.get_ref<const std::string&>() : nullptr;
      if (is_valid_slug(slug) && name != nullptr && names_part(*name, {PartKind::post, PartKind::upcoming_page}))
        shard.emplace(slug, *name);
      else problems.push_back({"slugs." + slug, "must map a slug to a part of the bundle"});
      if (problems.size() - before >= max_reported_problems) break;
    }
    return shard;
  });
}

}  // namespace buildlog
