// Reading one JSON object's fields against a schema, recording a problem for
// each wrong, missing or unknown field instead of stopping at the first. The
// bundle's reader (bundle.cpp) is written with it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "problem.hpp"

namespace buildlog {

// What kind of value `v` is, for a problem's message ("got string", "got a
// number with a fraction"). By kind, not by value: writing the value back as
// JSON would link nlohmann's serializer and its number formatting into the
// engine, about 5.7 KB of its gzip, for messages only a hand-edited bundle
// ever shows.
std::string kind_of(const nlohmann::json& v);

class FieldReader {
 public:
  // `where` prefixes each problem's place: "posts.first[2]" gives "posts.first[2].date".
  FieldReader(const nlohmann::json& object, std::string where, Problems& problems);

  void problem(std::string_view field, std::string message);

  // The field's value, or nullptr (a problem when `required`).
  const nlohmann::json* find(std::string_view key, bool required);
  std::optional<std::string> string(std::string_view key, bool required, std::size_t max_bytes);
  std::optional<long long> integer(std::string_view key, bool required, long long lo, long long hi);
  std::optional<bool> boolean(std::string_view key, bool required);

  // A problem for each field that no call above asked for, saying `why` ("is
  // not a field of a version 3 bundle").
  void refuse_unknown(std::string_view why);

 private:
  const nlohmann::json& object_;
  std::string where_;
  Problems& problems_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace buildlog
