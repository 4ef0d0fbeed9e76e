#include "site.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <unordered_set>

#include "feeds.hpp"
#include "pages.hpp"
#include "precompress.hpp"
#include "redirects.hpp"
#include "route.hpp"

namespace buildlog {
namespace fs = std::filesystem;

fs::path executable_path(const char* argv0) {
  std::error_code ec;
  const auto self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::absolute(argv0) : self;
}

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

namespace {

// Files under `folder` (inside `dir`) this build did not write, that an
// earlier one did: `ours` says which names the site's builds write.
template <class Ours>
std::vector<fs::path> left_over(const fs::path& dir, const fs::path& folder, const std::unordered_set<std::string>& written, Ours ours) {
  std::vector<fs::path> old;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir / folder, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string relative = it->path().lexically_relative(dir).generic_string();
    if (std::error_code type_ec; it->is_regular_file(type_ec) && !written.contains(relative) && ours(relative)) old.push_back(it->path());
  }
  return old;
}

// The compressed copies (precompress.hpp) of a large page file `file`,
// named after its hashed name: the site's own when an earlier build made
// them, else those the page files come with (the engine's build makes them),
// else made now. A copy is taken only if it decodes to the file.
std::vector<SiteFile> compressed_copies(const fs::path& dir, const fs::path& file, const std::string& hashed, const std::string& bytes) {
  std::vector<SiteFile> copies;
  if (!worth_precompressing(file.filename().string(), bytes.size())) return copies;
  for (const auto& [suffix, compress] : {std::pair{".gz", &gzip_best}, std::pair{".br", &brotli_best}}) {
    std::optional<std::string> compressed;
    for (const fs::path& there : {dir / (hashed + suffix), fs::path(file.string() + suffix)}) {
      std::string unread;
      compressed = read_file(there, unread);
      if (compressed && decodes_to(*compressed, std::string_view(suffix) == ".br", bytes)) break;
      compressed.reset();
    }
    if (!compressed) compressed = compress(bytes);
    if (!compressed->empty()) copies.push_back({hashed + suffix, std::move(*compressed)});
  }
  return copies;
}

}  // namespace

BundleWrite write_site(BundleFolder& bundle_folder, const Bundle& blog, const SplitBundle& bundle, const std::vector<fs::path>& files, bool durable,
                       bool with_pages_and_feeds, PageTemplate* page_used) {
  const fs::path& dir = bundle_folder.root();
  const bool made_dir = bundle_folder.fresh();  // then no earlier build left anything in it
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return {"cannot create " + dir.generic_string() + ": " + ec.message()};

  // The page's files: index.html is every page's template; the rest are assets, named by content.
  std::string html, error;
  std::vector<SiteFile> site;
  std::vector<Asset> assets;
  for (const auto& file : files) {
    auto bytes = read_file(file, error);
    if (!bytes) return {file.generic_string() + ": " + error};
    const std::string name = file.filename().string();
    if (name == "index.html") {
      html = std::move(*bytes);
      continue;
    }
    assets.push_back(hashed_asset(name, *bytes));
    // Written after the file, so that a server comparing their times finds each copy as new as its file.
    std::vector<SiteFile> copies = compressed_copies(dir, file, assets.back().hashed, *bytes);
    site.push_back({assets.back().hashed, std::move(*bytes)});
    for (auto& copy : copies) site.push_back(std::move(copy));
  }
  const auto page = PageTemplate::parse(with_asset_names(html, assets), error);
  if (!page) return {"the page template (index.html): " + error};
  if (page_used != nullptr) *page_used = *page;

  // Each file replaced atomically when its bytes change: the assets before
  // the pages that name them; one sync before posts.json names the new site.
  std::atomic<std::size_t> files_written = 0;  // put runs on the feed and page threads too
  const auto put = [&dir, &files_written, made_dir](const SiteFile& file) -> std::string {
    const fs::path target = dir / file.path;
    const fs::path folder = target.parent_path();
    // In a site folder this call made, each file's folder is made first: a
    // file in a folder made just now is new, and is not read (a post's page
    // is the first file in its folder, and most files are pages). In an
    // earlier site the file is read first, and its folder made only when
    // the file is missing: most folders are there already.
    const bool in_new_folder = made_dir && make_folder(folder);
    std::string unread;
    const auto before = in_new_folder ? std::nullopt : read_file(target, unread);
    if (before == file.bytes) return {};
    ++files_written;
    if (!before && !made_dir) make_folder(folder);
    // A new file is written in place (no reader can be loading it yet);
    // one that readers may be loading is replaced atomically.
    return before ? write_file_atomically(target, file.bytes, false) : write_new_file(target, file.bytes);
  };
  std::unordered_set<std::string> names;  // every file this build wrote, but the bundle's
  for (const auto& file : site) {
    if (auto failed = put(file); !failed.empty()) return {failed};
    names.insert(file.path);
  }
  site = {};  // the assets, written
  // The feeds and the pages are written as they are made, by the threads that make them.
  std::mutex names_mutex;
  const auto put_named = [&](SiteFile file) {
    {
      const std::lock_guard lock(names_mutex);
      names.insert(file.path);
    }
    return put(file);
  };
  if (with_pages_and_feeds)
    if (auto failed = write_feeds(blog, put_named); !failed.empty()) return {failed};
  // Files beside posts, under the names their bodies link (one copy each, however many posts link it).
  std::unordered_set<std::string> attached;
  for (const SourcePost& post : blog.posts)
    for (const auto& attachment : post.attachments) {
      if (!attached.insert(attachment.site_path).second) continue;
      auto bytes = read_file(attachment.source, error);
      if (!bytes) return {attachment.source + ": " + error};
      SiteFile file{attachment.site_path, std::move(*bytes)};
      if (auto failed = put(file); !failed.empty()) return {failed};
    }
  names.insert(attached.begin(), attached.end());
  const PartSource parts = bundle_folder.source();
  const Problems problems = !with_pages_and_feeds ? Problems{} : render_pages(blog, bundle, *page, put_named, &parts);
  if (!problems.empty()) return {"the pages could not be written: " + problems.front().to_string()};
  // Old addresses of posts (redirects.hpp), and the list of them, for the
  // next build's cleanup: pages too, left as they are without the pages.
  std::string redirect_list, earlier_redirects;
  for (const auto& redirect : with_pages_and_feeds ? redirect_pages(blog) : std::vector<SiteFile>{}) {
    if (names.contains(redirect.path)) continue;  // a view's page is there: the view wins
    if (auto failed = put(redirect); !failed.empty()) return {failed};
    names.insert(redirect.path);
    redirect_list += redirect.path + "\n";
  }
  if (with_pages_and_feeds) {
    earlier_redirects = read_file(dir / redirect_list_name, error).value_or("");
    if (auto failed = put({std::string(redirect_list_name), redirect_list}); !failed.empty()) return {failed};
  }
  if (durable) sync_filesystem(dir);
  BundleWrite written = bundle_folder.finish(bundle, durable);
  if (!written.error.empty()) return written;

  // What earlier builds wrote and this one did not: feeds of a tag now
  // private, pages of removed posts, old assets and the page's files from
  // before they had hashed names.
  std::vector<fs::path> old;
  std::vector<std::string> top;
  if (with_pages_and_feeds) top = {"feed.xml", "feed.json", "sitemap.xml"};
  for (const std::string name : page_files)
    if (name != "index.html") top.push_back(name);
  for (const auto& name : top)
    if (!names.contains(name) && fs::is_regular_file(dir / name, ec)) old.push_back(dir / name);
  const auto is_page = [](const std::string& p) { return p.ends_with("/index.html"); };
  if (with_pages_and_feeds)
    for (auto& f : left_over(dir, "feeds", names, [](const std::string& p) { return is_feed_file(p); })) old.push_back(std::move(f));
  for (auto& f : left_over(dir, "assets", names, [](const std::string&) { return true; })) old.push_back(std::move(f));
  // The folders views' pages live in, as the address grammar (route.hpp) names them.
  for (const Route& route : {Route{ListingRoute{2}}, Route{TagRoute{"t"}}, Route{PostRoute{"p"}}, Route{SearchRoute{}}}) {
    if (!with_pages_and_feeds || made_dir) break;  // a folder per post: not walked for nothing
    const std::string file = page_file(route).value_or("");
    for (auto& f : left_over(dir, file.substr(0, file.find('/')), names, is_page)) old.push_back(std::move(f));
  }
  // Earlier redirects this build did not write, when they are still what a build wrote.
  for (std::string_view rest = earlier_redirects; !rest.empty();) {
    const std::string path(rest.substr(0, rest.find('\n')));
    rest.remove_prefix(std::min(rest.size(), path.size() + 1));
    std::string why;
    if (names.contains(path) || redirect_file(path, why) != path) continue;
    if (const auto bytes = read_file(dir / path, error); bytes && is_redirect_page(*bytes)) old.push_back(dir / path);
  }
  written.site_files_written = files_written;
  for (const auto& path : old) {
    if (fs::remove(path, ec)) ++written.site_files_removed;
    // Its folders too, when that leaves them empty (never the site's own).
    for (fs::path up = path.parent_path(); up != dir && up.lexically_relative(dir).native().find("..") == std::string::npos && fs::is_empty(up, ec);
         up = up.parent_path())
      fs::remove(up, ec);
  }
  return written;
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
