// Front matter as people write it, in any of the formats Jekyll and Hugo
// read: YAML between '---' lines, TOML between '+++' lines, or a JSON object
// that opens the file. Each is parsed by its own library into one shape, so
// that what a field means is decided once (front_matter.cpp), whatever the
// format it came in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "problem.hpp"

namespace buildlog {

struct FrontValue {
  enum class Kind { text, list, table, nothing };
  Kind kind = Kind::nothing;
  // A string, number, date or boolean as the file has it: "true", "60",
  // "2026-05-12", "2026-05-12T09:30:00Z".
  std::string text;
  std::vector<FrontValue> items;  // a list's
  int line = 1;                   // in the file

  // "text", "a list", "a table", "nothing": for messages.
  std::string kind_name() const;
};

struct FrontField {
  std::string key;
  FrontValue value;
};

struct FrontMatter {
  std::string format;              // "YAML", "TOML" or "JSON", for messages
  std::vector<FrontField> fields;  // in the order of their lines

  const FrontValue* find(std::string_view key) const;
};

struct FrontMatterRead {
  std::optional<FrontMatter> front;  // nullopt when `problems` says why
  std::string_view body;             // the text after the front matter
  int body_line = 1;                 // the file line the body starts on
  Problems problems;
};

// Reads the front matter at the start of `text` (normalised: LF line ends,
// no byte-order mark). Problems name `path` and the line.
FrontMatterRead read_front_matter(std::string_view path, std::string_view text);

// YAML's spellings of a boolean (true/false, yes/no, on/off, any case), which
// TOML's and JSON's true and false are among.
std::optional<bool> parse_flag(std::string_view text);

}  // namespace buildlog
