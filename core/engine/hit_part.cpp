#include "hit_part.hpp"

#include "search_format.hpp"

namespace buildlog {
namespace {

namespace sf = search_format;

std::optional<std::uint64_t> get_number(std::string_view& in, std::uint64_t min, std::uint64_t max) {
  const auto v = sf::get_varint(in);
  return v && *v >= min && *v <= max ? v : std::nullopt;
}

}  // namespace

std::string encode_hit_part(const PostCard& card, std::string_view text) {
  std::string out(hit_part_magic);
  const std::string date = to_iso(card.date);
  for (const std::string_view s : {std::string_view(card.slug), std::string_view(card.title), std::string_view(date), std::string_view(card.summary),
                                   std::string_view(card.preview_note)})
    sf::put_string(out, s);
  sf::put_varint(out, card.tags.size());
  for (const auto& t : card.tags) sf::put_string(out, t);
  sf::put_varint(out, static_cast<std::uint64_t>(card.words));
  sf::put_varint(out, static_cast<std::uint64_t>(card.reading_minutes));
  sf::put_string(out, text);
  return out;
}

std::optional<HitPart> decode_hit_part(std::string_view in) {
  if (!in.starts_with(hit_part_magic)) return std::nullopt;
  in.remove_prefix(hit_part_magic.size());
  HitPart hit;
  PostCard& card = hit.card;
  const auto slug = sf::get_string(in, max_slug_bytes);
  const auto title = sf::get_string(in, max_title_bytes);
  const auto date = sf::get_string(in, 10);
  const auto summary = sf::get_string(in, max_summary_bytes);
  const auto preview = sf::get_string(in, max_preview_note_bytes);
  if (!slug || !title || !date || !summary || !preview || !is_valid_slug(*slug) || title->empty()) return std::nullopt;
  const auto day = parse_date(*date);
  if (!day) return std::nullopt;
  card.slug = *slug, card.title = *title, card.date = *day, card.summary = *summary, card.preview_note = *preview;
  const auto tags = get_number(in, 0, in.size() / 2);  // as many as the post has: each takes 2 bytes or more
  if (!tags) return std::nullopt;
  for (std::uint64_t i = 0; i < *tags; ++i) {
    const auto tag = sf::get_string(in, max_tag_bytes);
    if (!tag || tag->empty()) return std::nullopt;
    card.tags.emplace_back(*tag);
  }
  const auto words = get_number(in, 0, max_post_words);
  const auto minutes = get_number(in, 1, max_reading_minutes);
  const auto text = sf::get_string(in, max_body_bytes);
  if (!words || !minutes || !text || !in.empty()) return std::nullopt;
  card.words = static_cast<int>(*words), card.reading_minutes = static_cast<int>(*minutes);
  hit.text = *text;
  return hit;
}

}  // namespace buildlog
