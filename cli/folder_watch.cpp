#include "folder_watch.hpp"

#include <thread>

#ifdef __linux__
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>
#endif

namespace buildlog {

namespace fs = std::filesystem;

#ifdef __linux__

namespace {
// A save is a close after writing, or a rename into place (editors that
// write a copy first); files and folders also appear, go, or change times.
// IN_MODIFY is left out: it fires on every write of a file still being written.
constexpr std::uint32_t change_events = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB | IN_DELETE_SELF;
}  // namespace

FolderWatch::FolderWatch(fs::path folder) : folder_(std::move(folder)), fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
  if (fd_ >= 0 && !watch_folders()) {
    ::close(fd_);
    fd_ = -1;
  }
}

FolderWatch::~FolderWatch() {
  if (fd_ >= 0) ::close(fd_);
}

bool FolderWatch::watch_folders() {
  // Adding a watch a folder already has returns the same one: walking again is safe.
  if (inotify_add_watch(fd_, folder_.c_str(), change_events) < 0) return false;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(folder_, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_directory(ec) && inotify_add_watch(fd_, it->path().c_str(), change_events) < 0) return false;
  return true;
}

bool FolderWatch::wait(std::chrono::milliseconds timeout) {
  if (fd_ < 0) {
    std::this_thread::sleep_for(timeout);
    return false;
  }
  pollfd ready{fd_, POLLIN, 0};
  if (::poll(&ready, 1, static_cast<int>(timeout.count())) <= 0) return false;
  // Let the rest of a save arrive (an editor's write, rename and chmod), then take every event at once.
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  alignas(inotify_event) char buffer[16 * 1024];
  bool new_folder = false;
  for (ssize_t n; (n = ::read(fd_, buffer, sizeof buffer)) > 0;)
    for (const char* at = buffer; at < buffer + n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(at);
      // An overflowed queue lost events, a new folder's among them, maybe.
      if ((event->mask & IN_Q_OVERFLOW) != 0 || ((event->mask & IN_ISDIR) != 0 && (event->mask & (IN_CREATE | IN_MOVED_TO)) != 0)) new_folder = true;
      at += sizeof(inotify_event) + event->len;
    }
  // A folder made since (a post's folder of files) is watched from now on.
  if (new_folder && !watch_folders()) {
    ::close(fd_);
    fd_ = -1;
  }
  return true;
}

#else

FolderWatch::FolderWatch(fs::path folder) : folder_(std::move(folder)) {}
FolderWatch::~FolderWatch() = default;
bool FolderWatch::watch_folders() { return false; }
bool FolderWatch::wait(std::chrono::milliseconds timeout) {
  std::this_thread::sleep_for(timeout);
  return false;
}

#endif

}  // namespace buildlog
