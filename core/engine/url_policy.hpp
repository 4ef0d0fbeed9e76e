// Which link and image addresses a page may contain. Allowed: http, https,
// mailto, and addresses without a scheme (relative paths, fragments, queries).
// Everything else (javascript:, vbscript:, data:, file:, ...) is refused,
// including disguises: mixed case, leading spaces or control characters, tabs
// or newlines inside the scheme (browsers drop them), entity-encoded letters
// (decoded by the caller before asking), and anything else that puts a ':'
// before the first '/', '?' or '#' without being an allowed scheme.
#pragma once

#include <string>
#include <string_view>

namespace buildlog {

// What browsers remove from an address before using it: leading and trailing
// C0 controls and spaces, and every tab and newline.
std::string strip_url_whitespace(std::string_view address);

// True when `address` (entities already decoded) may appear in href or src.
bool is_safe_url(std::string_view address);

// True when `address` starts with a scheme as RFC 3986 spells one ("https:",
// "mailto:"): a letter, then letters, digits, '+', '.' or '-', then ':'.
// Such an address names no file of the site and is never relative.
bool has_scheme(std::string_view address);

// Percent-encodes every byte of `s` except ASCII letters, digits and `kept`.
std::string percent_encode(std::string_view s, std::string_view kept);

// Percent-encodes the bytes md4c-html also encodes (space, quotes, '<', '>',
// backslash, controls, non-ASCII ...), leaving URL syntax and existing
// %XX escapes alone. '&' stays; the attribute escaping turns it into "&amp;".
std::string percent_encode_url(std::string_view address);

}  // namespace buildlog
