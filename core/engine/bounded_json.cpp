#include "bounded_json.hpp"

#include <string>

#include "json_lexer.hpp"  // before nlohmann parses a std::string_view

namespace buildlog {
namespace {

using nlohmann::json;

// nlohmann's DOM builder, driven by sax_parse as json::parse drives it
// without a callback, with each value counted and each level of nesting
// checked before it is built. Refused at the bound, a document has taken no
// more memory than the largest one allowed would.
//
// One pass with one builder: json::parse takes its callback at run time,
// so it links its second builder (the callback one, with std::function) as
// well, about 2.3 KB of the engine's gzip for a callback the engine never
// passes; and a separate checking pass was one more instantiation of
// nlohmann's parser, 498 bytes.
class BoundedDom {
 public:
  explicit BoundedDom(json& root) : dom_(root, /*allow_exceptions=*/false) {}

  std::string error;  // empty when the text passed

  bool null() { return value() && dom_.null(); }
  bool boolean(bool b) { return value() && dom_.boolean(b); }
  bool number_integer(json::number_integer_t n) { return value() && dom_.number_integer(n); }
  bool number_unsigned(json::number_unsigned_t n) { return value() && dom_.number_unsigned(n); }
  bool number_float(json::number_float_t n, const json::string_t& text) { return value() && dom_.number_float(n, text); }
  bool string(json::string_t& s) { return value() && dom_.string(s); }
  bool binary(json::binary_t& b) { return value() && dom_.binary(b); }
  bool key(json::string_t& k) { return dom_.key(k); }
  bool start_object(std::size_t n) { return open() && dom_.start_object(n); }
  bool start_array(std::size_t n) { return open() && dom_.start_array(n); }
  bool end_object() { return close() && dom_.end_object(); }
  bool end_array() { return close() && dom_.end_array(); }
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
  nlohmann::detail::json_sax_dom_parser<json> dom_;
  std::size_t values_ = 0;
  std::size_t depth_ = 0;
};

}  // namespace

std::optional<json> parse_bounded_object(std::string_view text, Problems& problems) {
  if (text.size() > max_json_bytes) {
    problems.push_back({"", "is " + std::to_string(text.size()) + " bytes, more than the limit of " + std::to_string(max_json_bytes)});
    return std::nullopt;
  }
  json root;
  BoundedDom dom(root);
  if (!json::sax_parse(text, &dom) || !dom.error.empty()) {
    problems.push_back({"", dom.error.empty() ? "not valid JSON" : dom.error});
    return std::nullopt;
  }
  if (!root.is_object()) {
    problems.push_back({"", "must be a JSON object, got " + std::string(root.type_name())});
    return std::nullopt;
  }
  return root;
}

}  // namespace buildlog
