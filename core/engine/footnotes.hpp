// Footnotes as GitHub renders them ([^label] references, "[^label]: text"
// definitions, a numbered list at the end with links down and back), for
// md4c 0.4.8, which has none. Until an md4c release with MD_FLAG_FOOTNOTES
// reaches Debian, this pass stands in for it: it takes the definitions out
// of the source and makes each reference a marker md4c passes through as
// text, which the renderer (markdown.cpp) turns into the reference's link
// and follows with the notes. Moving to md4c's own footnotes is deleting
// this pass and rendering its footnote blocks and spans instead; the HTML is
// md4c-html's (md4c's footnote spec examples test it).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace buildlog {

// A reference's marker in the source md4c reads: ESC, the note's number,
// '.', the reference's number among the note's, ESC. A source that has an
// ESC of its own gets no footnotes (the marker could not be told apart).
inline constexpr char footnote_marker = '\x1B';

// A post's first 1,000 definitions are footnotes, and its first 10,000
// references to them link: past that the text shows as written, and finding
// each reference's note stays cheap.
inline constexpr std::size_t max_footnotes = 1000;
inline constexpr std::size_t max_footnote_references = 10000;

struct Footnote {
  std::string content;     // Markdown: the definition's text, its continuation lines joined
  std::size_t references;  // how many times the text refers to it (at least once)
};

struct FootnotedSource {
  std::string markdown;        // definitions taken out, references made markers
  std::vector<Footnote> notes;  // numbered from 1, in the order of their first reference; unreferenced ones are dropped
};

// nullopt when `markdown` defines no footnote.
std::optional<FootnotedSource> take_footnotes(std::string_view markdown);

// Appends `text` (from a source take_footnotes made) to `out` without its
// references' markers: for text that shows no link, a heading's or plain text.
void append_without_markers(std::string& out, std::string_view text);

}  // namespace buildlog
