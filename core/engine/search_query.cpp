#include "search_query.hpp"

#include "text.hpp"

#include <algorithm>

namespace buildlog {

SearchQuery parse_query(std::string_view text) {
  SearchQuery q;
  bool saw_word = false;
  bool last_was_term = false;  // the last thing read was a plain word, not a phrase or tag
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {  // a phrase, up to the closing quote or the end
      const auto close = text.find('"', i + 1);
      const auto inner = text.substr(i + 1, close == std::string_view::npos ? std::string_view::npos : close - i - 1);
      std::vector<std::string> phrase;
      for (auto& w : words(inner)) phrase.push_back(std::move(w.term));
      saw_word = saw_word || !phrase.empty();
      if (phrase.size() == 1 && !is_stop_word(phrase[0])) q.terms.push_back(std::move(phrase[0]));
      else if (phrase.size() > 1) q.phrases.push_back(std::move(phrase));
      i = close == std::string_view::npos ? text.size() : close + 1;
      last_was_term = false;
      continue;
    }
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n') {
      ++i;
      continue;
    }
    auto end = text.find_first_of(" \t\n\"", i);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view token = text.substr(i, end - i);
    i = end;
    if (token.size() > 4 && fold(token.substr(0, 4)) == "tag:") {
      const std::string tag = fold(token.substr(4));
      if (!tag.empty()) q.tags.push_back(tag);
      last_was_term = false;
      continue;
    }
    for (auto& w : words(token)) {
      saw_word = true;
      last_was_term = !is_stop_word(w.term);
      if (last_was_term) q.terms.push_back(std::move(w.term));
    }
  }
  // The reader is still typing the last word unless a space or quote ends it.
  const char last = text.empty() ? ' ' : text.back();
  q.last_is_prefix = last_was_term && last != ' ' && last != '\t';
  q.only_stop_words = saw_word && q.terms.empty() && q.phrases.empty();
  std::size_t budget = max_query_words;
  auto take = [&](std::size_t n) { const std::size_t k = std::min(n, budget); budget -= k; return k; };
  q.terms.resize(take(q.terms.size()));
  for (auto& phrase : q.phrases) phrase.resize(take(phrase.size()));
  std::erase_if(q.phrases, [](const std::vector<std::string>& p) { return p.size() < 2; });
  if (q.terms.empty()) q.last_is_prefix = false;
  return q;
}

}  // namespace buildlog
