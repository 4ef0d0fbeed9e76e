// Highlighted code: how a code block's tokens travel from the author tool,
// which finds them (cli/highlighter.hpp, KSyntaxHighlighting's definitions),
// to the renderer, which wraps them in spans as it writes the block. The
// reader's page runs no highlighter: it reads runs.
//
// A block's runs are one string: each run is its kind's letter and its
// length in bytes ("k6-1s12": 6 bytes of keyword, 1 plain, 12 of string),
// and together they cover the block's text exactly. Runs that do not fit the
// text (a bundle written for another body) are ignored: the block shows plain.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace buildlog {

// What a token is, as the stylesheet colours it (web/style.css, `.hl-LETTER`).
enum class TokenKind : char {
  plain = '-',
  keyword = 'k',       // keywords and control flow
  type = 't',          // data types; a diff's file and hunk headers
  function = 'f',
  builtin = 'b',       // built-in names, extensions
  variable = 'v',      // variables; a diff's added lines
  string = 's',        // strings and characters; a diff's removed lines
  escape = 'e',        // escapes and special characters inside strings
  number = 'n',        // numbers and constants
  comment = 'c',       // comments and documentation
  preprocessor = 'p',  // preprocessor, imports, attributes, annotations
  operator_ = 'o',
  alert = 'a',         // errors, warnings, TODO markers
  other = 'x',
};

struct TokenRun {
  TokenKind kind = TokenKind::plain;
  std::size_t bytes = 0;
  friend bool operator==(const TokenRun&, const TokenRun&) = default;
};

// The runs as a string; neighbours of one kind merge, empty runs go.
std::string encode_runs(const std::vector<TokenRun>& runs);

// Whether `runs` is such a string (letters of TokenKind, each with a length).
bool is_valid_runs(std::string_view runs);

// Appends `code`, escaped, each run of it in its kind's span (plain runs
// bare). False, and nothing appended, when the runs do not cover `code`
// exactly or are not valid.
bool append_highlighted(std::string& out, std::string_view code, std::string_view runs);

// A post's code blocks get at most this many runs strings, one per block.
inline constexpr std::size_t max_highlighted_blocks = 10000;

}  // namespace buildlog
