// Waiting for a change under a folder without looking at every file: the
// preview's watcher sleeps here between builds. On Linux, inotify on the
// folder and each folder under it wakes it when a file is written, moved,
// created or removed, so an idle preview costs next to nothing. Where
// inotify is missing or refuses (another system, the watch limit), live()
// is false and the caller falls back to looking for itself.
#pragma once

#include <chrono>
#include <filesystem>

namespace buildlog {

class FolderWatch {
 public:
  explicit FolderWatch(std::filesystem::path folder);
  ~FolderWatch();
  FolderWatch(const FolderWatch&) = delete;
  FolderWatch& operator=(const FolderWatch&) = delete;

  // Whether changes are reported: without it, wait() only sleeps.
  bool live() const { return fd_ >= 0; }

  // Returns true as soon as something under the folder may have changed (a
  // burst of changes counts once), false after `timeout` without any.
  bool wait(std::chrono::milliseconds timeout);

 private:
  bool watch_folders();  // the folder and every folder under it; false when one cannot be watched
  std::filesystem::path folder_;
  int fd_ = -1;
};

}  // namespace buildlog
