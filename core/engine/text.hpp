// Text as search sees it: Unicode-aware lowercasing with diacritics folded
// ("Résumé" and "RESUME" are both "resume"), words with their place in the
// original text (for phrases and highlighting), and English stop words.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace buildlog {

// `text` lowercased, with the diacritics of Latin, Greek and Cyrillic letters
// removed (é -> e, ß -> ss, Ä -> a, Ά -> α). Other characters pass unchanged;
// invalid UTF-8 bytes are dropped.
std::string fold(std::string_view text);

// `text` with its ASCII letters lowercased and every other byte as it is: for
// names (front matter keys, footnote labels, languages, header names), where
// fold()'s Unicode work is not wanted.
std::string ascii_lowercase(std::string_view text);

struct Word {
  std::string term;    // folded
  std::uint32_t begin;  // byte offsets of the word in the original text
  std::uint32_t end;
};

// The words of `text`: runs of letters and digits (any non-ASCII character
// counts as a letter, except General Punctuation such as dashes and quotes),
// each folded. Apostrophes inside a word are dropped ("don't" -> "dont").
std::vector<Word> words(std::string_view text);

// The same words one at a time, without allocating for each: for long texts.
// A word already folded (lowercase ASCII, most of any text) is not copied:
// its term is a view of the text.
class WordScanner {
 public:
  explicit WordScanner(std::string_view text) : text_(text) {}
  // From byte `from` on, which must begin a word or lie between words; places
  // are still bytes of the whole `text`.
  WordScanner(std::string_view text, std::size_t from) : text_(text), at_(from) {}
  bool next();  // false at the end
  std::string_view term() const { return view_; }  // valid until the next call
  std::uint32_t begin() const { return begin_; }
  std::uint32_t end() const { return end_; }

 private:
  std::string_view text_;
  std::size_t at_ = 0;
  std::string term_;      // a folded copy, for words that needed folding
  std::string_view view_;  // the term: into text_ or term_
  std::uint32_t begin_ = 0, end_ = 0;
};

// Common English words that say nothing about what a post is about.
bool is_stop_word(std::string_view folded);

}  // namespace buildlog
