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

std::optional<Post> read_post(const json& j, std::size_t index, Problems& problems) {
  std::string where = "posts[" + std::to_string(index) + "]";
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
  if (auto v = r.string("status", true, 100)) {
    if (auto s = parse_status(*v); s && to_string(*s) == *v) post.status = *s;
    else r.problem("status", "must be \"published\", \"in-progress\" or \"planned\", got \"" + *v + "\"");
  }
  const bool in_progress = post.status == Status::in_progress;
  if (auto v = r.integer("progress", in_progress, 0, 100)) {
    if (!in_progress) r.problem("progress", "is only for posts in progress");
    post.progress = static_cast<int>(*v);
  }
  if (auto v = r.integer("words", true, 0, 100'000'000)) post.words = static_cast<int>(*v);
  if (auto v = r.integer("reading_minutes", true, 1, 1'000'000)) post.reading_minutes = static_cast<int>(*v);
  const bool published = post.status == Status::published;
  if (auto v = r.string("body", published, max_bundle_bytes)) {
    if (!published) r.problem("body", "a post that is not published never ships its body");
    post.body = *v;
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

}  // namespace

void sort_posts(std::vector<Post>& posts) {
  std::sort(posts.begin(), posts.end(), [](const Post& a, const Post& b) {
    if (a.date != b.date) return a.date > b.date;
    return a.slug < b.slug;
  });
}

BundleLoad load_bundle(std::string_view text) {
  BundleLoad result;
  auto& problems = result.problems;
  if (text.size() > max_bundle_bytes) {
    problems.push_back({"", "the bundle is " + std::to_string(text.size()) + " bytes, more than the limit of " + std::to_string(max_bundle_bytes)});
    return result;
  }
  ShapeCheck shape;
  if (!json::sax_parse(text, &shape) || !shape.error.empty()) {
    problems.push_back({"", shape.error.empty() ? "not valid JSON" : shape.error});
    return result;
  }
  const json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    problems.push_back({"", "not valid JSON"});
    return result;
  }
  if (!root.is_object()) {
    problems.push_back({"", "must be a JSON object with \"version\", \"site\" and \"posts\", got " + std::string(root.type_name())});
    return result;
  }
  FieldReader r(root, "", problems);
  const json* version = r.find("version", true);
  if (version != nullptr) {
    if (!version->is_number_integer()) {
      problems.push_back({"version", "must be a whole number, got " + version->dump()});
      return result;
    }
    const auto v = version->get<long long>();
    if (v > bundle_version) {
      problems.push_back({"version", "this bundle is version " + std::to_string(v) + ", newer than this engine reads (" +
                                         std::to_string(bundle_version) + "): rebuild it with the same buildlog as the page"});
      return result;
    }
    if (v < 1) problems.push_back({"version", "must be 1 or more, got " + std::to_string(v)});
  }
  Bundle bundle;
  if (const json* site = r.find("site", true)) bundle.site = read_site(*site, problems);
  if (const json* posts = r.find("posts", true)) {
    if (!posts->is_array()) {
      problems.push_back({"posts", "must be a list, got " + std::string(posts->type_name())});
    } else if (posts->size() > max_bundle_posts) {
      problems.push_back({"posts", "has " + std::to_string(posts->size()) + " posts, more than the limit of " + std::to_string(max_bundle_posts)});
    } else {
      std::set<std::string, std::less<>> slugs;
      for (std::size_t i = 0; i < posts->size(); ++i) {
        if (problems.size() >= max_reported_problems) {
          problems.push_back({"posts", "stopped checking at posts[" + std::to_string(i) + "] after " + std::to_string(problems.size()) + " problems"});
          break;
        }
        auto post = read_post((*posts)[i], i, problems);
        if (!post) continue;
        if (!slugs.insert(post->slug).second)
          problems.push_back({"posts[" + std::to_string(i) + "].slug", "\"" + post->slug + "\" is used by an earlier post"});
        bundle.posts.push_back(std::move(*post));
      }
    }
  }
  r.refuse_unknown();
  // "where" as written above has a leading '.' for top-level fields: tidy it.
  for (auto& p : problems)
    if (!p.where.empty() && p.where.front() == '.') p.where.erase(0, 1);
  if (problems.empty()) {
    sort_posts(bundle.posts);
    result.bundle = std::move(bundle);
  }
  return result;
}

}  // namespace buildlog
