#include "text.hpp"

#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace buildlog {
namespace {

struct Fold {
  std::uint16_t code_point;
  const char* folded;
};
constexpr Fold fold_table[] = {
#include "fold_table.inc"
};

// The table above as the engine carries it: one 16-bit entry per code point
// from U+00C0 to U+04FF, made at compile time (the table itself is not
// linked): 0 when the letter folds to itself, else its folded code point,
// or for two ASCII letters ("ae") 0x8000 | first << 7 | second. 1,936 bytes
// less of the engine's gzip than the table's pointers and strings, and one
// index instead of a binary search.
constexpr std::uint32_t fold_first = 0xC0, fold_last = 0x4FF;
constexpr std::uint16_t two_letters = 0x8000;

constexpr std::uint16_t packed(const char* folded) {
  const auto byte = [folded](int i) { return static_cast<std::uint16_t>(static_cast<unsigned char>(folded[i])); };
  if (byte(0) < 0x80) return byte(1) == 0 ? byte(0) : static_cast<std::uint16_t>(two_letters | byte(0) << 7 | byte(1));
  if (byte(0) < 0xE0) return static_cast<std::uint16_t>((byte(0) & 0x1F) << 6 | (byte(1) & 0x3F));
  return static_cast<std::uint16_t>((byte(0) & 0x0F) << 12 | (byte(1) & 0x3F) << 6 | (byte(2) & 0x3F));
}

// Every entry is what packed() can hold: one ASCII letter or two, or one
// code point below U+8000 written in at most three bytes.
constexpr bool fold_table_fits() {
  for (const Fold& f : fold_table) {
    int length = 0;
    while (f.folded[length] != 0) ++length;
    const auto lead = static_cast<unsigned char>(f.folded[0]);
    const bool fits = f.code_point >= fold_first && f.code_point <= fold_last &&
                      (lead < 0x80 ? length >= 1 && length <= 2 && static_cast<unsigned char>(f.folded[length - 1]) < 0x80
                                   : (lead < 0xE0 ? length == 2 : length == 3 && lead < 0xE8));
    if (!fits) return false;
  }
  return true;
}
static_assert(fold_table_fits(), "fold_table.inc has an entry fold_map cannot hold");

constexpr auto fold_map = [] {
  std::array<std::uint16_t, fold_last - fold_first + 1> map{};
  for (const Fold& f : fold_table) map[f.code_point - fold_first] = packed(f.folded);
  return map;
}();

// Decodes one UTF-8 character at `i`; returns its code point and advances
// `i`, or returns 0xFFFFFFFF for an invalid byte (advancing one byte).
std::uint32_t decode(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
  if (extra < 0 || i + static_cast<std::size_t>(extra) >= s.size() + (extra == 0 ? 1 : 0)) {
    ++i;
    return 0xFFFFFFFF;
  }
  std::uint32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1Fu) : extra == 2 ? (c & 0x0Fu) : (c & 0x07u);
  for (int k = 1; k <= extra; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFFFFFF;
    }
    cp = (cp << 6) | (cc & 0x3Fu);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

void append_folded(std::string& out, std::string_view s, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to;) {
    const std::size_t start = i;
    const std::uint32_t cp = decode(s, i);
    if (cp == 0xFFFFFFFF) continue;
    if (cp < 0x80) {
      out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp | 0x20 : cp);
      continue;
    }
    if (cp >= fold_first && cp <= fold_last) {
      if (const std::uint16_t folded = fold_map[cp - fold_first]; folded & two_letters) {
        out += static_cast<char>(folded >> 7 & 0x7F);
        out += static_cast<char>(folded & 0x7F);
        continue;
      } else if (folded != 0) {
        append_utf8(out, folded);
        continue;
      }
    }
    if (cp == 0x2019 || cp == 0x2018) continue;  // typographic apostrophes inside words
    out.append(s, start, i - start);
  }
}

bool is_word_code_point(std::uint32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
  if (cp == 0xFFFFFFFF) return false;
  if (cp >= 0x2000 && cp <= 0x206F) return false;  // General Punctuation
  if (cp == 0x00A0 || cp == 0x00AB || cp == 0x00BB || cp == 0x00B7 || cp == 0x3000) return false;
  return true;
}

}  // namespace

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_folded(out, text, 0, text.size());
  return out;
}

// ASCII bytes as words see them: 0 not in a word, 1 a digit or lowercase
// letter, 2 an uppercase letter. One lookup per byte on the common path.
constexpr std::array<std::uint8_t, 128> ascii_word_class = [] {
  std::array<std::uint8_t, 128> t{};
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = 1;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = 1;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = 2;
  return t;
}();

bool WordScanner::next() {
  auto is_apostrophe = [](std::uint32_t cp) { return cp == '\'' || cp == 0x2019; };
  const auto* bytes = reinterpret_cast<const unsigned char*>(text_.data());
  const std::size_t size = text_.size();
  while (at_ < size) {
    // Most text is ASCII: a run of ASCII letters and digits ended by ASCII
    // that is not an apostrophe is a whole word, read without decoding.
    if (const unsigned char c = bytes[at_]; c < 0x80) {
      if (ascii_word_class[c] == 0) {
        ++at_;
        continue;
      }
      std::size_t end = at_;
      unsigned seen = 0;  // the classes of its bytes, or-ed: 2 when one is uppercase
      for (; end < size && bytes[end] < 0x80 && ascii_word_class[bytes[end]] != 0; ++end) seen |= ascii_word_class[bytes[end]];
      const unsigned char after = end < size ? bytes[end] : 0;
      if (after < 0x80 && after != '\'') {
        view_ = text_.substr(at_, end - at_);
        if (seen & 2) {
          term_.assign(view_);
          for (char& ch : term_)
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch | 0x20);
          view_ = term_;
        }
        begin_ = static_cast<std::uint32_t>(at_);
        end_ = static_cast<std::uint32_t>(end);
        at_ = end;
        return true;
      }
    }
    // Skip to the start of a word.
    std::size_t i = at_;
    if (!is_word_code_point(decode(text_, i))) {
      at_ = i;
      continue;
    }
    const std::size_t begin = at_;
    std::size_t end = i;
    at_ = i;
    while (at_ < text_.size()) {
      std::size_t j = at_;
      const std::uint32_t cp = decode(text_, j);
      if (is_word_code_point(cp)) {
        end = at_ = j;
        continue;
      }
      if (is_apostrophe(cp) && j < text_.size()) {  // "don't": keep reading if a letter follows
        std::size_t k = j;
        if (is_word_code_point(decode(text_, k))) {
          at_ = j;
          continue;
        }
      }
      break;
    }
    term_.clear();
    append_folded(term_, text_, begin, end);
    term_.erase(std::remove(term_.begin(), term_.end(), '\''), term_.end());
    if (term_.empty()) continue;
    view_ = term_;
    begin_ = static_cast<std::uint32_t>(begin);
    end_ = static_cast<std::uint32_t>(end);
    return true;
  }
  return false;
}

std::vector<Word> words(std::string_view text) {
  std::vector<Word> out;
  for (WordScanner scan(text); scan.next();) out.push_back({std::string(scan.term()), scan.begin(), scan.end()});
  return out;
}

namespace {

constexpr std::array<std::string_view, 62> stop_words{
    "a",     "about", "after", "all",  "also", "an",    "and",   "any",  "are",   "as",    "at",   "be",   "been",
    "but",   "by",    "can",   "do",   "does", "for",   "from",  "had",  "has",   "have",  "how",  "i",    "if",
    "in",    "into",  "is",    "it",   "its",  "just",  "more",  "my",   "no",    "not",   "of",   "on",   "or",
    "our",   "so",    "some",  "than", "that", "the",   "their", "them", "then",  "there", "they", "this", "to",
    "up",    "was",   "we",    "were", "what", "when",  "which", "who",  "will",  "with"};

constexpr std::size_t stop_slots = 256;  // a power of two, over 4 times the words: probes are short
constexpr std::size_t stop_slot(std::string_view w) {
  std::size_t h = w.size() * 31;
  for (const char c : w) h = h * 131 + static_cast<unsigned char>(c);
  return h & (stop_slots - 1);
}

// Every stop word at its slot (or the next free one), built at compile time:
// a word is looked up with one hash and, most often, one comparison.
constexpr std::array<std::string_view, stop_slots> stop_table = [] {
  std::array<std::string_view, stop_slots> t{};
  for (const auto w : stop_words) {
    std::size_t i = stop_slot(w);
    while (!t[i].empty()) i = (i + 1) & (stop_slots - 1);
    t[i] = w;
  }
  return t;
}();

constexpr std::size_t longest_stop_word = [] {
  std::size_t n = 0;
  for (const auto w : stop_words) n = std::max(n, w.size());
  return n;
}();

}  // namespace

bool is_stop_word(std::string_view w) {
  if (w.empty() || w.size() > longest_stop_word) return false;  // most words: one comparison
  for (std::size_t i = stop_slot(w); !stop_table[i].empty(); i = (i + 1) & (stop_slots - 1))
    if (stop_table[i] == w) return true;
  return false;
}

std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace buildlog
