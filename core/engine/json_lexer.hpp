// Two members of nlohmann/json's lexer, replaced for the one input the
// engine parses (bytes in a std::string_view, bounded_json.cpp), so that
// the engine links neither libc's strtod family nor its printf: about 12 KB
// of the engine's gzip for a number's value, which the engine never reads
// (field_reader.hpp names a value's kind only), and for "<U+0001>" in an
// error message.
//
// These are explicit specializations: every file that makes nlohmann parse
// a std::string_view must include this header before it does, or the
// program is ill-formed. bounded_json.cpp is the only one; the definitions
// (json_lexer.cpp) are strong symbols, which the linker prefers to any
// implicit instantiation.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

namespace buildlog {

// The value of a JSON number token (RFC 8259's grammar, which nlohmann's
// lexer has checked; its decimal point may be the C locale's), with `*end`
// set past it. Exact, as strtod is, when the significant digits fit in 53
// bits and the power of ten is within 1e22, which covers every number a
// person writes; otherwise within a few units in the last place. Too large
// is infinity, so nlohmann still reports the overflow; too small is zero.
double json_number_value(const char* token, const char** end) noexcept;

using StringViewLexer =
    nlohmann::detail::lexer<nlohmann::json, decltype(nlohmann::detail::input_adapter(std::declval<std::string_view&>()))>;

}  // namespace buildlog

NLOHMANN_JSON_NAMESPACE_BEGIN
namespace detail {

// The token for an error message, control characters written "<U+001F>",
// exactly as nlohmann writes them.
template <>
std::string buildlog::StringViewLexer::get_token_string() const;

// A number token's value: json_number_value. Its pointers are never null,
// as nlohmann declares (GCC warns when a specialization drops that).
template <>
[[gnu::nonnull]] void buildlog::StringViewLexer::strtof(double& f, const char* str, char** endptr) noexcept;

}  // namespace detail
NLOHMANN_JSON_NAMESPACE_END
