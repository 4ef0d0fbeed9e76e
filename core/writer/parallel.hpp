// Work spread over the machine's cores, for the author tool's build (the
// reader's engine is single-threaded and never includes this).
#pragma once

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace buildlog {

// Calls fn(begin, end) on consecutive ranges covering [0, n), one range per
// core, and waits for all. The first exception thrown is rethrown here.
template <class Fn>
void parallel_for(std::size_t n, Fn&& fn) {
  const std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 16);
  if (n < 2 || workers == 1) {
    if (n > 0) fn(std::size_t{0}, n);
    return;
  }
  const std::size_t chunk = (n + workers - 1) / workers;
  std::vector<std::exception_ptr> errors(workers);
  {
    std::vector<std::jthread> threads;
    for (std::size_t w = 0; w * chunk < n; ++w)
      threads.emplace_back([&, w] {
        try {
          fn(w * chunk, std::min(n, (w + 1) * chunk));
        } catch (...) {
          errors[w] = std::current_exception();
        }
      });
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace buildlog
