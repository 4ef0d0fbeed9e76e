#include "field_reader.hpp"

namespace buildlog {

using nlohmann::json;

std::string kind_of(const json& v) { return v.is_number_float() ? "a number with a fraction" : v.type_name(); }

FieldReader::FieldReader(const json& object, std::string where, Problems& problems)
    : object_(object), where_(std::move(where)), problems_(problems) {}

void FieldReader::problem(std::string_view field, std::string message) {
  problems_.push_back({where_ + (field.empty() ? "" : "." + std::string(field)), std::move(message)});
}

const json* FieldReader::find(std::string_view key, bool required) {
  known_.insert(std::string(key));
  const auto it = object_.find(key);
  if (it == object_.end()) {
    if (required) problem(key, "is missing");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> FieldReader::string(std::string_view key, bool required, std::size_t max_bytes) {
  const json* v = find(key, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) return problem(key, "must be a string, got " + kind_of(*v)), std::nullopt;
  const auto& s = v->get_ref<const std::string&>();
  if (s.size() > max_bytes) return problem(key, "is " + std::to_string(s.size()) + " bytes, more than the limit of " + std::to_string(max_bytes)), std::nullopt;
  return s;
}

std::optional<long long> FieldReader::integer(std::string_view key, bool required, long long lo, long long hi) {
  const json* v = find(key, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number_integer()) return problem(key, "must be a whole number, got " + kind_of(*v)), std::nullopt;
  const auto n = v->get<long long>();
  if (n < lo || n > hi) return problem(key, "must be " + std::to_string(lo) + "-" + std::to_string(hi) + ", got " + std::to_string(n)), std::nullopt;
  return n;
}

std::optional<bool> FieldReader::boolean(std::string_view key, bool required) {
  const json* v = find(key, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) return problem(key, "must be true or false, got " + kind_of(*v)), std::nullopt;
  return v->get<bool>();
}

void FieldReader::refuse_unknown(std::string_view why) {
  for (const auto& [key, value] : object_.items())
    if (!known_.contains(key)) problem(key, std::string(why));
}

}  // namespace buildlog
