#include "related.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include "parallel.hpp"
#include "text.hpp"

namespace buildlog {
namespace {

// A tag or a word, and the posts that have it, in bundle order.
struct Feature {
  float weight = 0;  // its rarity: log(1 + posts / posts with it)
  std::vector<std::uint32_t> posts;
};

// Each post's features: its tags, then the distinct words of its title and summary.
struct Features {
  std::vector<Feature> all;
  std::vector<std::vector<std::uint32_t>> tags_of, words_of;  // per post, indexes into `all`
};

// A word this short or this common says little about what a post is about.
constexpr std::size_t min_word_bytes = 3;
constexpr std::size_t common_word_share = 20;  // in more than 1 post in 20
constexpr std::size_t min_common_posts = 10;     // (in a small blog, in more than 10)

// Of a long list, the posts nearest in time to the one asked about: the
// work per post stays bounded whatever the blog's size.
constexpr std::size_t max_neighbours = 512;

Features features_of(const std::vector<const SourcePost*>& posts) {
  Features f;
  f.tags_of.resize(posts.size());
  f.words_of.resize(posts.size());
  std::unordered_map<std::string, std::uint32_t> tag_index, word_index;
  const auto add = [&f](std::unordered_map<std::string, std::uint32_t>& index, std::string key, std::uint32_t post, std::vector<std::uint32_t>& into) {
    const auto [it, fresh] = index.emplace(std::move(key), static_cast<std::uint32_t>(f.all.size()));
    if (fresh) f.all.emplace_back();
    auto& list = f.all[it->second].posts;
    if (list.empty() || list.back() != post) {
      list.push_back(post);
      into.push_back(it->second);
    }
  };
  for (std::uint32_t i = 0; i < posts.size(); ++i) {
    for (const auto& tag : posts[i]->tags) add(tag_index, tag, i, f.tags_of[i]);
    for (const std::string* text : {&posts[i]->title, &posts[i]->summary})
      for (WordScanner w(*text); w.next();)
        if (w.term().size() >= min_word_bytes && !is_stop_word(w.term())) add(word_index, std::string(w.term()), i, f.words_of[i]);
  }
  const auto n = static_cast<float>(posts.size());
  for (auto& feature : f.all) feature.weight = std::log(1.0f + n / static_cast<float>(feature.posts.size()));
  // Words most posts share are noise.
  for (auto& words : f.words_of)
    std::erase_if(words, [&](std::uint32_t w) { return f.all[w].posts.size() > std::max<std::size_t>(posts.size() / common_word_share, min_common_posts); });
  return f;
}

}  // namespace

std::vector<std::vector<std::size_t>> related_posts(const std::vector<const SourcePost*>& posts, std::size_t per_post) {
  std::vector<std::vector<std::size_t>> related(posts.size());
  if (posts.size() < 2 || per_post == 0) return related;
  const Features f = features_of(posts);
  parallel_for(posts.size(), [&](std::size_t begin, std::size_t end) {
    std::vector<float> score(posts.size(), 0);
    std::vector<std::uint8_t> tags(posts.size(), 0), words(posts.size(), 0);
    std::vector<std::uint32_t> touched;
    for (std::size_t i = begin; i < end; ++i) {
      const auto visit = [&](std::uint32_t feature, std::vector<std::uint8_t>& hits) {
        const auto& list = f.all[feature].posts;
        auto first = list.begin(), last = list.end();
        if (list.size() > max_neighbours) {
          const auto at = std::lower_bound(list.begin(), list.end(), static_cast<std::uint32_t>(i)) - list.begin();
          first = list.begin() + std::clamp<std::ptrdiff_t>(at - static_cast<std::ptrdiff_t>(max_neighbours / 2), 0, static_cast<std::ptrdiff_t>(list.size() - max_neighbours));
          last = first + static_cast<std::ptrdiff_t>(max_neighbours);
        }
        for (auto it = first; it != last; ++it) {
          if (*it == i) continue;
          if (score[*it] == 0) touched.push_back(*it);
          score[*it] += f.all[feature].weight;
          if (hits[*it] < 255) ++hits[*it];
        }
      };
      for (const auto t : f.tags_of[i]) visit(t, tags);
      for (const auto w : f.words_of[i]) visit(w, words);
      std::vector<std::uint32_t> chosen;
      for (const auto j : touched)
        if (tags[j] > 0 || words[j] >= 2) chosen.push_back(j);
      const auto better = [&](std::uint32_t a, std::uint32_t b) { return score[a] != score[b] ? score[a] > score[b] : a < b; };
      const auto keep = std::min(per_post, chosen.size());
      std::partial_sort(chosen.begin(), chosen.begin() + static_cast<std::ptrdiff_t>(keep), chosen.end(), better);
      related[i].assign(chosen.begin(), chosen.begin() + static_cast<std::ptrdiff_t>(keep));
      for (const auto j : touched) score[j] = 0, tags[j] = 0, words[j] = 0;
      touched.clear();
    }
  });
  return related;
}

}  // namespace buildlog
