#include "front_matter_formats.hpp"

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>

#include "bounded_json.hpp"
#include "text.hpp"

namespace buildlog {
namespace {

std::string_view trim_right(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line;
}

// The lines of `text` from `from`, each with its offset.
struct LineCursor {
  std::string_view text;
  std::size_t pos = 0;
  int number = 1;

  bool done() const { return pos >= text.size(); }
  std::string_view next() {
    const auto end = text.find('\n', pos);
    const auto line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    ++number;
    return line;
  }
};

// The block between the opening line and the first line `closes` accepts:
// its text, and where the body starts. nullopt when it never closes.
struct Block {
  std::string_view text;
  std::size_t body_start;
  int body_line;
};
template <class Closes>
std::optional<Block> fenced_block(std::string_view all, Closes closes) {
  LineCursor lines{all};
  lines.next();
  const std::size_t start = lines.pos;
  while (!lines.done()) {
    const std::size_t line_start = lines.pos;
    if (closes(trim_right(lines.next()))) return Block{all.substr(start, line_start - start), lines.pos, lines.number};
  }
  return std::nullopt;
}

constexpr int max_json_close_tries = 32;

class Reader {
 public:
  Reader(std::string_view path, FrontMatterRead& out) : path_(path), out_(out) {}

  void problem(int line, std::string message) { out_.problems.push_back({path_ + ":" + std::to_string(line), std::move(message)}); }

  FrontValue yaml_value(const YAML::Node& n, int first_line) const {
    FrontValue v;
    v.line = n.Mark().is_null() ? first_line : first_line + n.Mark().line;
    if (n.IsScalar()) {
      v.kind = FrontValue::Kind::text;
      v.text = n.Scalar();
    } else if (n.IsSequence()) {
      v.kind = FrontValue::Kind::list;
      for (const auto& item : n) v.items.push_back(yaml_value(item, first_line));
    } else if (n.IsMap()) {
      v.kind = FrontValue::Kind::table;
    }
    return v;
  }

  std::optional<FrontMatter> yaml(std::string_view text, int first_line) {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      problem(first_line + (e.mark.is_null() ? 0 : e.mark.line), "front matter is not valid YAML: " + e.msg);
      return std::nullopt;
    }
    if (!root.IsMap()) {
      problem(1, root.IsNull() ? "the front matter is empty: it needs at least a title"
                               : "the front matter must be 'key: value' lines, got " + yaml_value(root, first_line).kind_name());
      return std::nullopt;
    }
    FrontMatter fm{"YAML", {}};
    for (const auto& kv : root) {
      if (!kv.first.IsScalar()) continue;
      fm.fields.push_back({kv.first.Scalar(), yaml_value(kv.second, first_line)});
      // A key with no value has no mark of its own: its key's line is the one.
      if (kv.second.Mark().is_null()) fm.fields.back().value.line = first_line + kv.first.Mark().line;
    }
    return fm;
  }

  static FrontValue toml_value(const toml::node& n, int first_line) {
    FrontValue v;
    v.line = first_line + static_cast<int>(n.source().begin.line) - 1;
    if (const auto* array = n.as_array()) {
      v.kind = FrontValue::Kind::list;
      for (const auto& item : *array) v.items.push_back(toml_value(item, first_line));
    } else if (n.is_table()) {
      v.kind = FrontValue::Kind::table;
    } else if (const auto* s = n.as_string()) {
      v.kind = FrontValue::Kind::text;
      v.text = s->get();
    } else {
      // Numbers, booleans, dates and times as TOML writes them.
      v.kind = FrontValue::Kind::text;
      std::ostringstream out;
      n.visit([&out](const auto& value) { out << value; });
      v.text = out.str();
    }
    return v;
  }

  std::optional<FrontMatter> toml(std::string_view text, int first_line) {
    toml::table root;
    try {
      root = toml::parse(text);
    } catch (const toml::parse_error& e) {
      problem(first_line + static_cast<int>(e.source().begin.line) - 1, "front matter is not valid TOML: " + std::string(e.description()));
      return std::nullopt;
    }
    FrontMatter fm{"TOML", {}};
    for (const auto& [key, value] : root) fm.fields.push_back({std::string(key.str()), toml_value(value, first_line)});
    // toml++ keeps a table's keys sorted: the file's order is its lines'.
    std::stable_sort(fm.fields.begin(), fm.fields.end(), [](const FrontField& a, const FrontField& b) { return a.value.line < b.value.line; });
    if (fm.fields.empty()) {
      problem(1, "the front matter is empty: it needs at least a title");
      return std::nullopt;
    }
    return fm;
  }

  static FrontValue json_value(const nlohmann::json& j, int line) {
    FrontValue v;
    v.line = line;
    if (j.is_string()) {
      v.kind = FrontValue::Kind::text;
      v.text = j.get<std::string>();
    } else if (j.is_array()) {
      v.kind = FrontValue::Kind::list;
      for (const auto& item : j) v.items.push_back(json_value(item, line));
    } else if (j.is_object()) {
      v.kind = FrontValue::Kind::table;
    } else if (!j.is_null()) {
      v.kind = FrontValue::Kind::text;
      v.text = j.dump();
    }
    return v;
  }

  // JSON keeps no positions: a field's line is the line its key is first written on.
  std::optional<FrontMatter> json(std::string_view text) {
    Problems problems;
    const auto root = parse_bounded_object(text, problems);
    if (!root) {
      problem(1, "front matter is not valid JSON: " + (problems.empty() ? std::string("not an object") : problems.front().message));
      return std::nullopt;
    }
    FrontMatter fm{"JSON", {}};
    for (const auto& [key, value] : root->items()) {
      const auto at = text.find("\"" + key + "\"");
      const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at == std::string_view::npos ? 0 : at), '\n'));
      fm.fields.push_back({key, json_value(value, line)});
    }
    return fm;
  }

 private:
  std::string path_;
  FrontMatterRead& out_;
};

}  // namespace

std::string FrontValue::kind_name() const {
  switch (kind) {
    case Kind::text: return "text";
    case Kind::list: return "a list";
    case Kind::table: return "a table";
    case Kind::nothing: break;
  }
  return "nothing";
}

const FrontValue* FrontMatter::find(std::string_view key) const {
  const auto it = std::find_if(fields.begin(), fields.end(), [&](const FrontField& f) { return f.key == key; });
  return it == fields.end() ? nullptr : &it->value;
}

std::optional<bool> parse_flag(std::string_view text) {
  const std::string folded = ascii_lowercase(text);
  if (folded == "true" || folded == "yes" || folded == "on" || folded == "y") return true;
  if (folded == "false" || folded == "no" || folded == "off" || folded == "n") return false;
  return std::nullopt;
}

FrontMatterRead read_front_matter(std::string_view path, std::string_view all) {
  FrontMatterRead out;
  Reader reader(path, out);
  const std::string_view first = trim_right(all.substr(0, all.find('\n')));
  std::optional<Block> block;
  if (first == "---") {
    // YAML ends at '---' or at YAML's own end-of-document marker.
    block = fenced_block(all, [](std::string_view line) { return line == "---" || line == "..."; });
  } else if (first == "+++") {
    block = fenced_block(all, [](std::string_view line) { return line == "+++"; });
  } else if (first.starts_with("{")) {
    // A JSON object ends at a line that closes it: the first '}' line after
    // which the text parses (of the first few: each try parses it all again).
    LineCursor lines{all};
    int tries = 0;
    while (!lines.done() && tries < max_json_close_tries) {
      if (trim_right(lines.next()) != "}") continue;
      ++tries;
      Problems ignored;
      if (parse_bounded_object(all.substr(0, lines.pos), ignored)) {
        block = Block{all.substr(0, lines.pos), lines.pos, lines.number};
        break;
      }
    }
    if (!block) {
      reader.problem(1, "the JSON front matter opened here is never closed: end it with a line '}' (and check the JSON is valid)");
      return out;
    }
    out.front = reader.json(block->text);
    out.body = all.substr(block->body_start);
    out.body_line = block->body_line;
    return out;
  } else {
    reader.problem(1, "no front matter: the first line must be '---' (YAML), '+++' (TOML) or '{' (JSON), then the post's title, date...");
    return out;
  }
  if (!block) {
    reader.problem(1, "the front matter opened here is never closed: add a line '" + std::string(first) + "' after it");
    return out;
  }
  out.front = first == "---" ? reader.yaml(block->text, 2) : reader.toml(block->text, 2);
  out.body = all.substr(block->body_start);
  out.body_line = block->body_line;
  return out;
}

}  // namespace buildlog
