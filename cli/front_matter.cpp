#include "front_matter.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <utf8.h>

#include "markdown.hpp"
#include "reading_time.hpp"
#include "url_policy.hpp"

namespace buildlog {
namespace {

struct Split {
  std::string_view yaml;
  std::string_view body;
  int yaml_first_line = 2;  // file line of the YAML's first line
};

bool is_fence(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "---";
}

// The file's name without folders and extension, and a date prefix if any.
struct NameParts {
  std::string stem;
  std::optional<Date> date;
};

NameParts name_parts(std::string_view path) {
  const auto slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (const auto dot = name.find_last_of('.'); dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  NameParts parts{std::string(name), std::nullopt};
  if (name.size() > 11 && name[10] == '-')
    if (auto d = parse_date(name.substr(0, 10))) {
      parts.date = d;
      parts.stem = std::string(name.substr(11));
    }
  return parts;
}

class PostReader {
 public:
  PostReader(std::string_view path, Problems& problems) : path_(path), problems_(problems) {}

  void problem(int line, std::string message) { problems_.push_back({path_ + ":" + std::to_string(line), std::move(message)}); }

  int line_of(const YAML::Node& n) const { return n.Mark().is_null() ? first_line_ : first_line_ + n.Mark().line; }

  std::optional<std::string> scalar(const YAML::Node& map, const char* key) {
    const YAML::Node n = map[key];
    if (!n) return std::nullopt;
    if (!n.IsScalar()) {
      problem(line_of(n), std::string(key) + " must be text, got " + kind(n));
      return std::nullopt;
    }
    return n.Scalar();
  }

  static std::string kind(const YAML::Node& n) {
    if (n.IsSequence()) return "a list";
    if (n.IsMap()) return "a mapping";
    if (n.IsNull()) return "nothing";
    return "text";
  }

  std::optional<SourcePost> read(std::string_view bytes) {
    if (auto bad = utf8::find_invalid(bytes.begin(), bytes.end()); bad != bytes.end()) {
      const auto offset = static_cast<std::size_t>(bad - bytes.begin());
      const int line = 1 + static_cast<int>(std::count(bytes.begin(), bad, '\n'));
      const auto line_start = bytes.rfind('\n', offset == 0 ? 0 : offset - 1);
      const std::size_t column = offset - (line_start == std::string_view::npos || offset == 0 ? 0 : line_start + 1) + 1;
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(*bad));
      problem(line, "not valid UTF-8: byte " + std::string(hex) + " at column " + std::to_string(column) +
                        " (save the file as UTF-8)");
      return std::nullopt;
    }
    const std::string text = normalize_text(bytes);
    if (text.find_first_not_of(" \t\n") == std::string::npos) {
      problem(1, "the file is empty: a post starts with front matter between '---' lines, with at least a title");
      return std::nullopt;
    }
    const std::string_view all(text);
    const auto first_end = all.find('\n');
    if (!is_fence(all.substr(0, first_end))) {
      problem(1, "no front matter: the first line must be '---', then YAML (title, date, ...), then '---'");
      return std::nullopt;
    }
    // Find the closing fence.
    std::size_t pos = first_end == std::string_view::npos ? all.size() : first_end + 1;
    const std::size_t yaml_start = pos;
    std::optional<std::size_t> close;
    std::size_t body_start = all.size();
    while (pos < all.size()) {
      const auto end = all.find('\n', pos);
      const auto line = all.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
      if (is_fence(line) || line == "...") {
        close = pos;
        body_start = end == std::string_view::npos ? all.size() : end + 1;
        break;
      }
      pos = end == std::string_view::npos ? all.size() : end + 1;
    }
    if (!close) {
      problem(1, "the front matter opened here is never closed: add a line '---' after it");
      return std::nullopt;
    }
    const std::string yaml(all.substr(yaml_start, *close - yaml_start));
    YAML::Node root;
    try {
      root = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
      problem(first_line_ + (e.mark.is_null() ? 0 : e.mark.line), "front matter is not valid YAML: " + e.msg);
      return std::nullopt;
    }
    if (!root.IsMap()) {
      problem(1, root.IsNull() ? "the front matter is empty: it needs at least a title"
                               : "the front matter must be 'key: value' lines, got " + kind(root));
      return std::nullopt;
    }
    return fields(root, all.substr(body_start));
  }

 private:
  std::optional<SourcePost> fields(const YAML::Node& fm, std::string_view body) {
    const std::size_t before = problems_.size();
    const NameParts name = name_parts(path_);
    SourcePost post;

    if (auto title = scalar(fm, "title")) {
      post.title = *title;
      if (post.title.find_first_not_of(" \t") == std::string::npos) problem(line_of(fm["title"]), "title is empty");
      else within_limit(fm["title"], "title", post.title.size(), max_title_bytes);
    } else if (!fm["title"]) {
      problem(1, "title is missing: add 'title: ...' to the front matter");
    }

    if (auto date = scalar(fm, "date")) {
      // Jekyll and Hugo allow a time after the day: "2026-05-12 09:30:00 +0100", "2026-05-12T09:30:00Z".
      std::string_view day = *date;
      if (day.size() > 10 && (day[10] == ' ' || day[10] == 'T')) day = day.substr(0, 10);
      if (auto d = parse_date(day)) post.date = *d;
      else problem(line_of(fm["date"]), "date must be a calendar date YYYY-MM-DD, got \"" + *date + "\"");
    } else if (!fm["date"]) {
      if (name.date) post.date = *name.date;
      else problem(1, "date is missing: add 'date: YYYY-MM-DD' or start the file name with it (2026-05-12-my-post.md)");
    }

    if (auto slug = scalar(fm, "slug")) {
      post.slug = *slug;
      if (!within_limit(fm["slug"], "slug", post.slug.size(), max_slug_bytes)) {
      } else if (!is_valid_slug(post.slug))
        problem(line_of(fm["slug"]), "slug must be lowercase letters, digits and '-', got \"" + post.slug + "\"");
    } else if (!fm["slug"]) {
      post.slug = slugify(name.stem);
      if (post.slug.size() > max_slug_bytes)
        problem(1, "the file name makes a slug of " + std::to_string(post.slug.size()) + " bytes, more than the limit of " + std::to_string(max_slug_bytes) +
                       ": add 'slug: a-shorter-one'");
      else if (!is_valid_slug(post.slug)) problem(1, "cannot make a slug from the file name: add 'slug: my-post'");
    }

    read_tags(fm, post);

    for (const char* key : {"summary", "description"}) {
      if (auto s = scalar(fm, key)) {
        post.summary = *s;
        within_limit(fm[key], key, post.summary.size(), max_summary_bytes);
        break;
      }
    }

    // The link preview's picture: Jekyll's `image`, or the first of Hugo's `images`.
    const YAML::Node images = fm["images"];
    if (auto image = scalar(fm, "image")) post.image = *image;
    else if (images && images.IsSequence() && images.size() > 0 && images[0].IsScalar()) post.image = images[0].Scalar();
    if (post.image.size() > max_image_bytes) problem(line_of(fm["image"] ? fm["image"] : images), "image is " + std::to_string(post.image.size()) + " bytes, more than the limit of " + std::to_string(max_image_bytes));
    else if (!post.image.empty() && !is_safe_url(post.image)) problem(line_of(fm["image"] ? fm["image"] : images), "image must be an http(s) address or a path from the site's root, got \"" + post.image + "\"");

    // Private (Hugo's draft: true, Jekyll's published: false, status: draft)
    // wins over any status: publishing nothing by accident comes first.
    if (auto s = scalar(fm, "status")) {
      std::string folded = *s;
      std::transform(folded.begin(), folded.end(), folded.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (folded == "draft" || folded == "private") post.is_private = true;
      else if (auto parsed = parse_status(*s)) post.status = *parsed;
      else problem(line_of(fm["status"]), "status must be published, in-progress, planned or draft (private), got \"" + *s + "\"");
    }
    for (const auto& [key, private_when] : {std::pair{"draft", true}, std::pair{"published", false}}) {
      const YAML::Node flag = fm[key];
      if (!flag) continue;
      bool value = false;
      if (!flag.IsScalar() || !YAML::convert<bool>::decode(flag, value)) problem(line_of(flag), std::string(key) + " must be true or false");
      else if (value == private_when) post.is_private = true;
    }

    // A private draft with a progress is a private post in progress.
    if (post.is_private && !fm["status"] && fm["progress"]) post.status = Status::in_progress;
    if (const YAML::Node progress = fm["progress"]) {
      const std::string text = progress.IsScalar() ? progress.Scalar() : "";
      std::string digits = text;
      if (!digits.empty() && digits.back() == '%') digits.pop_back();
      const bool numeric = !digits.empty() && digits.size() <= 3 && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!numeric || std::stoi(digits) > 100) problem(line_of(progress), "progress must be a whole number from 0 to 100, got \"" + text + "\"");
      else if (post.status != Status::in_progress) problem(line_of(progress), "progress is only for posts in progress (status: in-progress)");
      else post.progress = std::stoi(digits);
    }

    if (post.status == Status::published) {
      post.body = std::string(body);
      if (post.body.size() > max_body_bytes)
        problem(1, "the body is " + std::to_string(post.body.size()) + " bytes, more than the limit of " + std::to_string(max_body_bytes));
      else check_rendering(post.body);
      post.text = markdown_plain_text(post.body);
      post.words = count_words(post.text);
      if (post.summary.empty()) post.summary = markdown_excerpt(post.body);
      // A private draft may be empty: `buildlog new` starts one so.
      if (!post.is_private && post.body.find_first_not_of(" \t\n") == std::string::npos) problem(1, "a published post needs a body below the front matter");
    }
    // A post that is not published never ships its body, nor an excerpt of it.
    post.reading_minutes = reading_minutes(post.words);

    if (problems_.size() != before) return std::nullopt;
    return post;
  }

  // Renders the body as the reader's engine will, and refuses what would
  // reach readers unformatted (too much HTML) or freeze their page for
  // seconds (md4c is quadratic on some malformed Markdown; a browser runs
  // it several times slower than this machine does).
  void check_rendering(const std::string& body) {
    const auto started = std::chrono::steady_clock::now();
    const bool whole = render_markdown_whole(body).has_value();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    if (!whole)
      problem(1, "the body makes more than " + std::to_string(max_markdown_html(body.size())) +
                     " bytes of HTML, the most a post its size may: readers would see it unformatted (is a link or reference used thousands of times?)");
    else if (ms > max_render_ms)
      problem(1, "the body took " + std::to_string(ms) + " ms to render here, more than the limit of " + std::to_string(max_render_ms) +
                     " ms, and a reader's browser is slower: look for deeply nested brackets or many unclosed links");
  }

  // False, with a problem naming the limit and the value, when `size` is over `limit`.
  bool within_limit(const YAML::Node& node, std::string_view what, std::size_t size, std::size_t limit) {
    if (size <= limit) return true;
    problem(line_of(node), std::string(what) + " is " + std::to_string(size) + " bytes, more than the limit of " + std::to_string(limit));
    return false;
  }

  void read_tags(const YAML::Node& fm, SourcePost& post) {
    const YAML::Node tags = fm["tags"];
    if (!tags || tags.IsNull()) return;
    std::vector<std::string> raw;
    if (tags.IsScalar()) {
      // A single string: "aws" or "aws, security".
      std::string_view s = tags.Scalar();
      while (!s.empty()) {
        const auto comma = s.find(',');
        raw.emplace_back(s.substr(0, comma));
        s = comma == std::string_view::npos ? std::string_view{} : s.substr(comma + 1);
      }
    } else if (tags.IsSequence()) {
      for (const auto& t : tags) {
        if (!t.IsScalar()) {
          problem(line_of(t), "each tag must be text, got " + kind(t));
          continue;
        }
        raw.push_back(t.Scalar());
      }
    } else {
      problem(line_of(tags), "tags must be a list or a single string, got " + kind(tags));
      return;
    }
    for (auto& t : raw) {
      const auto b = t.find_first_not_of(" \t");
      const auto e = t.find_last_not_of(" \t");
      std::string tag = b == std::string::npos ? "" : t.substr(b, e - b + 1);
      if (tag.empty()) continue;
      if (tag.size() > max_tag_bytes) {
        problem(line_of(tags), "tag \"" + tag.substr(0, 20) + "…\" is " + std::to_string(tag.size()) + " bytes, more than the limit of " + std::to_string(max_tag_bytes));
        continue;
      }
      if (std::find(post.tags.begin(), post.tags.end(), tag) == post.tags.end()) post.tags.push_back(std::move(tag));
    }
  }

  std::string path_;
  Problems& problems_;
  int first_line_ = 2;
};

}  // namespace

std::string normalize_text(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\r') {
      out += '\n';
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
    } else {
      out += bytes[i];
    }
  }
  return out;
}

PostRead read_post_file(std::string_view path, std::string_view bytes) {
  PostRead result;
  result.post = PostReader(path, result.problems).read(bytes);
  if (!result.problems.empty()) result.post.reset();
  return result;
}

}  // namespace buildlog
