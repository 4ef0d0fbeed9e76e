// Reading time, by one rule: the words a reader sees (the body's text without
// Markdown syntax, code included), counted as runs of characters between
// whitespace that hold at least one letter or digit, read at 230 words per
// minute, rounded up, and never less than one minute.
#pragma once

#include <string_view>

namespace buildlog {

inline constexpr int words_per_minute = 230;

// Words in plain text, by the rule above.
int count_words(std::string_view plain_text);

// Minutes for `words`, by the rule above: 0 words -> 1, 230 -> 1, 231 -> 2.
int reading_minutes(int words);

}  // namespace buildlog
