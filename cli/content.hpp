// A content folder: Markdown posts (any depth; README.md and dot-folders are
// skipped), the files their bodies link (attachments.hpp) and an optional
// site.yaml with the blog's title, tagline, kicker, author, url and
// allow_raw_html. Reading it gives a bundle or every problem, and warnings.
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "front_matter.hpp"

#include "bundle.hpp"
#include "bundle_writer.hpp"

namespace buildlog {

struct ContentRead {
  Bundle bundle;      // meaningful only when `problems` is empty
  Problems problems;  // "path:line: message", in file order
  // What the build leaves out or shows as written, and goes on without: an
  // unknown front matter key, a Liquid tag, a skipped file (--strict refuses them).
  Problems warnings;
  int files = 0;      // posts read
};

// Posts read before, by file, so that a reader of the same folder again (the
// live preview, after a save) reads only the files that changed.
struct ContentCache {
  struct Entry {
    std::uintmax_t size = 0;
    std::filesystem::file_time_type modified;
    PostRead read;
  };
  std::map<std::filesystem::path, Entry> posts;
};

// With a `cache`, files of the same size and time as when last read are not read again.
ContentRead read_content(const std::filesystem::path& dir, ContentCache* cache = nullptr);

// Reads a whole file; nullopt with `error` set when it cannot.
std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error);

// Writes `bytes` to a temporary file beside `path`, then renames it over
// `path`, so readers see the old file or the new one, never a partial one.
// `durable`: the file and the rename reach the disk before this returns
// (fsync), so a power loss leaves one or the other too.
// Returns an empty string on success, else why it failed (`path` untouched).
std::string write_file_atomically(const std::filesystem::path& path, std::string_view bytes, bool durable = true);

// Creates `path`, which must not exist, with `bytes` (no temporary file:
// for a file no reader can know of yet); on failure removes what it wrote.
std::string write_new_file(const std::filesystem::path& path, std::string_view bytes);

// Makes `folder` and the folders above it that are missing; true when it
// made `folder` (one mkdir when only `folder` was missing), false when it was
// there already or cannot be made (writing in it then says why).
bool make_folder(const std::filesystem::path& folder);

// Every write to the file system `folder` is on, on the disk (syncfs): one
// call for a thousand files written without fsync each.
void sync_filesystem(const std::filesystem::path& folder);

struct BundleWrite {
  std::string error;       // empty on success
  std::size_t written = 0;  // parts written (the rest were there already)
  std::size_t removed = 0;  // parts of earlier builds removed
  bool entry_changed = false;
  // The site's other files (pages, feeds, assets, redirects) a whole-site
  // build wrote because their bytes changed, and removed as no longer built.
  std::size_t site_files_written = 0;
  std::size_t site_files_removed = 0;
};

// Where a bundle is written: `entry` (posts.json) and its parts in the
// posts/ folder beside it. Parts go first, each under its content hash, so
// until the entry is replaced (atomically, last) the previous bundle stays
// whole; then parts no longer named by the entry are removed. What is in
// the folder is listed once, when this is made.
class BundleFolder {
 public:
  explicit BundleFolder(std::filesystem::path entry);

  const std::filesystem::path& root() const { return root_; }  // the folder posts.json is in
  // The root was not there when this was made: no earlier build left anything in it.
  bool fresh() const { return fresh_; }

  // Writes one part now, unless it is there already; from several threads
  // at once. A split's sink (split_bundle): its parts are not held until
  // the rest is written. Returns why not (a part larger than readers load
  // is refused too).
  std::string put(const Part& part);
  PartSink sink() { return [this](const Part& part) { return put(part); }; }
  // A part put() took, read back (for the pages); from several threads at once.
  std::optional<std::string> read(const std::string& name) const;
  PartSource source() const { return [this](const std::string& name) { return read(name); }; }

  // Writes the rest of `bundle`: its parts held, then the entry.
  // `durable`: every part reaches the disk before the entry, and the entry
  // before this returns (the author's preview, rebuilt on every save, skips it).
  BundleWrite finish(const SplitBundle& bundle, bool durable = true);

  // After a failure, before the entry names them: removes the parts this
  // build added, leaving the folder as it was. Does nothing once the entry is written.
  void discard();

 private:
  std::string write(const Part& part);  // unless there already, its folder made first; counts what it writes

  std::filesystem::path entry_, root_, parts_folder_;
  bool fresh_ = false;
  bool committed_ = false;
  std::unordered_map<std::string, std::uintmax_t> existing_;  // parts there before: name -> size
  std::mutex mutex_;  // for what write() changes from several threads:
  std::unordered_set<std::string> folders_;  // made or found
  std::vector<std::string> added_;           // parts written where none was
  std::atomic<std::size_t> written_ = 0;
};

// A whole split bundle, as BundleFolder(entry).finish(bundle, durable) writes it.
BundleWrite write_bundle(const std::filesystem::path& entry, const SplitBundle& bundle, bool durable = true);

}  // namespace buildlog
