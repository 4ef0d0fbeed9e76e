#include "front_matter.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <utf8.h>

#include "front_matter_formats.hpp"
#include "markdown.hpp"
#include "reading_time.hpp"
#include "redirects.hpp"
#include "search.hpp"
#include "text.hpp"
#include "unrendered.hpp"
#include "url_policy.hpp"

namespace buildlog {
namespace {

// Where `bytes` stops being UTF-8, or its end: what utf8::find_invalid
// answers, with runs of ASCII skipped 8 bytes at a time. An ASCII byte is
// never inside a longer character, so each run of other bytes is checked
// alone. Checking every character was 2% of a build's instructions.
std::string_view::const_iterator find_invalid_utf8(std::string_view bytes) {
  const auto is_ascii = [](unsigned char c) { return c < 0x80; };
  std::size_t at = 0;
  while (at < bytes.size()) {
    std::uint64_t eight;
    while (at + 8 <= bytes.size() && (std::memcpy(&eight, bytes.data() + at, 8), (eight & 0x8080808080808080u) == 0)) at += 8;
    while (at < bytes.size() && is_ascii(static_cast<unsigned char>(bytes[at]))) ++at;
    std::size_t end = at;
    while (end < bytes.size() && !is_ascii(static_cast<unsigned char>(bytes[end]))) ++end;
    const auto run = bytes.substr(at, end - at);
    if (const auto bad = utf8::find_invalid(run.begin(), run.end()); bad != run.end()) return bytes.begin() + at + (bad - run.begin());
    at = end;
  }
  return bytes.end();
}

// The file's name without folders and extension, and a date prefix if any.
// A page bundle's index.md is named after its folder (Hugo's leaf bundles).
struct NameParts {
  std::string stem;
  std::optional<Date> date;
};

NameParts name_parts(std::string_view path) {
  const auto slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (const auto dot = name.find_last_of('.'); dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  if (name == "index" && slash != std::string_view::npos && slash > 0) {
    const std::string_view folder = path.substr(0, slash);
    const auto up = folder.find_last_of('/');
    name = up == std::string_view::npos ? folder : folder.substr(up + 1);
  }
  NameParts parts{std::string(name), std::nullopt};
  if (name.size() > 11 && name[10] == '-')
    if (auto d = parse_date(name.substr(0, 10))) {
      parts.date = d;
      parts.stem = std::string(name.substr(11));
    }
  return parts;
}

// Jekyll's title for a post without one: "welcome-to-jekyll" -> "Welcome To Jekyll".
std::string title_from_name(std::string_view stem) {
  std::string title;
  bool word_start = true;
  for (const char c : stem) {
    if (c == '-' || c == '_' || c == ' ') {
      if (!title.empty() && title.back() != ' ') title += ' ';
      word_start = true;
      continue;
    }
    title += word_start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    word_start = false;
  }
  while (!title.empty() && title.back() == ' ') title.pop_back();
  return title;
}

// "2026-05-12", or with the time Jekyll, Hugo and TOML allow after the day:
// "2026-05-12 09:30:00 +0100", "2026-05-12T09:30:00Z".
std::optional<Date> parse_day(std::string_view text) {
  if (text.size() > 10 && (text[10] == ' ' || text[10] == 'T')) text = text.substr(0, 10);
  return parse_date(text);
}

// Every key buildlog reads, and the one it knowingly ignores; an unknown key
// is named with the closest of these.
constexpr std::string_view known_keys[] = {
    "title", "date", "slug", "tags", "categories", "category", "summary", "description", "excerpt", "excerpt_separator",
    "image", "images", "status", "draft", "published", "progress", "author", "authors", "lastmod", "last_modified_at",
    "permalink", "aliases", "redirect_from", "url",
    // Jekyll's and Hugo's choice of template: buildlog has one layout, and every migrated post names one.
    "layout"};

// "summary" for "sumary" or "Summary": the known key a misspelt one most likely meant.
std::optional<std::string_view> likely_key(std::string_view key) {
  const std::string folded = ascii_lowercase(key);
  std::optional<std::string_view> best;
  std::size_t best_distance = folded.size() <= 4 ? 1 : 2;
  for (const auto known : known_keys) {
    // search.hpp's, which answers best_distance + 1 for anything further.
    if (const auto d = edit_distance(folded, known, best_distance); d <= best_distance && (!best || d < best_distance)) {
      best = known;
      best_distance = d;
    }
  }
  return best;
}

// The separator that ends a post's summary in its body: Hugo's, and the one Jekyll authors configure.
constexpr std::string_view more_separator = "<!--more-->";

class PostReader {
 public:
  PostReader(std::string_view path, Problems& problems, Problems& warnings, std::vector<SourceSpan>& links)
      : path_(path), problems_(problems), warnings_(warnings), links_(links) {}

  void problem(int line, std::string message) { problems_.push_back({path_ + ":" + std::to_string(line), std::move(message)}); }
  void warning(int line, std::string message) { warnings_.push_back({path_ + ":" + std::to_string(line), std::move(message)}); }

  std::optional<std::string> scalar(const FrontMatter& fm, const char* key) {
    const FrontValue* v = fm.find(key);
    if (v == nullptr) return std::nullopt;
    if (v->kind != FrontValue::Kind::text) {
      problem(v->line, std::string(key) + " must be text, got " + v->kind_name());
      return std::nullopt;
    }
    return v->text;
  }

  // A text or a list of texts (Jekyll and Hugo take either for tags, aliases, authors...).
  std::vector<std::pair<std::string, int>> texts(const FrontMatter& fm, const char* key) {
    std::vector<std::pair<std::string, int>> out;
    const FrontValue* v = fm.find(key);
    if (v == nullptr || v->kind == FrontValue::Kind::nothing) return out;
    if (v->kind == FrontValue::Kind::text) {
      out.emplace_back(v->text, v->line);
    } else if (v->kind == FrontValue::Kind::list) {
      for (const auto& item : v->items) {
        if (item.kind == FrontValue::Kind::text) out.emplace_back(item.text, item.line);
        else problem(item.line, std::string("each of ") + key + " must be text, got " + item.kind_name());
      }
    } else {
      problem(v->line, std::string(key) + " must be a list or a single text, got " + v->kind_name());
    }
    return out;
  }

  std::optional<SourcePost> read(std::string_view bytes) {
    if (auto bad = find_invalid_utf8(bytes); bad != bytes.end()) {
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
    FrontMatterRead front = read_front_matter(path_, text);
    for (auto& p : front.problems) problems_.push_back(std::move(p));
    if (!front.front) return std::nullopt;
    body_line_ = front.body_line;
    return fields(*front.front, front.body);
  }

 private:
  std::optional<SourcePost> fields(const FrontMatter& fm, std::string_view body) {
    const std::size_t before = problems_.size();
    const NameParts name = name_parts(path_);
    SourcePost post;

    for (const auto& field : fm.fields)
      if (std::find(std::begin(known_keys), std::end(known_keys), field.key) == std::end(known_keys)) {
        const auto meant = likely_key(field.key);
        warning(field.value.line, "unknown front matter key \"" + field.key + "\" is ignored" +
                                      (meant ? ": did you mean \"" + std::string(*meant) + "\"?" : " (buildlog's README lists the keys it reads, under \"Writing posts\")"));
      }

    if (auto title = scalar(fm, "title")) {
      post.title = *title;
      if (post.title.find_first_not_of(" \t") == std::string::npos) problem(fm.find("title")->line, "title is empty");
      else within_limit(*fm.find("title"), "title", post.title.size(), max_title_bytes);
    } else if (!fm.find("title")) {
      // As Jekyll does: the file's name, in words.
      post.title = title_from_name(name.stem);
      if (post.title.empty()) problem(1, "title is missing: add 'title: ...' to the front matter");
      else if (post.title.size() > max_title_bytes) problem(1, "title is missing and the file name is too long to make one: add 'title: ...'");
    }

    if (auto date = scalar(fm, "date")) {
      if (auto d = parse_day(*date)) post.date = *d;
      else problem(fm.find("date")->line, "date must be a calendar date YYYY-MM-DD, got \"" + *date + "\"");
    } else if (!fm.find("date")) {
      if (name.date) post.date = *name.date;
      else problem(1, "date is missing: add 'date: YYYY-MM-DD' or start the file name with it (2026-05-12-my-post.md)");
    }
    for (const char* key : {"lastmod", "last_modified_at"})
      if (auto updated = scalar(fm, key)) {
        if (auto d = parse_day(*updated)) {
          if (*d > post.date) post.updated = *d;
        } else {
          problem(fm.find(key)->line, std::string(key) + " must be a calendar date YYYY-MM-DD, got \"" + *updated + "\"");
        }
      }

    if (auto slug = scalar(fm, "slug")) {
      post.slug = *slug;
      if (!within_limit(*fm.find("slug"), "slug", post.slug.size(), max_slug_bytes)) {
      } else if (!is_valid_slug(post.slug))
        problem(fm.find("slug")->line, "slug must be lowercase letters, digits and '-', got \"" + post.slug + "\"");
    } else if (!fm.find("slug")) {
      post.slug = slugify(name.stem);
      if (post.slug.size() > max_slug_bytes)
        problem(1, "the file name makes a slug of " + std::to_string(post.slug.size()) + " bytes, more than the limit of " + std::to_string(max_slug_bytes) +
                       ": add 'slug: a-shorter-one'");
      else if (!is_valid_slug(post.slug)) problem(1, "cannot make a slug from the file name: add 'slug: my-post'");
    }

    // Jekyll's and Hugo's categories are kept as tags, after the post's own.
    for (const char* key : {"tags", "categories", "category"}) read_tags(fm, key, post);

    for (const char* key : {"summary", "description", "excerpt"}) {
      if (auto s = scalar(fm, key)) {
        post.summary = *s;
        within_limit(*fm.find(key), key, post.summary.size(), max_summary_bytes);
        break;
      }
    }

    std::vector<std::string> authors;
    for (const char* key : {"author", "authors"})
      for (auto& [author, line] : texts(fm, key))
        if (author.find_first_not_of(" \t") != std::string::npos) authors.push_back(std::move(author));
    for (std::size_t i = 0; i < authors.size(); ++i) post.author += (i == 0 ? "" : i + 1 == authors.size() ? " and " : ", ") + authors[i];
    if (post.author.size() > max_post_author_bytes)
      problem(fm.find("author") ? fm.find("author")->line : fm.find("authors")->line,
              "author is " + std::to_string(post.author.size()) + " bytes, more than the limit of " + std::to_string(max_post_author_bytes));

    // The link preview's picture: Jekyll's `image`, or the first of Hugo's `images`.
    const FrontValue* image_field = fm.find("image") ? fm.find("image") : fm.find("images");
    if (auto image = scalar(fm, "image")) post.image = *image;
    else if (const auto images = texts(fm, "images"); !fm.find("image") && !images.empty()) post.image = images.front().first;
    if (post.image.size() > max_image_bytes) problem(image_field->line, "image is " + std::to_string(post.image.size()) + " bytes, more than the limit of " + std::to_string(max_image_bytes));
    else if (!post.image.empty() && !is_safe_url(post.image)) problem(image_field->line, "image must be an http(s) address or a path from the site's root, got \"" + post.image + "\"");

    read_old_addresses(fm, post);

    // Private (Hugo's draft: true, Jekyll's published: false, status: draft)
    // wins over any status: publishing nothing by accident comes first.
    // Jekyll's _drafts folder holds drafts too.
    if (path_.starts_with("_drafts/") || path_.find("/_drafts/") != std::string::npos) post.is_private = true;
    if (auto s = scalar(fm, "status")) {
      const std::string folded = ascii_lowercase(*s);
      if (folded == "draft" || folded == "private") post.is_private = true;
      else if (auto parsed = parse_status(*s)) post.status = *parsed;
      else problem(fm.find("status")->line, "status must be published, in-progress, planned or draft (private), got \"" + *s + "\"");
    }
    for (const auto& [key, private_when] : {std::pair{"draft", true}, std::pair{"published", false}}) {
      const FrontValue* flag = fm.find(key);
      if (flag == nullptr) continue;
      const auto value = flag->kind == FrontValue::Kind::text ? parse_flag(flag->text) : std::nullopt;
      if (!value) problem(flag->line, std::string(key) + " must be true or false");
      else if (*value == private_when) post.is_private = true;
    }

    // A private draft with a progress is a private post in progress.
    if (post.is_private && !fm.find("status") && fm.find("progress")) post.status = Status::in_progress;
    if (const FrontValue* progress = fm.find("progress")) {
      const std::string text = progress->kind == FrontValue::Kind::text ? progress->text : "";
      std::string digits = text;
      if (!digits.empty() && digits.back() == '%') digits.pop_back();
      const bool numeric = !digits.empty() && digits.size() <= 3 && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!numeric || std::stoi(digits) > 100) problem(progress->line, "progress must be a whole number from 0 to 100, got \"" + text + "\"");
      else if (post.status != Status::in_progress) problem(progress->line, "progress is only for posts in progress (status: in-progress)");
      else post.progress = std::stoi(digits);
    }

    if (post.status == Status::published) {
      post.body = std::string(body);
      post.body_line = body_line_;
      const std::string summary_end = take_summary_end(fm, post);
      if (post.body.size() > max_body_bytes)
        problem(1, "the body is " + std::to_string(post.body.size()) + " bytes, more than the limit of " + std::to_string(max_body_bytes));
      else check_rendering(post.body);
      // The body's spans, found once: for what it has that shows as written, and for its links.
      const std::vector<SourceSpan> spans = markdown_source_spans(post.body);
      for (const auto& found : unrendered_constructs(post.body, spans)) warning(body_line_ + found.line - 1, found.message);
      std::copy_if(spans.begin(), spans.end(), std::back_inserter(links_), [](const SourceSpan& s) { return s.kind != SourceSpan::Kind::text; });
      post.text = markdown_plain_text(post.body);
      post.words = count_words(post.text);
      if (post.summary.empty()) post.summary = summary_end.empty() ? markdown_excerpt(post.body) : summary_end;
      // A private draft may be empty: `buildlog new` starts one so.
      if (!post.is_private && post.body.find_first_not_of(" \t\n") == std::string::npos) problem(1, "a published post needs a body below the front matter");
    }
    // A post that is not published never ships its body, nor an excerpt of it.
    post.reading_minutes = reading_minutes(post.words);

    if (problems_.size() != before) return std::nullopt;
    return post;
  }

  // Takes the summary separator (<!--more-->, or the post's
  // excerpt_separator) out of the body; the summary is the text before it.
  std::string take_summary_end(const FrontMatter& fm, SourcePost& post) {
    std::string separator(more_separator);
    if (auto own = scalar(fm, "excerpt_separator"); own && !own->empty()) separator = *own;
    const auto at = post.body.find(separator);
    if (at == std::string::npos) return {};
    std::string summary = markdown_plain_text(std::string_view(post.body).substr(0, at));
    std::replace(summary.begin(), summary.end(), '\n', ' ');
    while (!summary.empty() && summary.back() == ' ') summary.pop_back();
    if (summary.size() > max_summary_bytes) summary = markdown_excerpt(std::string_view(post.body).substr(0, at), max_summary_bytes - 8);
    // The separator goes, its line stays (an empty line ends a paragraph,
    // as the separator did): the body's lines keep their numbers for messages.
    post.body.erase(at, separator.size());
    return summary;
  }

  void read_old_addresses(const FrontMatter& fm, SourcePost& post) {
    for (const char* key : {"permalink", "url", "aliases", "redirect_from"})
      for (auto& [address, line] : texts(fm, key)) {
        std::string why;
        if (address.find(':') != std::string::npos && !address.starts_with("http"))
          warning(line, std::string(key) + " \"" + address + "\" has placeholders (:year, :title...), which are not followed: write the old address in full to keep it working");
        else if (!redirect_file(address, why)) problem(line, std::string(key) + " \"" + address + "\" cannot be kept: " + why);
        else post.old_addresses.push_back({std::move(address), line});
      }
  }

  // Renders the body as the reader's engine will, and refuses what would
  // reach readers unformatted (too much HTML) or freeze their page for
  // seconds (md4c is quadratic on some malformed Markdown; a browser runs
  // it several times slower than this machine does).
  void check_rendering(const std::string& body) {
    if (const BracketWork work = bracket_work(body); work.total > max_bracket_work) {
      problem(body_line_ + work.worst_line - 1, "this paragraph has links or brackets on many of its lines, which readers' browsers would take seconds to lay out (the post would show as written): break it up with blank lines");
      return;
    }
    const auto started = std::chrono::steady_clock::now();
    const bool whole = render_markdown_whole(body, {.entities = &html_entities()}).has_value();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    if (!whole)
      problem(1, "the body makes more than " + std::to_string(max_markdown_html(body.size())) +
                     " bytes of HTML, the most a post its size may: readers would see it unformatted (is a link or reference used thousands of times?)");
    else if (ms > max_render_ms)
      problem(1, "the body took " + std::to_string(ms) + " ms to render here, more than the limit of " + std::to_string(max_render_ms) +
                     " ms, and a reader's browser is slower: look for deeply nested brackets or many unclosed links");
  }

  // False, with a problem naming the limit and the value, when `size` is over `limit`.
  bool within_limit(const FrontValue& value, std::string_view what, std::size_t size, std::size_t limit) {
    if (size <= limit) return true;
    problem(value.line, std::string(what) + " is " + std::to_string(size) + " bytes, more than the limit of " + std::to_string(limit));
    return false;
  }

  // A list, or one text: "aws, security" (commas) or, as Jekyll reads it, "aws security".
  void read_tags(const FrontMatter& fm, const char* key, SourcePost& post) {
    const FrontValue* field = fm.find(key);
    std::vector<std::string> raw;
    for (auto& [text, line] : texts(fm, key)) {
      if (field->kind == FrontValue::Kind::list) {
        raw.push_back(std::move(text));
        continue;
      }
      const char separator = text.find(',') != std::string::npos ? ',' : ' ';
      std::string_view s = text;
      while (!s.empty()) {
        const auto cut = s.find(separator);
        raw.emplace_back(s.substr(0, cut));
        s = cut == std::string_view::npos ? std::string_view{} : s.substr(cut + 1);
      }
    }
    for (auto& t : raw) {
      const auto b = t.find_first_not_of(" \t");
      const auto e = t.find_last_not_of(" \t");
      std::string tag = b == std::string::npos ? "" : t.substr(b, e - b + 1);
      if (tag.empty()) continue;
      if (tag.size() > max_tag_bytes) {
        problem(field->line, "tag \"" + tag.substr(0, 20) + "…\" is " + std::to_string(tag.size()) + " bytes, more than the limit of " + std::to_string(max_tag_bytes));
        continue;
      }
      if (std::find(post.tags.begin(), post.tags.end(), tag) == post.tags.end()) post.tags.push_back(std::move(tag));
    }
  }

  std::string path_;
  Problems& problems_;
  Problems& warnings_;
  std::vector<SourceSpan>& links_;
  int body_line_ = 1;
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
  result.post = PostReader(path, result.problems, result.warnings, result.links).read(bytes);
  if (!result.problems.empty()) result.post.reset();
  return result;
}

}  // namespace buildlog
