// HTML's named character references ("&amp;", "&rarr;"), which md4c reports
// as entities for the renderer to decode. The table is md4c's (its sources'
// entity.c), compacted at build time by cmake/named_entities.cmake.
#pragma once

#include <optional>
#include <string_view>

namespace buildlog {

// The UTF-8 that `name` stands for, given as md4c reports it ("&amp;"), or
// nullopt when HTML names no such entity.
std::optional<std::string_view> named_entity(std::string_view name);

}  // namespace buildlog
