#include "markdown.hpp"

#include "entities.hpp"
#include "footnotes.hpp"
#include "highlight.hpp"
#include "markdown_lines.hpp"

#include "text.hpp"
#include "utf8.hpp"

#include <md4c.h>

#include <algorithm>
#include <map>
#include <string>
#include <unordered_set>

namespace buildlog {
namespace {

constexpr unsigned parser_flags = MD_DIALECT_GITHUB;

// md4c 0.4.8 (Debian bookworm's) can read past the end of its input on some
// malformed links: fuzzing found a read of the byte after the buffer
// (md_is_inline_link_spec) and a text span that ran past it. md4c parses a
// copy that ends in a newline (which renders the same as no newline) and is
// followed by zero bytes we own, so such a read stays inside our memory.
class Md4cInput {
 public:
  explicit Md4cInput(std::string_view markdown) {
    copy_.reserve(markdown.size() + 1 + padding);
    copy_.append(markdown);
    if (copy_.empty() || copy_.back() != '\n') copy_ += '\n';
    size_ = static_cast<MD_SIZE>(copy_.size());
    copy_.append(padding, '\0');
  }
  const MD_CHAR* data() const { return copy_.data(); }
  MD_SIZE size() const { return size_; }

 private:
  static constexpr std::size_t padding = 64;
  std::string copy_;
  MD_SIZE size_ = 0;
};

// "&amp;", "&#123;", "&#x1F600;" as UTF-8; a name `names` does not have
// (or any name, without a table) stays as written.
std::string decode_entity(std::string_view e, const EntityTable* names) {
  std::string out;
  if (e.size() > 3 && e[1] == '#') {
    unsigned cp = 0;
    const bool hex = e[2] == 'x' || e[2] == 'X';
    for (std::size_t i = hex ? 3 : 2; i + 1 < e.size(); ++i) {
      const char c = e[i];
      const unsigned digit = c <= '9' ? static_cast<unsigned>(c - '0') : static_cast<unsigned>((c | 0x20) - 'a' + 10);
      cp = cp * (hex ? 16u : 10u) + digit;
      if (cp > 0x10FFFF) cp = 0x110000;  // saturate: md4c allows up to 8 digits
    }
    append_utf8(out, cp);
    return out;
  }
  if (names == nullptr) return std::string(e);
  return std::string(names->find(e).value_or(e));
}

// An md4c attribute (href, title, code language) with entities decoded by `decode`.
template <class Decode>
std::string attribute_text(const MD_ATTRIBUTE& a, Decode decode) {
  std::string out;
  if (a.text == nullptr) return out;
  for (int i = 0; a.substr_offsets[i] < a.size; ++i) {
    const std::string_view piece(a.text + a.substr_offsets[i], a.substr_offsets[i + 1] - a.substr_offsets[i]);
    switch (a.substr_types[i]) {
      case MD_TEXT_ENTITY: out += decode(piece); break;
      case MD_TEXT_NULLCHAR: append_utf8(out, 0xFFFD); break;
      default: out += piece; break;
    }
  }
  return out;
}

// Ids the page itself uses (web/index.html and the views): a heading never takes one.
constexpr std::string_view page_ids[] = {"app", "fatal", "fatal-message", "main", "search-input", "tags-heading", "posts-heading",
                                         "writing-heading", "soon-heading", "results-heading", "toc-heading", "related-heading"};

// A heading's id, as GitHub makes it but with search's folding (text.hpp),
// so that it reads the same typed on any keyboard: lowercased, diacritics
// folded ("Über" -> "uber"); letters of any script, digits, '-' and '_'
// kept; spaces made '-'; the rest dropped.
std::string heading_slug(std::string_view text) {
  std::string id;
  for (const char c : fold(text)) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u) || c == '-' || c == '_') id += c;
    else if (c == ' ') id += '-';
  }
  return id.empty() ? "section" : id;
}

// "fn-3" and "fnref-3-1": the ids of footnotes and their references.
bool is_note_id(std::string_view id) {
  const auto digits = [](std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; };
  if (id.starts_with("fn-")) return digits(id.substr(3));
  if (!id.starts_with("fnref-")) return false;
  id.remove_prefix(6);
  const auto dash = id.find('-');
  return dash != std::string_view::npos && digits(id.substr(0, dash)) && digits(id.substr(dash + 1));
}

class Renderer {
 public:
  explicit Renderer(const MarkdownOptions& options, std::string_view address = {}, std::vector<CodeBlock>* code_blocks = nullptr)
      : options_(options), address_(address), code_blocks_(code_blocks) {}

  std::vector<Heading> take_headings() { return std::move(headings_); }

  // Each named reference met while rendering is appended to `references`
  // (markdown_entities).
  void collect_references(std::vector<std::string>* references) { references_ = references; }

  // The HTML, or nullopt once it outgrows max_markdown_html(): each
  // callback returns non-zero then, which stops md4c.
  std::optional<std::string> render(std::string_view markdown) {
    MD_PARSER parser{};
    parser.flags = parser_flags | (options_.allow_raw_html ? 0u : static_cast<unsigned>(MD_FLAG_NOHTML));
    parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* self) { return static_cast<Renderer*>(self)->enter_block(t, d) | over(self); };
    parser.leave_block = [](MD_BLOCKTYPE t, void* d, void* self) { return static_cast<Renderer*>(self)->leave_block(t, d) | over(self); };
    parser.enter_span = [](MD_SPANTYPE t, void* d, void* self) { return static_cast<Renderer*>(self)->enter_span(t, d) | over(self); };
    parser.leave_span = [](MD_SPANTYPE t, void* d, void* self) { return static_cast<Renderer*>(self)->leave_span(t, d) | over(self); };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* self) {
      return static_cast<Renderer*>(self)->text(t, std::string_view(s, n)) | over(self);
    };
    limit_ = max_markdown_html(markdown.size());
    out_.reserve(markdown.size() + markdown.size() / 4);
    if (bracket_work(markdown).total > max_bracket_work) return std::nullopt;
    const auto footnoted = take_footnotes(markdown);
    markers_ = footnoted.has_value();
    const Md4cInput input(footnoted ? std::string_view(footnoted->markdown) : markdown);
    md_parse(input.data(), input.size(), &parser, this);
    if (footnoted && !footnoted->notes.empty() && out_.size() <= limit_) notes(footnoted->notes);
    if (out_.size() > limit_) return std::nullopt;
    return std::move(out_);
  }

 private:
  void escaped(std::string_view s) { html::append_escaped(out_, s); }
  void put(std::string_view markup) { html::append_markup(out_, markup); }
  void put(char c) { html::append_markup(out_, c); }

  std::string entity(std::string_view reference) {
    if (references_ != nullptr && reference.size() > 1 && reference[1] != '#') references_->emplace_back(reference);
    return decode_entity(reference, options_.entities);
  }
  std::string attribute(const MD_ATTRIBUTE& a) {
    return attribute_text(a, [this](std::string_view reference) { return entity(reference); });
  }
  static int over(void* self) { return static_cast<Renderer*>(self)->out_.size() > static_cast<Renderer*>(self)->limit_ ? 1 : 0; }

  int enter_block(MD_BLOCKTYPE type, void* detail) {
    switch (type) {
      case MD_BLOCK_DOC: break;
      case MD_BLOCK_QUOTE: put("<blockquote>\n"); break;
      case MD_BLOCK_UL: put("<ul>\n"); break;
      case MD_BLOCK_OL: {
        const auto* d = static_cast<const MD_BLOCK_OL_DETAIL*>(detail);
        if (d->start == 1) {
          put("<ol>\n");
        } else {
          put("<ol start=\"");
          put(std::to_string(d->start));
          put("\">\n");
        }
        break;
      }
      case MD_BLOCK_LI: {
        const auto* d = static_cast<const MD_BLOCK_LI_DETAIL*>(detail);
        if (d->is_task) {
          put("<li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled");
          if (d->task_mark == 'x' || d->task_mark == 'X') put(" checked");
          put(">");
        } else {
          put("<li>");
        }
        break;
      }
      case MD_BLOCK_HR: put("<hr>\n"); break;
      case MD_BLOCK_H:
        heading_start_ = out_.size();
        heading_text_.clear();
        in_heading_ = true;
        put("<h");
        put(static_cast<char>('0' + static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level));  // md4c's levels are 1 to 6
        put('>');
        break;
      case MD_BLOCK_CODE: {
        const auto* d = static_cast<const MD_BLOCK_CODE_DETAIL*>(detail);
        code_language_ = d->lang.text != nullptr ? attribute(d->lang) : std::string();
        put("<pre><code");
        if (!code_language_.empty()) {
          put(" class=\"language-");
          escaped(code_language_);
          put("\"");
        }
        put(">");
        in_code_block_ = true;
        break;
      }
      case MD_BLOCK_HTML: break;
      case MD_BLOCK_P: put("<p>"); break;
      case MD_BLOCK_TABLE: put("<table>\n"); break;
      case MD_BLOCK_THEAD: put("<thead>\n"); break;
      case MD_BLOCK_TBODY: put("<tbody>\n"); break;
      case MD_BLOCK_TR: put("<tr>\n"); break;
      case MD_BLOCK_TH: cell("th", detail); break;
      case MD_BLOCK_TD: cell("td", detail); break;
    }
    return 0;
  }

  void cell(const char* tag, void* detail) {
    put('<');
    put(tag);
    switch (static_cast<const MD_BLOCK_TD_DETAIL*>(detail)->align) {
      case MD_ALIGN_LEFT: put(" align=\"left\">"); break;
      case MD_ALIGN_CENTER: put(" align=\"center\">"); break;
      case MD_ALIGN_RIGHT: put(" align=\"right\">"); break;
      default: put(">"); break;
    }
  }

  int leave_block(MD_BLOCKTYPE type, void* detail) {
    // md4c 0.4.8 can end a block with an image span still open (found by
    // fuzzing, on invalid UTF-8): never leave an alt attribute unterminated.
    if (image_depth_ > 0) {
      put("\">");
      image_depth_ = 0;
    }
    switch (type) {
      case MD_BLOCK_DOC: break;
      case MD_BLOCK_QUOTE: put("</blockquote>\n"); break;
      case MD_BLOCK_UL: put("</ul>\n"); break;
      case MD_BLOCK_OL: put("</ol>\n"); break;
      case MD_BLOCK_LI: put("</li>\n"); break;
      case MD_BLOCK_HR: break;
      case MD_BLOCK_H: {
        const int level = static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level;
        in_heading_ = false;
        if (!address_.empty()) name_heading(level);
        put("</h");
        put(static_cast<char>('0' + level));
        put(">\n");
        break;
      }
      case MD_BLOCK_CODE: end_code_block(); break;
      case MD_BLOCK_HTML: break;
      case MD_BLOCK_P: put("</p>\n"); break;
      case MD_BLOCK_TABLE: put("</table>\n"); break;
      case MD_BLOCK_THEAD: put("</thead>\n"); break;
      case MD_BLOCK_TBODY: put("</tbody>\n"); break;
      case MD_BLOCK_TR: put("</tr>\n"); break;
      case MD_BLOCK_TH: put("</th>\n"); break;
      case MD_BLOCK_TD: put("</td>\n"); break;
    }
    return 0;
  }

  // A link within the page: under the page's <base> it names the post's address.
  void own_link(std::string_view id) {
    html::append_escaped(out_, address_);
    put('#');
    html::append_escaped(out_, id);
  }

  // Text with footnote references (footnotes.hpp): each marker becomes its number, linked down to its note.
  void with_references(std::string_view s) {
    for (auto at = s.find(footnote_marker); at != std::string_view::npos; at = s.find(footnote_marker)) {
      escaped(s.substr(0, at));
      const auto close = s.find(footnote_marker, at + 1);
      const std::string_view mark = s.substr(at + 1, close == std::string_view::npos ? std::string_view::npos : close - at - 1);
      s = close == std::string_view::npos ? std::string_view{} : s.substr(close + 1);
      const std::string_view note = mark.substr(0, mark.find('.'));
      if (image_depth_ > 0) {
        escaped(note);
        continue;
      }
      put("<sup><a href=\"");
      own_link("fn-" + std::string(note));
      put("\" id=\"fnref-");
      escaped(note);
      put('-');
      escaped(mark.substr(std::min(mark.size(), note.size() + 1)));
      put("\">");
      escaped(note);
      put("</a></sup>");
    }
    escaped(s);
  }

  // A code block's text is gathered, then written with its runs when the
  // post has them (highlight.hpp), or plain.
  void end_code_block() {
    const std::string* runs = options_.highlights != nullptr && *code_index_ < options_.highlights->size() ? &(*options_.highlights)[*code_index_] : nullptr;
    if (runs == nullptr || !append_highlighted(out_, code_text_, *runs)) escaped(code_text_);
    put("</code></pre>\n");
    if (code_blocks_ != nullptr) code_blocks_->push_back({std::move(code_language_), std::move(code_text_)});
    ++*code_index_;
    in_code_block_ = false;
    code_text_.clear();
  }

  // The notes, after the text: each with links back to its references (md4c-html's markup).
  void notes(const std::vector<Footnote>& notes) {
    put("<section class=\"footnotes\">\n<ol>\n");
    for (std::size_t i = 0; i < notes.size(); ++i) {
      const std::string n = std::to_string(i + 1);
      put("<li id=\"fn-");
      put(n);
      put("\">\n");
      Renderer note(options_, address_, code_blocks_);
      note.code_index_ = code_index_;  // a note's code blocks follow the text's in one count
      note.references_ = references_;
      std::string content = note.render(notes[i].content).value_or(std::string());
      // One paragraph reads inline, as md4c-html writes a note.
      if (content.starts_with("<p>") && content.ends_with("</p>\n") && content.find("<p>", 3) == std::string::npos) content = content.substr(3, content.size() - 8);
      put(content);
      for (std::size_t r = 1; r <= notes[i].references; ++r) {
        put(r == 1 ? "<a href=\"" : " <a href=\"");
        own_link("fnref-" + n + "-" + std::to_string(r));
        put("\" class=\"footnote-backref\">&#8617;</a>");
      }
      put("\n</li>\n");
    }
    put("</ol>\n</section>\n");
  }

  // The heading just written gets its id, and a link to itself at its end.
  void name_heading(int level) {
    const std::string slug = heading_slug(heading_text_);
    const auto taken = [&](const std::string& candidate) {
      return std::find(std::begin(page_ids), std::end(page_ids), candidate) != std::end(page_ids) || is_note_id(candidate) || ids_.contains(candidate);
    };
    std::string id = slug;
    if (taken(id)) {
      // The next number from where the last heading of this slug stopped: a
      // post of many like headings costs one look each, not one per earlier heading.
      int& n = ids_[slug];
      do id = slug + "-" + std::to_string(++n);
      while (taken(id));
    }
    ids_.emplace(id, 0);
    std::string attribute = " id=\"";
    html::append_escaped(attribute, id);
    out_.insert(heading_start_ + 3, attribute + "\"");
    put("<a class=\"anchor\" href=\"");
    own_link(id);
    put("\" aria-label=\"Link to this section: ");
    escaped(heading_text_);
    put("\">#</a>");
    headings_.push_back({level, std::move(id), std::move(heading_text_)});
    heading_text_.clear();
  }

  int enter_span(MD_SPANTYPE type, void* detail) {
    // Inside an image's label only text goes on, into the alt attribute.
    if (image_depth_ > 0) {
      if (type == MD_SPAN_IMG) ++image_depth_;
      return 0;
    }
    switch (type) {
      case MD_SPAN_EM: put("<em>"); break;
      case MD_SPAN_STRONG: put("<strong>"); break;
      case MD_SPAN_U: put("<u>"); break;
      case MD_SPAN_CODE: put("<code>"); break;
      case MD_SPAN_DEL: put("<del>"); break;
      case MD_SPAN_A: {
        const auto* d = static_cast<const MD_SPAN_A_DETAIL*>(detail);
        const std::string href = attribute(d->href);
        // Under the page's <base>, "#id" alone would be the site root's.
        put("<a href=\"");
        put(html::url(!address_.empty() && href.starts_with('#') ? std::string(address_) + href : href).str());
        if (d->title.text != nullptr) {
          put("\" title=\"");
          escaped(attribute(d->title));
        }
        put("\">");
        break;
      }
      case MD_SPAN_IMG: {
        const auto* d = static_cast<const MD_SPAN_IMG_DETAIL*>(detail);
        put("<img src=\"");
        put(html::url(attribute(d->src)).str());
        put("\" alt=\"");
        image_depth_ = 1;
        break;
      }
      default: break;  // LaTeX and wiki links are not enabled
    }
    return 0;
  }

  int leave_span(MD_SPANTYPE type, void* detail) {
    if (image_depth_ > 0) {
      if (type == MD_SPAN_IMG && --image_depth_ == 0) {
        const auto* d = static_cast<const MD_SPAN_IMG_DETAIL*>(detail);
        if (d->title.text != nullptr) {
          put("\" title=\"");
          escaped(attribute(d->title));
        }
        put("\">");
      }
      return 0;
    }
    switch (type) {
      case MD_SPAN_EM: put("</em>"); break;
      case MD_SPAN_STRONG: put("</strong>"); break;
      case MD_SPAN_U: put("</u>"); break;
      case MD_SPAN_CODE: put("</code>"); break;
      case MD_SPAN_DEL: put("</del>"); break;
      case MD_SPAN_A: put("</a>"); break;
      default: break;
    }
    return 0;
  }

  int text(MD_TEXTTYPE type, std::string_view s) {
    if (in_heading_) {
      const std::string piece = type == MD_TEXT_ENTITY ? entity(s) : type == MD_TEXT_BR || type == MD_TEXT_SOFTBR ? std::string(" ") : std::string(s);
      // A footnote reference's marker is not the heading's text (nor its id's).
      if (markers_) append_without_markers(heading_text_, piece);
      else heading_text_ += piece;
    }
    if (in_code_block_) {
      if (type == MD_TEXT_NULLCHAR) append_utf8(code_text_, 0xFFFD);
      else code_text_ += s;
      return 0;
    }
    switch (type) {
      case MD_TEXT_NULLCHAR: append_utf8(out_, 0xFFFD); break;
      case MD_TEXT_BR: put(image_depth_ == 0 ? "<br>\n" : " "); break;
      case MD_TEXT_SOFTBR: put(image_depth_ == 0 ? '\n' : ' '); break;
      case MD_TEXT_HTML: put(s); break;  // only reached when the site allows raw HTML
      case MD_TEXT_ENTITY: escaped(entity(s)); break;
      case MD_TEXT_NORMAL:  // markers only where the footnote pass put them (a source's own ESC is text)
        if (markers_) with_references(s);
        else escaped(s);
        break;
      default: escaped(s); break;
    }
    return 0;
  }

  const MarkdownOptions& options_;
  std::string_view address_;  // a post's: its headings get ids (render_post_body)
  std::string out_;
  std::size_t limit_ = 0;
  int image_depth_ = 0;
  bool markers_ = false;  // the source md4c reads has footnote markers (footnotes.hpp)
  bool in_heading_ = false;
  std::size_t heading_start_ = 0;
  std::string heading_text_;
  std::vector<Heading> headings_;
  std::map<std::string, int, std::less<>> ids_;  // each id a heading took -> the last number tried after it
  std::vector<CodeBlock>* code_blocks_;  // where markdown_code_blocks collects them, or null
  std::vector<std::string>* references_ = nullptr;  // where markdown_entities collects them, or null
  std::size_t own_code_index_ = 0;
  std::size_t* code_index_ = &own_code_index_;  // the code block being written, counted from the text's first (a note's renderer shares its text's)
  bool in_code_block_ = false;
  std::string code_language_;
  std::string code_text_;
};

// Collects the text of a document; blocks end with a newline.
class PlainText {
 public:
  explicit PlainText(bool first_paragraph_only) : first_paragraph_only_(first_paragraph_only) {}

  std::string collect(std::string_view markdown) {
    // A body's text is about its Markdown's size, rarely more: reserved once,
    // as the preview keeps every post's text (SourcePost::text) and a
    // string grown by doubling carried about a third of it again as slack.
    if (!first_paragraph_only_) out_.reserve(markdown.size());
    // Footnotes as the reader sees them (footnotes.hpp): a reference is a
    // number's link, left out of the text; the notes follow the body, as
    // they do on the page. Not "[^1]", nor the definitions as written.
    const auto footnoted = take_footnotes(markdown);
    markers_ = footnoted.has_value();
    MD_PARSER parser{};
    parser.flags = parser_flags | MD_FLAG_NOHTML;
    parser.enter_block = [](MD_BLOCKTYPE t, void*, void* self) {
      auto* me = static_cast<PlainText*>(self);
      if (t == MD_BLOCK_P && me->paragraphs_++ == 0) me->in_first_paragraph_ = true;
      return 0;
    };
    parser.leave_block = [](MD_BLOCKTYPE t, void*, void* self) {
      auto* me = static_cast<PlainText*>(self);
      if (t == MD_BLOCK_P) me->in_first_paragraph_ = false;
      if (!me->first_paragraph_only_ && t != MD_BLOCK_DOC && !me->out_.empty() && me->out_.back() != '\n') me->out_ += '\n';
      return me->first_paragraph_only_ && t == MD_BLOCK_P ? 1 : 0;  // 1 stops md4c: we have what we need
    };
    parser.enter_span = [](MD_SPANTYPE, void*, void*) { return 0; };
    parser.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* self) {
      auto* me = static_cast<PlainText*>(self);
      if (me->first_paragraph_only_ && !me->in_first_paragraph_) return 0;
      switch (t) {
        case MD_TEXT_BR:
        case MD_TEXT_SOFTBR: me->out_ += me->first_paragraph_only_ ? ' ' : '\n'; break;
        case MD_TEXT_ENTITY: me->out_ += decode_entity(std::string_view(s, n), &html_entities()); break;
        case MD_TEXT_NULLCHAR: append_utf8(me->out_, 0xFFFD); break;
        case MD_TEXT_NORMAL:  // markers only where the footnote pass put them (a source's own ESC is text)
          if (me->markers_) append_without_markers(me->out_, std::string_view(s, n));
          else me->out_.append(s, n);
          break;
        default: me->out_.append(s, n); break;
      }
      return 0;
    };
    const Md4cInput input(footnoted ? std::string_view(footnoted->markdown) : markdown);
    md_parse(input.data(), input.size(), &parser, this);
    if (footnoted && !first_paragraph_only_)
      for (const Footnote& note : footnoted->notes) {
        if (!out_.empty() && out_.back() != '\n') out_ += '\n';
        out_ += PlainText(false).collect(note.content);
      }
    return std::move(out_);
  }

 private:
  bool first_paragraph_only_;
  bool markers_ = false;
  bool in_first_paragraph_ = false;
  int paragraphs_ = 0;
  std::string out_;
};

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

namespace {

// A line that starts a block of its own (a list item, a heading, a table row): a new paragraph.
bool starts_block(std::string_view line) {
  line.remove_prefix(std::min(line.size(), line.find_first_not_of(' ')));
  if (line.empty()) return false;
  if (line[0] == '#' || line[0] == '|') return true;
  if ((line[0] == '-' || line[0] == '*' || line[0] == '+') && (line.size() == 1 || line[1] == ' ' || line[1] == '\t')) return true;
  const auto digits = line.find_first_not_of("0123456789");
  return digits > 0 && digits != std::string_view::npos && digits <= 9 && (line[digits] == '.' || line[digits] == ')');
}

}  // namespace

BracketWork bracket_work(std::string_view markdown) {
  BracketWork work;
  std::uint64_t brackets = 0, lines = 0, worst = 0;
  int line_number = 0, first = 0;
  const auto end_paragraph = [&] {
    const std::uint64_t cost = brackets * lines;
    work.total += cost;
    if (cost > worst) worst = cost, work.worst_line = first;
    brackets = lines = 0;
  };
  for (const SourceLine& source : source_lines(markdown)) {
    std::string_view line = source.text;
    ++line_number;
    if (source.code || is_blank(line)) {
      end_paragraph();
      continue;
    }
    // A quote's lines are its paragraph's: their '>' markers go.
    while (true) {
      const auto start = line.find_first_not_of(' ');
      if (start == std::string_view::npos || start > 3 || line[start] != '>') break;
      line.remove_prefix(start + 1);
    }
    if (starts_block(line)) end_paragraph();
    if (lines == 0) first = line_number;
    ++lines;
    // Found by memchr (string_view::find), not counted byte by byte: most lines have none.
    for (auto at = line.find('['); at != std::string_view::npos; at = line.find('[', at + 1)) ++brackets;
  }
  end_paragraph();
  return work;
}

std::size_t max_markdown_html(std::size_t markdown_bytes) { return markdown_bytes * 32 + (1u << 20); }

std::optional<Html> render_markdown_whole(std::string_view markdown, const MarkdownOptions& options) {
  auto html = Renderer(options).render(markdown);
  if (!html) return std::nullopt;
  return Html::from_trusted_renderer(std::move(*html));
}

namespace {

// Past the bounds: the post as written, with a notice.
Html as_written(std::string_view markdown) {
  std::string out = "<p class=\"too-large\">This post is too large or too complex to show formatted. Here it is as written:</p><pre>";
  html::append_escaped(out, markdown);
  return Html::from_trusted_renderer(out + "</pre>\n");
}

}  // namespace

Html render_markdown(std::string_view markdown, const MarkdownOptions& options) {
  if (auto html = render_markdown_whole(markdown, options)) return std::move(*html);
  return as_written(markdown);
}

PostBody render_post_body(std::string_view markdown, std::string_view address, const MarkdownOptions& options) {
  Renderer renderer(options, address);
  auto html = renderer.render(markdown);
  if (!html) return {as_written(markdown), {}};
  return {Html::from_trusted_renderer(std::move(*html)), renderer.take_headings()};
}

EntityTable markdown_entities(std::string_view markdown, const MarkdownOptions& options) {
  if (markdown.find('&') == std::string_view::npos) return {};  // no reference: no need to render
  std::vector<std::string> references;
  Renderer renderer(options);
  renderer.collect_references(&references);
  renderer.render(markdown);
  std::vector<std::pair<std::string, std::string>> named;
  for (const std::string& reference : references)
    if (const auto text = html_entities().find(reference)) named.emplace_back(reference.substr(1, reference.size() - 2), *text);
  std::sort(named.begin(), named.end());
  EntityTable used;
  for (auto& [name, text] : named) used.add(std::move(name), std::move(text));  // a repeat is not added
  return used;
}

std::vector<CodeBlock> markdown_code_blocks(std::string_view markdown, const MarkdownOptions& options) {
  std::vector<CodeBlock> blocks;
  Renderer(options, {}, &blocks).render(markdown);
  return blocks;
}

namespace {

class SourceScanner {
 public:
  std::vector<SourceSpan> scan(std::string_view markdown) {
    const Md4cInput input(markdown);
    begin_ = input.data();
    end_ = input.data() + markdown.size();
    MD_PARSER parser{};
    parser.flags = parser_flags | MD_FLAG_NOHTML;
    parser.enter_block = [](MD_BLOCKTYPE, void*, void*) { return 0; };
    parser.leave_block = [](MD_BLOCKTYPE, void*, void*) { return 0; };
    parser.enter_span = [](MD_SPANTYPE t, void* detail, void* self) {
      auto* me = static_cast<SourceScanner*>(self);
      // Autolinks are absolute (a scheme, or md4c's own "http://" and "mailto:" before the text).
      if (t == MD_SPAN_A)
        me->destination(SourceSpan::Kind::link, static_cast<MD_SPAN_A_DETAIL*>(detail)->href);
      else if (t == MD_SPAN_IMG)
        me->destination(SourceSpan::Kind::image, static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src);
      return 0;
    };
    parser.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* self) {
      auto* me = static_cast<SourceScanner*>(self);
      // Code, in blocks and spans, is MD_TEXT_CODE: what it shows is meant as written.
      if ((t == MD_TEXT_NORMAL || t == MD_TEXT_HTML) && me->within(s, n))
        me->spans_.push_back({SourceSpan::Kind::text, static_cast<std::size_t>(s - me->begin_), n});
      return 0;
    };
    md_parse(input.data(), input.size(), &parser, this);
    return std::move(spans_);
  }

 private:
  bool within(const MD_CHAR* s, MD_SIZE n) const { return s >= begin_ && s + n <= end_; }

  void destination(SourceSpan::Kind kind, const MD_ATTRIBUTE& a) {
    // One plain substring, in the source itself: written as is, without escapes or entities.
    if (a.size == 0 || a.substr_types[0] != MD_TEXT_NORMAL || a.substr_offsets[1] != a.size || !within(a.text, a.size)) return;
    const SourceSpan span{kind, static_cast<std::size_t>(a.text - begin_), a.size};
    // A reference definition used twice is one destination.
    if (destinations_.insert(span.offset).second) spans_.push_back(span);
  }

  const MD_CHAR* begin_ = nullptr;
  const MD_CHAR* end_ = nullptr;
  std::unordered_set<std::size_t> destinations_;
  std::vector<SourceSpan> spans_;
};

}  // namespace

std::vector<SourceSpan> markdown_source_spans(std::string_view markdown) { return SourceScanner().scan(markdown); }

std::string markdown_plain_text(std::string_view markdown) { return PlainText(false).collect(markdown); }

std::string markdown_excerpt(std::string_view markdown, std::size_t max_chars) {
  std::string text = PlainText(true).collect(markdown);
  if (text.size() <= max_chars) return text;
  std::size_t cut = max_chars;
  while (cut > 0 && is_utf8_continuation(text[cut])) --cut;  // never split a character
  const std::size_t space = text.rfind(' ', cut);
  if (space != std::string::npos && space > max_chars / 2) cut = space;
  text.resize(cut);
  while (!text.empty() && (text.back() == ' ' || text.back() == ',' || text.back() == '.' || text.back() == ';')) text.pop_back();
  return text + "…";
}

}  // namespace buildlog
