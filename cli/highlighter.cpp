#include "highlighter.hpp"

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>
#include <KSyntaxHighlighting/Theme>

#include <QString>
#include <utf8.h>

#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include "highlight.hpp"
#include "text.hpp"

namespace buildlog {
namespace {

namespace ksh = KSyntaxHighlighting;

TokenKind kind_of(ksh::Theme::TextStyle style) {
  using S = ksh::Theme::TextStyle;
  switch (style) {
    case S::Keyword: case S::ControlFlow: return TokenKind::keyword;
    case S::DataType: return TokenKind::type;
    case S::Function: return TokenKind::function;
    case S::BuiltIn: case S::Extension: return TokenKind::builtin;
    case S::Variable: return TokenKind::variable;
    case S::String: case S::VerbatimString: case S::Char: return TokenKind::string;
    case S::SpecialString: case S::SpecialChar: return TokenKind::escape;
    case S::DecVal: case S::BaseN: case S::Float: case S::Constant: return TokenKind::number;
    case S::Comment: case S::Documentation: case S::CommentVar: case S::RegionMarker: return TokenKind::comment;
    case S::Preprocessor: case S::Import: case S::Attribute: case S::Annotation: return TokenKind::preprocessor;
    case S::Operator: return TokenKind::operator_;
    case S::Alert: case S::Error: case S::Warning: case S::Information: return TokenKind::alert;
    case S::Others: return TokenKind::other;
    default: return TokenKind::plain;
  }
}

// The names fences use that are neither a definition's name nor a file
// extension it claims (those two are tried first).
constexpr std::array<std::pair<std::string_view, const char*>, 9> aliases{{
    {"shell", "Bash"}, {"console", "Bash"}, {"shellsession", "Bash"}, {"c++", "C++"}, {"golang", "Go"},
    {"hcl", "Terraform"}, {"docker", "Dockerfile"}, {"js", "JavaScript"}, {"ts", "TypeScript"}}};

// Collects one line's formats as byte runs.
class LineTokenizer : public ksh::AbstractHighlighter {
 public:
  // The runs of `line` (UTF-8, without its newline), given the state the line before left.
  ksh::State tokenize(std::string_view line, const ksh::State& state, std::vector<TokenRun>& runs) {
    text_ = QString::fromUtf8(line.data(), static_cast<int>(line.size()));
    // Where each UTF-16 unit starts in the UTF-8 bytes (a surrogate pair's second unit shares its first's).
    byte_at_.assign(static_cast<std::size_t>(text_.size()) + 1, line.size());
    std::size_t byte = 0;
    for (int i = 0; i < text_.size(); ++i) {
      byte_at_[static_cast<std::size_t>(i)] = byte;
      const char16_t u = text_.at(i).unicode();
      if (u >= 0xD800 && u <= 0xDBFF) continue;  // counted with the low surrogate
      byte += u < 0x80 ? 1 : u < 0x800 ? 2 : (u >= 0xDC00 && u <= 0xDFFF) ? 4 : 3;
    }
    runs_ = &runs;
    covered_ = 0;
    const ksh::State next = highlightLine(QStringView(text_), state);
    if (covered_ < text_.size()) runs.push_back({TokenKind::plain, line.size() - byte_at_[static_cast<std::size_t>(covered_)]});
    return next;
  }

 protected:
  void applyFormat(int offset, int length, const ksh::Format& format) override {
    if (length <= 0 || offset < covered_ || offset + length > text_.size()) return;
    if (offset > covered_) runs_->push_back({TokenKind::plain, byte_at_[static_cast<std::size_t>(offset)] - byte_at_[static_cast<std::size_t>(covered_)]});
    const TokenKind kind = format.isValid() ? kind_of(format.textStyle()) : TokenKind::plain;
    runs_->push_back({kind, byte_at_[static_cast<std::size_t>(offset + length)] - byte_at_[static_cast<std::size_t>(offset)]});
    covered_ = offset + length;
  }

 private:
  QString text_;
  std::vector<std::size_t> byte_at_;
  std::vector<TokenRun>* runs_ = nullptr;
  int covered_ = 0;
};

// The repository loads its definitions' index once, and each definition the
// first time it is used; it is not shared between threads, so each build
// thread has its own, with its definitions by lowercased name.
struct Definitions {
  ksh::Repository repository;
  std::map<std::string, ksh::Definition, std::less<>> by_name;
  Definitions() {
    for (const ksh::Definition& d : repository.definitions()) by_name.emplace(d.name().toLower().toStdString(), d);
  }
};

ksh::Definition definition_for(std::string_view language) {
  thread_local Definitions definitions;
  std::string name = ascii_lowercase(language);
  for (const auto& [alias, definition] : aliases)
    if (alias == name) name = QString::fromLatin1(definition).toLower().toStdString();
  if (const auto it = definitions.by_name.find(name); it != definitions.by_name.end()) return it->second;
  const QString written = QString::fromUtf8(language.data(), static_cast<int>(language.size()));
  if (auto d = definitions.repository.definitionForFileName(QStringLiteral("code.") + written); d.isValid()) return d;
  return definitions.repository.definitionForFileName(written);  // "Dockerfile", "Makefile", "CMakeLists.txt"
}

}  // namespace

std::optional<std::string> highlight_code(std::string_view language, std::string_view code) {
  // Runs are counted in the source's bytes, which Qt's text would not keep for malformed UTF-8.
  if (language.empty() || code.size() > max_highlighted_code_bytes || !utf8::is_valid(code.begin(), code.end())) return std::nullopt;
  const ksh::Definition definition = definition_for(language);
  if (!definition.isValid()) return std::nullopt;
  LineTokenizer tokenizer;
  tokenizer.setDefinition(definition);
  std::vector<TokenRun> runs;
  ksh::State state;
  while (!code.empty()) {
    const auto end = code.find('\n');
    const std::string_view line = code.substr(0, end);
    if (line.size() > max_highlighted_line_bytes) return std::nullopt;
    state = tokenizer.tokenize(line, state, runs);
    if (end == std::string_view::npos) break;
    runs.push_back({TokenKind::plain, 1});
    code.remove_prefix(end + 1);
  }
  return encode_runs(runs);
}

std::vector<std::string> highlight_blocks(std::string_view markdown, const MarkdownOptions& options) {
  // Only fenced blocks name a language: a post without a fence has nothing to do.
  if (markdown.find("```") == std::string_view::npos && markdown.find("~~~") == std::string_view::npos) return {};
  std::vector<std::string> runs;
  bool any = false;
  for (const CodeBlock& block : markdown_code_blocks(markdown, options)) {
    runs.push_back(highlight_code(block.language, block.text).value_or(std::string()));
    any = any || !runs.back().empty();
  }
  if (!any) runs.clear();
  return runs;
}

}  // namespace buildlog
