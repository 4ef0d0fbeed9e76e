#include "preview.hpp"

#include <algorithm>
#include <iostream>
#include <sys/stat.h>

#include "content.hpp"
#include "feeds.hpp"
#include "folder_watch.hpp"
#include "site.hpp"

namespace buildlog {
namespace fs = std::filesystem;

// Connects to the preview's events: asks the page to load the blog again on
// "rebuilt"; on "problems" shows
// them over the page (built with textContent: problems quote the author's
// files). EventSource reconnects by itself when the server restarts.
const char* const preview_script = R"JS('use strict';
(() => {
  const events = new EventSource('/_buildlog/events');
  let box = null;
  // A good build: the page's shim loads the blog again and renders the same
  // address, keeping the engine (no reload, no flash, the scroll kept).
  events.addEventListener('rebuilt', () => {
    if (box) box.remove(), box = null;
    window.dispatchEvent(new Event('buildlog:rebuilt'));
  });
  events.addEventListener('problems', (event) => {
    if (!box) {
      box = document.createElement('section');
      box.setAttribute('role', 'alert');
      Object.assign(box.style, { position: 'fixed', inset: 'auto 1rem 1rem 1rem', zIndex: '1000', maxHeight: '50vh', overflow: 'auto',
        padding: '1rem', background: '#fff4f4', color: '#5a0000', border: '2px solid #b00020', borderRadius: '0.5rem',
        font: '0.9rem/1.4 ui-monospace, monospace', whiteSpace: 'pre-wrap' });
      document.body.append(box);
    }
    box.textContent = 'buildlog: the last save has problems; the page shows the last good build.\n\n' + event.data;
  });
})();
)JS";

Preview::Preview(fs::path content, fs::path site, std::vector<fs::path> files)
    : content_(std::move(content)), site_(std::move(site)), page_files_(std::move(files)) {
  last_fingerprint_ = fingerprint();
  build();
  watcher_ = std::jthread([this](std::stop_token stop) {
    // With inotify, a look at the files when it reports a change, and once a
    // second besides (a folder it cannot see into, such as some network
    // mounts, still rebuilds); it wakes every 100 ms to notice a stop. An
    // idle preview of 1,000 posts went from 14% of a core, looking 40 times
    // a second, to nearly nothing. Without inotify, the look 40 times a second.
    FolderWatch watch(content_);
    for (int quiet = 0; !stop.stop_requested();) {
      if (!watch.live()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
        rebuild_if_changed();
      } else if (watch.wait(std::chrono::milliseconds(100)) || ++quiet == 10) {
        quiet = 0;
        rebuild_if_changed();
      }
    }
  });
}

std::shared_ptr<const Preview::Built> Preview::last_good() const {
  std::lock_guard lock(mutex_);
  return built_;
}

std::optional<std::string> Preview::page(std::string_view file) const {
  const auto built = last_good();
  if (built == nullptr) return std::nullopt;
  return render_page(built->blog, built->bundle, built->page, file);
}

std::optional<std::string> Preview::feed(std::string_view file) const {
  const auto built = last_good();
  if (built == nullptr) return std::nullopt;
  return feed_file(built->blog, file);
}

Preview::~Preview() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  watcher_.request_stop();
}

// Every post file and site.yaml with its size and time: a save changes it.
// One stat a file (file_size and last_write_time would each make one): the
// watcher runs this after every change it hears of, and once a second.
std::string Preview::fingerprint() const {
  std::string out;
  std::error_code ec;
  std::vector<std::string> lines;
  for (auto it = fs::recursive_directory_iterator(content_, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    struct stat st {};
    if (!it->is_regular_file(ec) || ::stat(it->path().c_str(), &st) != 0) continue;
    lines.push_back(it->path().string() + "\t" + std::to_string(st.st_size) + "\t" + std::to_string(st.st_mtim.tv_sec) + "." +
                    std::to_string(st.st_mtim.tv_nsec));
  }
  std::sort(lines.begin(), lines.end());
  for (const auto& l : lines) out += l + "\n";
  return out;
}

void Preview::rebuild_if_changed() {
  std::string now = fingerprint();
  if (now == last_fingerprint_) return;
  last_fingerprint_ = std::move(now);
  build();
}

void Preview::build() {
  const auto started = std::chrono::steady_clock::now();
  auto read = read_content(content_, &cache_);
  Event event;
  if (read.problems.empty() && read.bundle.posts.empty()) read.problems.push_back({content_.generic_string(), "has no posts (*.md) yet"});
  if (read.problems.empty()) {
    Selection selection = select_posts(std::move(read.bundle), {today(), true, true});
    auto built = std::make_shared<Built>(Built{std::move(selection.bundle), {}, {}});
    const auto last = last_good();  // unchanged posts keep its parts
    std::optional<EarlierSplit> earlier;
    if (last != nullptr) earlier.emplace(EarlierSplit{last->blog, last->bundle});
    built->bundle = split_bundle(built->blog, earlier ? &*earlier : nullptr);
    // The first build writes the pages and feeds too, so the folder is a whole site from the start.
    const bool first = last == nullptr;
    BundleFolder folder(site_ / "posts.json");
    const BundleWrite written = write_site(folder, built->blog, built->bundle, page_files_, /*durable=*/false, /*with_pages_and_feeds=*/first, &built->page);
    if (!written.error.empty()) {
      read.problems.push_back({"", written.error});
    } else {
      std::lock_guard lock(mutex_);
      built_ = std::move(built);
    }
  }
  // With no good build yet, an empty blog, so that the page loads and shows the problems.
  if (!read.problems.empty() && !fs::exists(site_ / "posts.json")) {
    BundleFolder folder(site_ / "posts.json");
    write_site(folder, Bundle{}, split_bundle(Bundle{}), page_files_, false);
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  if (read.problems.empty()) {
    event = {0, "rebuilt", {}};
    std::cerr << "preview: built in " << ms << " ms\n";
  } else {
    std::string text;
    for (const auto& p : read.problems) text += p.to_string() + "\n";
    event = {0, "problems", text};
    std::cerr << text << "preview: " << read.problems.size() << " problem(s); the last good build is still served\n";
  }
  {
    std::lock_guard lock(mutex_);
    event.number = last_.number + 1;
    last_ = std::move(event);
    problems_ = std::move(read.problems);
  }
  changed_.notify_all();
}

bool Preview::next_event(unsigned long seen, std::chrono::milliseconds timeout, Event& event) {
  std::unique_lock lock(mutex_);
  if (!changed_.wait_for(lock, timeout, [&] { return stopping_ || last_.number > seen; }) || stopping_) return false;
  event = last_;
  return true;
}

bool Preview::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

Preview::Event Preview::current() const {
  std::lock_guard lock(mutex_);
  return last_;
}

}  // namespace buildlog
