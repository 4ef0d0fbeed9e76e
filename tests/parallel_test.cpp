#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <stdexcept>
#include <vector>

#include "parallel.hpp"

using namespace buildlog;

TEST_CASE("parallel_for covers every index once, in ranges, on every worker, and rethrows the first exception") {
  for (const std::size_t n : {0u, 1u, 2u, 17u, 1000u, 100'003u}) {
    std::vector<std::atomic<int>> seen(n);
    std::vector<std::atomic<int>> by_worker(parallel_workers());
    std::atomic<bool> bad_range = false;
    parallel_for(n, [&](std::size_t begin, std::size_t end, std::size_t worker) {
      if (begin >= end || end > n || worker >= by_worker.size()) bad_range = true;
      else ++by_worker[worker];
      for (std::size_t i = begin; i < end; ++i) ++seen[i];
    });
    CHECK_FALSE(bad_range);
    std::size_t once = 0;
    for (const auto& s : seen) once += s == 1;
    CHECK(once == n);
  }
  std::atomic<std::size_t> covered = 0;
  parallel_for(500, [&](std::size_t begin, std::size_t end) { covered += end - begin; });  // without the worker
  CHECK(covered == 500);

  // Once a range throws, no worker goes on to the ranges left (each takes
  // long enough that the others are still there to take).
  std::atomic<std::size_t> ranges_after = 0;
  std::atomic<bool> thrown = false;
  CHECK_THROWS_WITH(parallel_for(100'000,
                                 [&](std::size_t begin, std::size_t) {
                                   if (thrown) ++ranges_after;
                                   if (begin == 0) {
                                     thrown = true;
                                     throw std::runtime_error("the first range failed");
                                   }
                                   std::this_thread::sleep_for(std::chrono::milliseconds(5));
                                 }),
                    "the first range failed");
  CHECK(ranges_after <= 2 * (parallel_workers() - 1));  // one running, one taken as the first threw
}
