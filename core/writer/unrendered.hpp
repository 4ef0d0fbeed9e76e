// What other blog engines render and buildlog prints as written: Liquid tags
// and expressions (Jekyll), shortcodes (Hugo), kramdown attribute lists.
// The author tool warns of each, with its line and what to write instead,
// so that a migrated post never shows `{% highlight ruby %}` to readers in
// silence. Code (blocks and spans) is left alone: a post about Jekyll shows
// Liquid on purpose.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "markdown.hpp"

namespace buildlog {

struct Unrendered {
  int line = 1;         // in `markdown`, from 1
  std::string message;  // what it is, that it shows as written, and what to do
};

// At most `max_unrendered` of them, the last saying how many more there are.
inline constexpr std::size_t max_unrendered = 10;
// `spans` are markdown_source_spans(markdown): the reader finds them once,
// for this and for the links the body makes.
std::vector<Unrendered> unrendered_constructs(std::string_view markdown, const std::vector<SourceSpan>& spans);

}  // namespace buildlog
