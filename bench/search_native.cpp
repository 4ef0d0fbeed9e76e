// The reader's engine built natively, driven like the page drives the wasm
// build: for bench/search.mjs. Reads a built site's posts.json and every
// part from disk before timing (as search.mjs does for the wasm engine),
// then times each query: route, search, provide the parts it needs the
// first time, render the results view.
//   buildlog_bench_search SITE_DIR QUERIES_FILE   -> {"ready_ms":…,"median_ms":…,"p95_ms":…}
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine.hpp"
#include "route.hpp"

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s SITE_DIR QUERIES_FILE\n", argv[0]);
    return 2;
  }
  const std::string root = argv[1];
  std::vector<std::string> queries;
  std::ifstream list(argv[2]);
  for (std::string line; std::getline(list, line);)
    if (!line.empty()) queries.push_back(line);

  std::map<std::string, std::string> parts;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root + "/posts"))
    if (entry.is_regular_file()) parts[entry.path().lexically_relative(root).generic_string()] = slurp(entry.path().string());

  const auto start = std::chrono::steady_clock::now();
  buildlog::Engine engine;
  if (!engine.load(slurp(root + "/posts.json")).empty()) return 1;
  const double ready = ms_since(start);

  auto run = [&](const std::string& query) {
    const std::string hash = buildlog::to_address(buildlog::SearchRoute{query});
    for (;;) {
      const auto page = engine.render(hash);
      if (page.needs.empty()) return page.body.str().size();
      for (const auto& name : page.needs) {
        const auto part = parts.find(name);
        if (part == parts.end()) throw std::runtime_error("the engine asked for " + name + ", which the site does not have");
        engine.provide(name, part->second);
      }
    }
  };
  for (std::size_t i = 0; i < 20 && i < queries.size(); ++i) run(queries[i]);  // warm up, as for the others
  std::vector<double> times;
  for (const auto& q : queries) {
    const auto t = std::chrono::steady_clock::now();
    run(q);
    times.push_back(ms_since(t));
  }
  std::sort(times.begin(), times.end());
  std::printf("{\"ready_ms\":%.3f,\"median_ms\":%.3f,\"p95_ms\":%.3f}\n", ready, times[times.size() / 2], times[times.size() * 95 / 100]);
  return 0;
}
