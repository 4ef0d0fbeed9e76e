// Parsing JSON that comes over the network without letting it exhaust the
// engine's memory: the bytes are bounded before parsing, and the number of
// values and the nesting depth as the document is built, so that a refused
// one never takes more than the largest allowed. Knows nothing of the
// bundle's schema (bundle.hpp).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "problem.hpp"

namespace buildlog {

// Larger files are refused before parsing. An entry this size would be a
// blog of millions of posts.
inline constexpr std::size_t max_json_bytes = 64u << 20;
inline constexpr std::size_t max_json_values = 4'000'000;
inline constexpr std::size_t max_json_depth = 32;

// The document when `text` is a JSON object within the bounds above;
// otherwise nullopt and one problem (where empty) saying why: "not valid
// JSON: parse error at line 3, column 7: ...", or which bound it passed.
std::optional<nlohmann::json> parse_bounded_object(std::string_view text, Problems& problems);

}  // namespace buildlog
