// What a search result shows of a published post, in one small binary part
// per post (kind `h`, docs/bundle-format.md): its card and its body as plain
// text, for the snippet. The author tool writes it once per build, so a
// query reads each hit without a JSON parse or a Markdown pass, and without
// fetching the post's Markdown and highlighting it will not show.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "post.hpp"

namespace buildlog {

inline constexpr std::string_view hit_part_magic = "BLH1";

struct HitPart {
  PostCard card;     // a published post's
  std::string text;  // its body without markup (markdown_plain_text)

  friend bool operator==(const HitPart&, const HitPart&) = default;
};

// "BLH1", then slug, title, date (YYYY-MM-DD), summary, preview note, each a
// varint length and the bytes; the number of tags and each tag the same way;
// words and reading minutes as varints; the text, as a string.
std::string encode_hit_part(const PostCard& card, std::string_view text);
// nullopt when malformed or when a field breaks the rules a listing's record
// follows (a valid slug, a calendar date, the post.hpp limits).
std::optional<HitPart> decode_hit_part(std::string_view bytes);

}  // namespace buildlog
