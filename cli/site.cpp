#include "site.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>

namespace buildlog {
namespace fs = std::filesystem;

std::vector<fs::path> find_page_files(const fs::path& executable, std::string& error) {
  std::vector<std::vector<fs::path>> places;  // per file, where to look, in order
  const char* override_dir = std::getenv("BUILDLOG_PAGE_FILES");
  const fs::path installed = executable.parent_path().parent_path() / "share/buildlog/site";
  for (const std::string name : page_files) {
    std::vector<fs::path> candidates;
    if (override_dir != nullptr && *override_dir != '\0') {
      candidates.push_back(fs::path(override_dir) / name);
    } else {
      candidates.push_back(installed / name);
      // A tool run from its build tree (never an installed one) takes the
      // page from the sources and the engine (and the minified shim) from the wasm build.
      if (executable.generic_string().starts_with(BUILDLOG_BINARY_DIR "/")) {
        candidates.push_back(fs::path(BUILDLOG_ENGINE_BUILD) / (name == "shim.js" ? "web" : "wasm") / name);
        if (name != "shim.js") candidates.push_back(fs::path(BUILDLOG_SOURCE_WEB) / name);
      }
    }
    places.push_back(std::move(candidates));
  }
  std::vector<fs::path> found;
  for (const auto& candidates : places) {
    std::error_code ec;
    const auto it = std::find_if(candidates.begin(), candidates.end(), [&](const fs::path& p) { return fs::is_regular_file(p, ec); });
    if (it == candidates.end()) {
      error = "the reader's page file " + candidates.front().filename().string() + " is missing (looked in " + candidates.front().parent_path().string() +
              (candidates.size() > 1 ? " and the build tree" : "") +
              "): install buildlog, or build the engine (cmake --preset wasm && cmake --build --preset wasm), or set BUILDLOG_PAGE_FILES";
      return {};
    }
    found.push_back(*it);
  }
  return found;
}

BundleWrite write_site(const fs::path& dir, const SplitBundle& bundle, const std::vector<fs::path>& files, bool durable, const SiteExtras& extras) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return {"cannot create " + dir.generic_string() + ": " + ec.message()};
  // Writes `bytes` to `target` unless it holds them already.
  auto put = [&](const fs::path& target, const std::string& bytes) -> std::string {
    std::string error;
    if (read_file(target, error).value_or(std::string()) == bytes) return {};
    fs::create_directories(target.parent_path(), ec);
    return write_file_atomically(target, bytes, durable);
  };
  for (const auto& file : files) {
    std::string error;
    auto bytes = read_file(file, error);
    if (!bytes) return {file.generic_string() + ": " + error};
    if (file.filename() == "index.html" && !extras.head.empty())
      if (const auto head_end = bytes->find("</head>"); head_end != std::string::npos) bytes->insert(head_end, extras.head);
    if (auto failed = put(dir / file.filename(), *bytes); !failed.empty()) return {failed};
  }
  for (const auto& extra : extras.files)
    if (auto failed = put(dir / extra.path, extra.bytes); !failed.empty()) return {failed};
  // Feeds this build no longer writes go: a tag's feed would otherwise keep
  // a post that has since been made private, or lost that tag.
  std::vector<fs::path> stale;
  for (const char* name : {"feed.xml", "feed.json"}) stale.push_back(dir / name);
  for (auto it = fs::directory_iterator(dir / "feeds", ec); !ec && it != fs::directory_iterator(); it.increment(ec)) stale.push_back(it->path());
  for (const auto& path : stale) {
    const auto relative = path.lexically_relative(dir).generic_string();
    const bool written = std::any_of(extras.files.begin(), extras.files.end(), [&](const FeedFile& f) { return f.path == relative; });
    const auto ext = path.extension();
    if (!written && (ext == ".xml" || ext == ".json")) fs::remove(path, ec);
  }
  return write_bundle(dir / "posts.json", bundle, durable);
}

Date today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

namespace {

// Quotes `text` for a YAML value.
std::string yaml_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n' || c == '\r') continue;
    out += c;
  }
  return out + "\"";
}

// Creates `path` with `bytes`; refuses to replace anything.
std::string create(const fs::path& path, std::string_view bytes, Started& started) {
  std::error_code ec;
  if (fs::exists(path, ec)) return path.generic_string() + " already exists: nothing was changed";
  fs::create_directories(path.parent_path(), ec);
  if (auto failed = write_file_atomically(path, bytes); !failed.empty()) return failed;
  started.files.push_back(path);
  return {};
}

}  // namespace

Started init_blog(const fs::path& dir, std::string_view title, const Date& day) {
  Started started;
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) return {{}, dir.generic_string() + " is not empty: init makes a new blog in a new or empty folder"};
  const std::string site = "title: " + yaml_string(title) +
                           "\ntagline: \"What I build, and what I learn building it.\"\nkicker: \"// build log\"\nauthor: \"\"\n";
  const std::string first = "---\ntitle: \"Hello, world\"\ndate: " + to_iso(day) +
                            "\ntags: [meta]\nsummary: \"Why this blog exists, and what will be here.\"\n---\n\n"
                            "This is the first post. Edit it in `content/`, or start another with `buildlog new \"Title\"`.\n\n"
                            "`buildlog serve` shows the blog as you write, private drafts included; `buildlog build` writes the site "
                            "readers get into `dist/`.\n";
  const std::string ignore = "# The built site: `buildlog build` writes it again at any time.\n/dist/\n";
  const std::string readme = "# " + std::string(title) +
                             "\n\nA blog built with buildlog.\n\n"
                             "- `buildlog new \"Title\"` starts a post in `content/` (private until you remove `draft: true`).\n"
                             "- `buildlog serve` previews the blog at http://127.0.0.1:8000/, reloading as you save.\n"
                             "- `buildlog build` writes the site into `dist/`: copy that folder to any static host.\n";
  for (const auto& [path, bytes] : {std::pair{dir / "content/site.yaml", site}, std::pair{dir / "content" / (to_iso(day) + "-hello-world.md"), first},
                                    std::pair{dir / ".gitignore", ignore}, std::pair{dir / "README.md", readme}})
    if (auto error = create(path, bytes, started); !error.empty()) return {started.files, error};
  return started;
}

Started new_post(const fs::path& content, std::string_view title, const Date& day) {
  Started started;
  const std::string slug = slugify(title, 60);
  if (slug.empty()) return {{}, "the title \"" + std::string(title) + "\" has no letters or digits to name the post by"};
  std::error_code ec;
  if (!fs::is_directory(content, ec)) return {{}, content.generic_string() + " is not a folder of posts (run this in a blog made by buildlog init)"};
  const std::string post = "---\ntitle: " + yaml_string(title) + "\ndate: " + to_iso(day) +
                           "\ntags: []\nsummary: \"\"\ndraft: true  # private: only buildlog serve shows it. Remove this line to publish.\n---\n\n";
  if (auto error = create(content / (to_iso(day) + "-" + slug + ".md"), post, started); !error.empty()) return {{}, error};
  return started;
}

}  // namespace buildlog
