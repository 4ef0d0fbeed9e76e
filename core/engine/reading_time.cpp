#include "reading_time.hpp"

#include <cstddef>

namespace buildlog {

int count_words(std::string_view text) {
  int words = 0;
  bool in_word = false;
  bool has_alnum = false;
  auto end_word = [&] {
    if (in_word && has_alnum) ++words;
    in_word = has_alnum = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      end_word();
      continue;
    }
    in_word = true;
    // Non-ASCII characters count as letters (they are, in nearly all prose),
    // except General Punctuation (U+2000-U+206F: dashes, ellipses, quotes).
    if (c == 0xE2 && i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xFE) == 0x80) {
      i += 2;
      continue;
    }
    if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0xC0) has_alnum = true;
  }
  end_word();
  return words;
}

int reading_minutes(int words) {
  if (words <= 0) return 1;
  return (words + words_per_minute - 1) / words_per_minute;
}

}  // namespace buildlog
