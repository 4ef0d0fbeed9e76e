// Helpers shared by the native tests: paths, files and a scratch folder.
#pragma once

#include <filesystem>
#include <optional>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "bundle.hpp"
#include "part_name.hpp"

namespace buildlog::test {

inline std::filesystem::path source_dir() { return BUILDLOG_SOURCE_DIR; }
inline std::filesystem::path shared_dir() { return BUILDLOG_SHARED_DIR; }

// The kind of a part by its name; nullopt for a name that is not a part's.
inline std::optional<PartKind> part_kind(std::string_view name) {
  const auto part = PartName::parse(name);
  return part ? std::optional(part->kind) : std::nullopt;
}

// A posts.json of this engine's version: "{\"version\":N," and then `rest`.
inline std::string versioned(std::string_view rest) { return "{\"version\":" + std::to_string(bundle_version) + "," + std::string(rest); }

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void spit(const std::filesystem::path& p, std::string_view bytes) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A fresh folder under the system's temp dir, removed when the test ends.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("buildlog-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace buildlog::test
