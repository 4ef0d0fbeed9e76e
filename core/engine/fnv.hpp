// FNV-1a, 32 bits: a small, stable hash of bytes. Slug shards use it (the
// engine and the author tool must agree on it: docs/bundle-format.md).
#pragma once

#include <cstdint>
#include <string_view>

namespace buildlog {

constexpr std::uint32_t fnv1a_32(std::string_view bytes) {
  std::uint32_t h = 2166136261u;
  for (const char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

}  // namespace buildlog
