#include "highlight.hpp"

#include "html.hpp"

namespace buildlog {
namespace {

// Every TokenKind and nothing else: the switch has no default, so a kind
// added to the enum and not here is a compiler warning (-Wswitch).
bool is_kind(char c) {
  switch (static_cast<TokenKind>(c)) {
    case TokenKind::plain: case TokenKind::keyword: case TokenKind::type: case TokenKind::function: case TokenKind::builtin:
    case TokenKind::variable: case TokenKind::string: case TokenKind::escape: case TokenKind::number: case TokenKind::comment:
    case TokenKind::preprocessor: case TokenKind::operator_: case TokenKind::alert: case TokenKind::other: return true;
  }
  return false;
}

// Calls `each(kind, bytes)` for every run; false when `runs` is not valid.
template <typename Each>
bool for_each_run(std::string_view runs, Each each) {
  std::size_t i = 0;
  while (i < runs.size()) {
    const char kind = runs[i++];
    std::size_t bytes = 0, digits = 0;
    for (; i < runs.size() && runs[i] >= '0' && runs[i] <= '9' && digits < 9; ++i, ++digits) bytes = bytes * 10 + static_cast<std::size_t>(runs[i] - '0');
    if (!is_kind(kind) || digits == 0 || (i < runs.size() && runs[i] >= '0' && runs[i] <= '9')) return false;
    if (!each(kind, bytes)) return false;
  }
  return true;
}

}  // namespace

std::string encode_runs(const std::vector<TokenRun>& runs) {
  std::string out;
  for (std::size_t i = 0; i < runs.size();) {
    std::size_t bytes = 0;
    const TokenKind kind = runs[i].kind;
    for (; i < runs.size() && runs[i].kind == kind; ++i) bytes += runs[i].bytes;
    if (bytes == 0) continue;
    out += static_cast<char>(kind);
    out += std::to_string(bytes);
  }
  return out;
}

bool is_valid_runs(std::string_view runs) {
  return for_each_run(runs, [](char, std::size_t) { return true; });
}

bool append_highlighted(std::string& out, std::string_view code, std::string_view runs) {
  std::size_t covered = 0;
  if (!for_each_run(runs, [&](char, std::size_t bytes) { return (covered += bytes) <= code.size(); }) || covered != code.size()) return false;
  std::size_t at = 0;
  for_each_run(runs, [&](char kind, std::size_t bytes) {
    if (kind != '-') {
      out += "<span class=\"hl-";
      out += kind;
      out += "\">";
    }
    html::append_escaped(out, code.substr(at, bytes));
    if (kind != '-') out += "</span>";
    at += bytes;
    return true;
  });
  return true;
}

}  // namespace buildlog
