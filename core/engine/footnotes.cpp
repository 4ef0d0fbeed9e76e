#include "footnotes.hpp"

#include "markdown_lines.hpp"
#include "text.hpp"

#include <algorithm>

namespace buildlog {
namespace {

// A label as md4c's footnote labels are: no space, no brackets, not empty; compared without case.
std::optional<std::string> label_at(std::string_view text, std::size_t at, std::size_t& end) {
  if (text.substr(at, 2) != "[^") return std::nullopt;
  std::size_t i = at + 2;
  while (i < text.size() && text[i] != ']' && text[i] != '[' && text[i] != ' ' && text[i] != '\t' && text[i] != '\n') ++i;
  if (i == at + 2 || i >= text.size() || text[i] != ']') return std::nullopt;
  end = i + 1;
  std::string label = ascii_lowercase(text.substr(at + 2, i - at - 2));
  return label;
}

}  // namespace

std::optional<FootnotedSource> take_footnotes(std::string_view markdown) {
  if (markdown.find("[^") == std::string_view::npos || markdown.find(footnote_marker) != std::string_view::npos) return std::nullopt;
  const std::vector<SourceLine> lines = source_lines(markdown);
  // Pass 1: definitions (outside code), taken out of the text.
  struct Definition {
    std::string label, content;
    std::size_t note = 0;  // its number, once referred to
  };
  std::vector<Definition> defined;
  std::vector<char> kept(lines.size(), 1);
  for (std::size_t n = 0; n < lines.size(); ++n) {
    if (lines[n].code) continue;
    const std::string_view line = lines[n].text;
    std::size_t end = 0;
    const std::size_t start = line.find_first_not_of(' ');
    if (indentation(line) > 3 || start == std::string_view::npos) continue;
    const auto label = label_at(line, start, end);
    if (!label || end >= line.size() || line[end] != ':') continue;
    std::string content(line.substr(line.find_first_not_of(" \t", end + 1) == std::string_view::npos ? line.size() : line.find_first_not_of(" \t", end + 1)));
    kept[n] = 0;
    // Its continuation: the lines up to a blank one or the next definition.
    while (n + 1 < lines.size() && !lines[n + 1].code) {  // a code fence ends it, as it ends a paragraph
      const std::string_view next = lines[n + 1].text;
      std::size_t next_end = 0;
      const auto at = next.find_first_not_of(' ');
      if (is_blank(next) || (at != std::string_view::npos && label_at(next, at, next_end) && next_end < next.size() && next[next_end] == ':')) break;
      const auto text_at = next.find_first_not_of(" \t");
      content += (content.empty() ? "" : "\n") + std::string(next.substr(text_at));
      kept[++n] = 0;
    }
    if (defined.size() < max_footnotes) defined.push_back({std::move(*label), std::move(content)});
  }
  if (defined.empty()) return std::nullopt;
  // The first definition of a label is the one. Found by a linear search
  // (the engine's bytes), which the bounds keep cheap.
  const auto find = [&defined](const std::string& label) {
    const auto it = std::find_if(defined.begin(), defined.end(), [&](const Definition& d) { return d.label == label; });
    return it != defined.end() ? &*it : nullptr;
  };

  // Pass 2: references to what is defined, outside code blocks and spans, made markers.
  FootnotedSource out;
  std::size_t references = 0;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    if (!kept[n]) continue;
    const std::string_view line = lines[n].text;
    if (lines[n].code) {
      out.markdown.append(line).append("\n");
      continue;
    }
    for (std::size_t i = 0; i < line.size();) {
      if (line[i] == '`') {  // a code span: up to the same run of backticks on the line, as written
        const auto run = line.find_first_not_of('`', i);
        const std::string_view ticks = line.substr(i, (run == std::string_view::npos ? line.size() : run) - i);
        const auto close = line.find(ticks, i + ticks.size());
        const std::size_t end = close == std::string_view::npos ? i + ticks.size() : close + ticks.size();
        out.markdown.append(line.substr(i, end - i));
        i = end;
        continue;
      }
      std::size_t end = 0;
      const auto label = line[i] == '[' ? label_at(line, i, end) : std::nullopt;
      Definition* def = label && references < max_footnote_references ? find(*label) : nullptr;
      if (def == nullptr || (end < line.size() && (line[end] == '(' || line[end] == ':'))) {
        out.markdown += line[i++];
        continue;
      }
      if (def->note == 0) {
        out.notes.push_back({def->content, 0});
        def->note = out.notes.size();
      }
      Footnote& note = out.notes[def->note - 1];
      ++note.references;
      ++references;
      out.markdown += footnote_marker + std::to_string(def->note) + '.' + std::to_string(note.references) + footnote_marker;
      i = end;
    }
    out.markdown += '\n';
  }
  return out;
}

void append_without_markers(std::string& out, std::string_view text) {
  for (auto at = text.find(footnote_marker); at != std::string_view::npos; at = text.find(footnote_marker)) {
    out.append(text.substr(0, at));
    const auto close = text.find(footnote_marker, at + 1);
    text = close == std::string_view::npos ? std::string_view{} : text.substr(close + 1);
  }
  out.append(text);
}

}  // namespace buildlog
