// Markdown to HTML through md4c's parser, GitHub dialect (tables,
// strikethrough, task lists, autolinks), with buildlog's own renderer so that
// every piece of text and every URL passes the escaping layer and URL policy.
//
// Raw HTML in a post is shown as text (escaped) unless the site trusts its
// posts (`allow_raw_html`, see docs/bundle-format.md): then it passes as is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entities.hpp"
#include "html.hpp"

namespace buildlog {

struct MarkdownOptions {
  bool allow_raw_html = false;
  // Runs of each code block's tokens (highlight.hpp), one string per block
  // in the order markdown_code_blocks gives them; absent or empty: plain.
  const std::vector<std::string>* highlights = nullptr;
  // What the named references the text uses ("&copy;") stand for: a post's
  // own (Post::entities) in the engine, HTML's whole table (html_entities())
  // in the author tool. Null, or a name not in it: the reference shows as
  // written, as it does when HTML has no such name.
  const EntityTable* entities = nullptr;
};

// The HTML for `markdown`. Never fails: md4c accepts any input. HTML is
// bounded (max_markdown_html): past the bound (reference definitions used
// thousands of times, say) the post is shown as written, with a notice,
// instead of a page no browser could hold.
Html render_markdown(std::string_view markdown, const MarkdownOptions& options = {});

// The HTML a document of `markdown_bytes` may make: 32 times as much, plus
// a megabyte (real posts make about 1.3 times their size).
std::size_t max_markdown_html(std::size_t markdown_bytes);

// A heading of a post's body, as render_post_body gives it an id.
struct Heading {
  int level = 2;     // 1-6
  std::string id;    // unique in the page: GitHub's form of its text ("Getting started" -> "getting-started")
  std::string text;  // without markup
  friend bool operator==(const Heading&, const Heading&) = default;
};

struct PostBody {
  Html html;
  std::vector<Heading> headings;  // in document order
};

// A post's body as its page shows it: render_markdown's HTML, with an id on
// every heading and a link to it ("#", shown on hover and focus), and every
// link to "#id" made `address` + "#id" (`address` is the post's, "post/x/"):
// under the page's <base> a bare "#id" would name the site's root, and this
// way the router sees in-page links too, shared or clicked.
PostBody render_post_body(std::string_view markdown, std::string_view address, const MarkdownOptions& options = {});

// md4c 0.4.8 finds the line of each bracket in a paragraph by walking the
// paragraph's lines from its first, so a paragraph of many lines with
// brackets on them costs lines x brackets: 100 KB of "[a]" lines take half
// a second natively and seconds in a browser. The renderer estimates that
// work in one pass first and, past this bound (about 25 ms natively), shows
// the post as written, with a notice: rendering time stays linear in the
// post's size. The author tool refuses such a post, naming its paragraph.
inline constexpr std::uint64_t max_bracket_work = std::uint64_t{1} << 26;
struct BracketWork {
  std::uint64_t total = 0;  // over paragraphs outside code: its '[' times its lines
  int worst_line = 0;       // the first line of the paragraph that costs most (from 1; 0 if none)
};
BracketWork bracket_work(std::string_view markdown);

// The HTML when it stays within the bound; nullopt past it (the author tool
// refuses such posts before they reach readers).
std::optional<Html> render_markdown_whole(std::string_view markdown, const MarkdownOptions& options = {});

// The named references the renderer meets in `markdown` under `options` (in
// its text, link and image destinations and titles, code blocks' info
// strings and footnotes), each with what HTML says it stands for. A post's
// part carries them (Post::entities), so that the engine renders the post
// exactly as the author tool does with HTML's whole table. Names HTML does
// not define are left out: they show as written either way.
EntityTable markdown_entities(std::string_view markdown, const MarkdownOptions& options = {});

// The text a reader sees, without markup: blocks separated by newlines.
// Named references are decoded with HTML's whole table: the author tool's.
// Footnotes read as on the page: references leave no text, and the notes'
// text follows the body's.
std::string markdown_plain_text(std::string_view markdown);

// The first paragraph's text, cut at a word boundary to at most `max_chars`
// bytes (plus "…" when cut). Empty when the post has no paragraph.
std::string markdown_excerpt(std::string_view markdown, std::size_t max_chars = 200);

// A code block of a post, as the renderer meets it: the text's blocks in
// order, then those in its footnotes. What MarkdownOptions::highlights is
// indexed by.
struct CodeBlock {
  std::string language;  // the info string's first word, entities decoded; empty if none
  std::string text;      // as the block shows it
  friend bool operator==(const CodeBlock&, const CodeBlock&) = default;
};
std::vector<CodeBlock> markdown_code_blocks(std::string_view markdown, const MarkdownOptions& options = {});

// A piece of a post's source, by byte offset into it, as the engine's parser
// reads it (the author tool's scanners: files beside posts, constructs of
// other engines): a link's or image's destination as written (reference
// links give their definition's), or a run of text outside code.
struct SourceSpan {
  enum class Kind { link, image, text };
  Kind kind;
  std::size_t offset;
  std::size_t size;
  friend bool operator==(const SourceSpan&, const SourceSpan&) = default;
};

// Every such span in `markdown`, in document order, each destination once.
// A destination md4c had to unescape (a backslash or an entity in it) has no
// place in the source and is left out; so are autolinks made absolute by md4c.
std::vector<SourceSpan> markdown_source_spans(std::string_view markdown);

}  // namespace buildlog
