#include "bounded_json.hpp"

#include <string>

#include "json_lexer.hpp"  // before nlohmann parses a std::string_view

namespace buildlog {
namespace {

using nlohmann::json;

// A first pass over the text that builds nothing: checks the JSON syntax and
// the bounds, so that the document built afterwards has a known size.
class ShapeCheck {
 public:
  std::string error;  // empty when the text passed

  bool null() { return value(); }
  bool boolean(bool) { return value(); }
  bool number_integer(json::number_integer_t) { return value(); }
  bool number_unsigned(json::number_unsigned_t) { return value(); }
  bool number_float(json::number_float_t, const json::string_t&) { return value(); }
  bool string(json::string_t&) { return value(); }
  bool binary(json::binary_t&) { return value(); }
  bool key(json::string_t&) { return true; }
  bool start_object(std::size_t) { return open(); }
  bool start_array(std::size_t) { return open(); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
    // nlohmann's message says where: "parse error at line 3, column 7: ...".
    std::string what = e.what();
    if (const auto pos = what.find("] "); pos != std::string::npos) what.erase(0, pos + 2);
    error = "not valid JSON: " + what;
    return false;
  }

 private:
  bool value() {
    if (++values_ <= max_json_values) return true;
    error = "has more than " + std::to_string(max_json_values) + " JSON values, more than any bundle needs";
    return false;
  }
  bool open() {
    if (++depth_ > max_json_depth) {
      error = "is nested more than " + std::to_string(max_json_depth) + " levels deep, more than any bundle needs";
      return false;
    }
    return value();
  }
  bool close() {
    --depth_;
    return true;
  }
  std::size_t values_ = 0;
  std::size_t depth_ = 0;
};

// Small files are parsed on the way to a reader's screen: one this size
// cannot hold enough values to exhaust memory, and nlohmann's parser and
// destructor do not recurse, so the checking pass runs only when parsing
// fails or finds no object (to say where and why).
constexpr std::size_t small_file_bytes = 256 * 1024;

// nlohmann's DOM builder driven by sax_parse, as json::parse drives it
// without a callback. json::parse takes the callback at run time, so it
// links its second builder (the callback one, with std::function) as well:
// about 2.3 KB of the engine's gzip for a callback the engine never passes.
json parse_object(std::string_view text) {
  json root;
  nlohmann::detail::json_sax_dom_parser<json> dom(root, /*allow_exceptions=*/false);
  if (!json::sax_parse(text, &dom) || dom.is_errored()) return json(json::value_t::discarded);
  return root;
}

}  // namespace

std::optional<json> parse_bounded_object(std::string_view text, Problems& problems) {
  if (text.size() > max_json_bytes) {
    problems.push_back({"", "is " + std::to_string(text.size()) + " bytes, more than the limit of " + std::to_string(max_json_bytes)});
    return std::nullopt;
  }
  if (text.size() <= small_file_bytes) {
    json root = parse_object(text);
    if (!root.is_discarded() && root.is_object()) return root;
  }
  ShapeCheck shape;
  if (!json::sax_parse(text, &shape) || !shape.error.empty()) {
    problems.push_back({"", shape.error.empty() ? "not valid JSON" : shape.error});
    return std::nullopt;
  }
  json root = parse_object(text);
  if (root.is_discarded() || !root.is_object()) {
    problems.push_back({"", "must be a JSON object, got " + std::string(root.type_name())});
    return std::nullopt;
  }
  return root;
}

}  // namespace buildlog
