#include "reading_time.hpp"

namespace buildlog {

int count_words(std::string_view text) {
  int words = 0;
  bool in_word = false;
  bool has_alnum = false;
  auto end_word = [&] {
    if (in_word && has_alnum) ++words;
    in_word = has_alnum = false;
  };
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      end_word();
      continue;
    }
    in_word = true;
    // Bytes >= 0x80 belong to non-ASCII characters, which are letters in the
    // overwhelming majority of prose; counting them keeps the rule simple.
    if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80) has_alnum = true;
  }
  end_word();
  return words;
}

int reading_minutes(int words) {
  if (words <= 0) return 1;
  return (words + words_per_minute - 1) / words_per_minute;
}

}  // namespace buildlog
