// The author's live preview, what `buildlog serve` runs on a content folder:
// builds the blog (private and future posts included, marked as preview
// only) into a folder of its own, watches the content folder, rebuilds when
// a file changes, and tells every open page, which loads the new build. A build with problems
// keeps the last good site served and shows the problems (path:line) on
// every open page instead.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "bundle_writer.hpp"
#include "content.hpp"
#include "pages.hpp"
#include "problem.hpp"

namespace buildlog {

class Preview {
 public:
  // Builds once; then watches until destroyed. `page_files` as find_page_files() found them.
  Preview(std::filesystem::path content, std::filesystem::path site, std::vector<std::filesystem::path> files);
  ~Preview();
  Preview(const Preview&) = delete;
  Preview& operator=(const Preview&) = delete;

  const std::filesystem::path& site() const { return site_; }

  // The next event after `seen` (an event number), waiting up to `timeout`:
  // "rebuilt", or "problems" with one problem a line. Returns false when
  // there was none in time (or the preview is stopping).
  struct Event {
    unsigned long number = 0;
    std::string name;
    std::string data;
  };
  bool next_event(unsigned long seen, std::chrono::milliseconds timeout, Event& event);
  // The current state for a page that just connected: problems if the last build failed.
  Event current() const;
  bool stopping() const;

  // Rebuilds now if any file under the content folder changed since the last build.
  void rebuild_if_changed();

  // The page whose file is `file` ("post/saga/index.html", "404.html",
  // "sitemap.xml") in the last good build, made now; nullopt when the blog
  // has no such file (render_page). After its first build the preview
  // writes the bundle and the assets, not the pages (nor the feeds): the
  // page open in the browser only fetches posts.json and parts after a
  // save, and making every page on each save took most of it.
  std::optional<std::string> page(std::string_view file) const;
  // The same for the feed whose file is `file` ("feed.xml",
  // "feeds/tag-aws.json"): making the blog's feeds (each post's content
  // rendered again) took a quarter of every save's rebuild at 1,000 posts.
  std::optional<std::string> feed(std::string_view file) const;

 private:
  void build();
  std::string fingerprint() const;

  // What a page is made from, as the last good build left it.
  struct Built {
    Bundle blog;
    SplitBundle bundle;
    PageTemplate page;
  };

  std::filesystem::path content_, site_;
  std::vector<std::filesystem::path> page_files_;
  std::string last_fingerprint_;
  ContentCache cache_;  // builds run one at a time: the first in the constructor, then the watcher's
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  Event last_;  // the newest event
  std::shared_ptr<const Built> built_;  // null until a build succeeds
  // built_, held for as long as the caller uses it (the next good build replaces it).
  std::shared_ptr<const Built> last_good() const;
  Problems problems_;
  bool stopping_ = false;
  std::jthread watcher_;
};

// The script each preview page loads (under the page's CSP: a file, not inline).
extern const char* const preview_script;

}  // namespace buildlog
