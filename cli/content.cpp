#include "content.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <span>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <map>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attachments.hpp"
#include "front_matter.hpp"
#include "highlighter.hpp"
#include "markdown.hpp"
#include "parallel.hpp"
#include "redirects.hpp"
#include "route.hpp"
#include "text.hpp"

namespace buildlog {
namespace fs = std::filesystem;
namespace {

// Markdown, by the extensions Jekyll and Hugo read as Markdown.
constexpr std::string_view markdown_extensions[] = {".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mkdown"};
// Posts in a format buildlog does not read, when they open with front matter: skipped, with a warning.
constexpr std::string_view other_post_extensions[] = {".text", ".txt", ".textile", ".html", ".htm", ".adoc", ".asciidoc", ".org", ".rst", ".pandoc"};

bool has_extension(const fs::path& p, std::span<const std::string_view> extensions) {
  const std::string ext = ascii_lowercase(p.extension().string());
  return std::find(extensions.begin(), extensions.end(), ext) != extensions.end();
}

// A file that starts as a post does ('---' or '+++'): a post in another format, not a download.
bool opens_with_front_matter(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  char start[4] = {};
  in.read(start, sizeof start);
  const std::string_view s(start, static_cast<std::size_t>(in.gcount()));
  return s == "---\n" || s == "+++\n" || s == "---\r" || s == "+++\r";
}

bool is_post_file(const fs::path& p) { return has_extension(p, markdown_extensions) && ascii_lowercase(p.filename().string()) != "readme.md"; }

void read_site(const fs::path& file, Site& site, Problems& problems) {
  std::string error;
  const auto text = read_file(file, error);
  const std::string where = file.generic_string();
  if (!text) {
    problems.push_back({where, error});
    return;
  }
  YAML::Node root;
  try {
    root = YAML::Load(normalize_text(*text));
  } catch (const YAML::Exception& e) {
    problems.push_back({where + ":" + std::to_string(e.mark.is_null() ? 1 : e.mark.line + 1), "not valid YAML: " + e.msg});
    return;
  }
  if (root.IsNull()) return;
  if (!root.IsMap()) {
    problems.push_back({where + ":1", "site.yaml must be 'key: value' lines"});
    return;
  }
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    const int line = kv.second.Mark().is_null() ? 1 : kv.second.Mark().line + 1;
    if (!kv.second.IsScalar()) {
      problems.push_back({where + ":" + std::to_string(line), key + " must be text"});
      continue;
    }
    const std::string& value = kv.second.Scalar();
    const auto field = std::find_if(std::begin(site_fields), std::end(site_fields), [&](const SiteField& f) { return f.key == key; });
    if (field == std::end(site_fields)) {
      problems.push_back({where + ":" + std::to_string(line), "unknown setting \"" + key + "\" (" + site_field_names() + ")"});
    } else if (field->text != nullptr && value.size() > field->max_bytes) {
      problems.push_back({where + ":" + std::to_string(line), key + " is " + std::to_string(value.size()) + " bytes, more than the limit of " +
                                                                 std::to_string(field->max_bytes)});
    } else if (field->text == &Site::url && !value.empty() && !value.starts_with("https://") && !value.starts_with("http://")) {
      problems.push_back({where + ":" + std::to_string(line), "url must be the blog's whole address, starting https:// (or http://), got \"" + value + "\""});
    } else if (field->text != nullptr) {
      site.*field->text = value;
    } else if (!YAML::convert<bool>::decode(kv.second, site.*field->flag)) {
      problems.push_back({where + ":" + std::to_string(line), key + " must be true or false"});
    }
  }
}

}  // namespace

std::optional<std::string> read_file(const fs::path& path, std::string& error) {
  // One read into a buffer of the file's size (and on, should it have grown):
  // a build reads every post and, into an earlier site, every file it may
  // replace, and a stream read a character at a time cost a tenth of its reading.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::string("cannot open: ") + std::strerror(errno);
    return std::nullopt;
  }
  struct stat info {};
  std::string bytes(::fstat(fd, &info) == 0 && info.st_size > 0 ? static_cast<std::size_t>(info.st_size) + 1 : 4096, '\0');
  std::size_t size = 0;
  for (;;) {
    if (size == bytes.size()) bytes.resize(bytes.size() * 2);
    const auto n = ::read(fd, bytes.data() + size, bytes.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::string("cannot read the file: ") + std::strerror(errno);
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }
  ::close(fd);
  bytes.resize(size);
  return bytes;
}

namespace {

// Writes all of `bytes` to `fd`; false on an error (errno says which).
bool write_all(int fd, std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Flushes a folder's entries (a rename in it) to the disk.
void sync_folder(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::string write_file_atomically(const fs::path& path, std::string_view bytes, bool durable) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const fs::path tmp = dir / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot create " + tmp.generic_string() + ": " + std::strerror(errno);
  const bool written = write_all(fd, bytes) && (!durable || ::fsync(fd) == 0);
  const int saved = errno;
  if (::close(fd) != 0 || !written) {
    ::unlink(tmp.c_str());
    return "cannot write " + tmp.generic_string() + ": " + std::strerror(written ? errno : saved);
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    return "cannot replace " + path.generic_string() + ": " + ec.message();
  }
  if (durable) sync_folder(dir);
  return {};
}

std::string write_new_file(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot create " + path.generic_string() + ": " + std::strerror(errno);
  const bool written = write_all(fd, bytes);
  const int saved = errno;
  if (::close(fd) != 0 || !written) {
    ::unlink(path.c_str());
    return "cannot write " + path.generic_string() + ": " + std::strerror(written ? errno : saved);
  }
  return {};
}

bool make_folder(const fs::path& folder) {
  if (::mkdir(folder.c_str(), 0755) == 0) return true;
  if (errno != ENOENT) return false;
  std::error_code ec;
  return fs::create_directories(folder, ec);
}

void sync_filesystem(const fs::path& folder) {
  if (const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
    ::syncfs(fd);
    ::close(fd);
  }
}

BundleFolder::BundleFolder(fs::path entry)
    : entry_(std::move(entry)), root_(entry_.has_parent_path() ? entry_.parent_path() : fs::path(".")), parts_folder_(root_ / bundle_parts_folder) {
  std::error_code ec;
  fresh_ = !fs::exists(root_, ec);
  if (fresh_) return;
  for (auto it = fs::recursive_directory_iterator(parts_folder_, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (std::error_code size_ec; it->is_regular_file(size_ec)) existing_.emplace(it->path().lexically_relative(root_).generic_string(), it->file_size(size_ec));
}

// A part's name is a hash of its bytes, so a part already there with the
// right size is this part. Parts are written in place, not through a
// temporary file: until the entry names them, no reader asks for them, and
// one a crash cut short has the wrong size and is written again.
std::string BundleFolder::write(const Part& part) {
  const fs::path path = root_ / part.name;
  const auto there = existing_.find(part.name);
  if (there != existing_.end() && there->second == part.bytes.size()) return {};
  {
    // Each part's folder made once, under the lock: another thread's part may go in the same folder.
    const std::lock_guard lock(mutex_);
    if (const fs::path folder = path.parent_path(); folders_.insert(folder.string()).second) {
      std::error_code ec;
      fs::create_directories(folder, ec);
      if (ec) {
        folders_.erase(folder.string());
        return "cannot create " + folder.generic_string() + ": " + ec.message();
      }
    }
  }
  std::string error = there == existing_.end() ? write_new_file(path, part.bytes) : write_file_atomically(path, part.bytes);
  if (!error.empty()) return error;
  ++written_;
  if (there == existing_.end()) {
    const std::lock_guard lock(mutex_);
    added_.push_back(part.name);
  }
  return {};
}

std::string BundleFolder::put(const Part& part) {
  if (auto problem = oversized_file(part.name, part.bytes.size())) return problem->to_string();
  return write(part);
}

std::optional<std::string> BundleFolder::read(const std::string& name) const {
  std::string error;
  return read_file(root_ / name, error);
}

BundleWrite BundleFolder::finish(const SplitBundle& bundle, bool durable) {
  std::error_code ec;
  fs::create_directories(parts_folder_, ec);
  if (ec) return {"cannot create " + parts_folder_.generic_string() + ": " + ec.message()};
  std::vector<std::string> errors(bundle.parts.size());
  parallel_for(bundle.parts.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) errors[i] = write(bundle.parts[i]);
  });
  for (const auto& error : errors)
    if (!error.empty()) return {error};
  BundleWrite result;
  result.written = written_;
  std::string error;
  const bool same = fs::exists(entry_, ec) && read_file(entry_, error).value_or(std::string()) == bundle.entry;
  if (!same) {
    // Every part on the disk before the entry that names them: after a power
    // loss the site is the old one or the new one, never a mix.
    if (durable && result.written > 0) sync_filesystem(parts_folder_);
    if (auto failed = write_file_atomically(entry_, bundle.entry, durable); !failed.empty()) return {failed};
    result.entry_changed = true;
  }
  committed_ = true;
  std::unordered_set<std::string> keep(bundle.parts_sunk.begin(), bundle.parts_sunk.end());
  for (const Part& part : bundle.parts) keep.insert(part.name);
  for (const auto& [name, size] : existing_) {
    const fs::path path = root_ / name;
    if (is_part_name(name) && !keep.contains(name) && fs::remove(path, ec)) {
      ++result.removed;
      fs::remove(path.parent_path(), ec);  // only when empty
    }
  }
  return result;
}

void BundleFolder::discard() {
  if (committed_) return;
  std::error_code ec;
  const std::lock_guard lock(mutex_);
  for (const auto& name : added_) {
    const fs::path path = root_ / name;
    if (fs::remove(path, ec)) fs::remove(path.parent_path(), ec);  // the folder only when empty
  }
  added_.clear();
  if (fresh_) fs::remove_all(root_, ec);
}

BundleWrite write_bundle(const fs::path& entry, const SplitBundle& bundle, bool durable) { return BundleFolder(entry).finish(bundle, durable); }

namespace {

// Files beside posts (attachments.hpp), for every post, on every core.
void attach_files(const fs::path& dir, const std::vector<fs::path>& post_files, const std::vector<std::vector<SourceSpan>>& links, ContentRead& result) {
  std::map<fs::path, std::string> slugs;
  for (std::size_t i = 0; i < post_files.size(); ++i) slugs.emplace(post_files[i].lexically_normal(), result.bundle.posts[i].slug);
  std::vector<Problems> problems(post_files.size());
  parallel_for(post_files.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) attach_local_files(result.bundle.posts[i], links[i], post_files[i].lexically_normal(), dir, slugs, problems[i]);
  });
  for (auto& list : problems)
    for (auto& p : list) result.problems.push_back(std::move(p));
}

// Two posts cannot keep the same old address, nor one that is a post's address now.
void check_old_addresses(const std::vector<fs::path>& post_files, ContentRead& result) {
  std::map<std::string, std::string> owner;  // redirect file -> the post file that keeps it
  for (std::size_t i = 0; i < post_files.size(); ++i) owner.emplace(page_file(PostRoute{result.bundle.posts[i].slug}).value_or(""), "");
  for (std::size_t i = 0; i < post_files.size(); ++i)
    for (const auto& old : result.bundle.posts[i].old_addresses) {
      std::string why;
      const auto file = redirect_file(old.address, why).value_or("");
      const std::string where = post_files[i].generic_string() + ":" + std::to_string(old.line);
      const auto [it, fresh] = owner.emplace(file, where);
      if (fresh) continue;
      result.problems.push_back({where, "the old address \"" + old.address + "\" is " +
                                            (it->second.empty() ? "a post's address now" : "also kept by " + it->second) + ": keep it in one post"});
    }
}

}  // namespace

ContentRead read_content(const fs::path& dir, ContentCache* cache) {
  ContentRead result;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    result.problems.push_back({dir.generic_string(), "not a folder of posts"});
    return result;
  }
  if (fs::exists(dir / "site.yaml")) read_site(dir / "site.yaml", result.bundle.site, result.problems);

  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    const std::string where = it->path().generic_string();
    if (name == "_index.md" || name == "_index.markdown")
      result.warnings.push_back({where, "skipped: a Hugo section page (_index.md) is not a post; its text is not in the site"});
    else if (is_post_file(it->path()))
      files.push_back(it->path());
    else if (has_extension(it->path(), other_post_extensions) && opens_with_front_matter(it->path()))
      result.warnings.push_back({where, "skipped: buildlog reads posts in Markdown (.md, .markdown, .mdown, .mkdn, .mkd); if this is Markdown, rename it .md"});
  }
  if (ec) result.problems.push_back({dir.generic_string(), "cannot list the folder: " + ec.message()});
  std::sort(files.begin(), files.end());  // the same order on every machine

  // Posts are read and checked on every core; problems are reported in file order.
  std::vector<PostRead> reads(files.size());
  std::vector<std::string> errors(files.size());
  std::vector<ContentCache::Entry> stamps(files.size());
  std::vector<char> from_cache(files.size(), 0);
  parallel_for(files.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      std::error_code stat_ec;
      stamps[i] = {fs::file_size(files[i], stat_ec), fs::last_write_time(files[i], stat_ec), {}};
      if (cache != nullptr && !stat_ec) {
        const auto it = cache->posts.find(files[i]);
        if (it != cache->posts.end() && it->second.size == stamps[i].size && it->second.modified == stamps[i].modified) {
          reads[i] = it->second.read;
          from_cache[i] = 1;
          continue;
        }
      }
      if (const auto bytes = read_file(files[i], errors[i])) reads[i] = read_post_file(files[i].generic_string(), *bytes);
      if (auto& post = reads[i].post) {
        // The preview keeps each post's text for the index every save makes;
        // a build lets it go (SourcePost::text).
        if (cache == nullptr) std::string().swap(post->text);
        const MarkdownOptions options{.allow_raw_html = result.bundle.site.allow_raw_html, .entities = &html_entities()};
        post->highlights = highlight_blocks(post->body, options);
        post->entities = markdown_entities(post->body, options);
      }
    }
  });
  if (cache != nullptr) {
    // Entries for what was read now; none for files gone or unreadable.
    for (std::size_t i = 0; i < files.size(); ++i)
      if (!errors[i].empty()) cache->posts.erase(files[i]);
      else if (!from_cache[i]) cache->posts[files[i]] = {stamps[i].size, stamps[i].modified, reads[i]};
    std::erase_if(cache->posts, [&](const auto& entry) { return !std::binary_search(files.begin(), files.end(), entry.first); });
  }
  std::map<std::string, std::string> slug_owner;
  std::vector<fs::path> post_files;  // beside result.bundle.posts
  std::vector<std::vector<SourceSpan>> post_links;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string where = files[i].generic_string();
    if (!errors[i].empty()) {
      result.problems.push_back({where, errors[i]});
      continue;
    }
    ++result.files;
    auto& read = reads[i];
    for (const auto& w : read.warnings) result.warnings.push_back(w);
    if (!read.post) {
      for (auto& p : read.problems) result.problems.push_back(std::move(p));
      continue;
    }
    const auto [owner, fresh] = slug_owner.emplace(read.post->slug, where);
    if (!fresh) {
      result.problems.push_back({where + ":1", "slug \"" + read.post->slug + "\" is already used by " + owner->second});
      continue;
    }
    result.bundle.posts.push_back(std::move(*read.post));
    post_files.push_back(files[i]);
    post_links.push_back(std::move(read.links));
  }
  attach_files(dir, post_files, post_links, result);
  check_old_addresses(post_files, result);
  if (result.bundle.posts.size() > max_bundle_posts)
    result.problems.push_back({dir.generic_string(), "has " + std::to_string(result.bundle.posts.size()) + " posts, more than the limit of " +
                                                         std::to_string(max_bundle_posts)});
  sort_posts(result.bundle.posts);
  return result;
}

}  // namespace buildlog
