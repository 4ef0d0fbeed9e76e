// buildlog-serve: `buildlog serve`, a program of its own. buildlog runs it
// for that command (main.cpp), so that building, checking and starting
// posts never load the HTTP server and the TLS library it links.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <string>
#include <unistd.h>

#include "allocator.hpp"
#include "preview.hpp"
#include "serve.hpp"
#include "site.hpp"

namespace fs = std::filesystem;
using namespace buildlog;

namespace {

// A content folder is previewed (built, watched, rebuilt and shown on every save); a built site is served as it is.
int serve(const fs::path& dir, const std::string& host, int port, const fs::path& executable) {
  std::error_code ec;
  if (fs::is_regular_file(dir / "index.html", ec)) {
    if (const auto error = serve_folder(dir, host, port); !error.empty()) {
      std::cerr << "buildlog: " << error << "\n";
      return 1;
    }
    return 0;
  }
  if (!fs::is_directory(dir, ec)) {
    std::cerr << "buildlog: " << dir.generic_string() << " is neither a folder of posts nor a built site\n";
    return 1;
  }
  std::string error;
  const auto files = find_page_files(executable, error);
  if (files.empty()) {
    std::cerr << "buildlog: " << error << "\n";
    return 1;
  }
  const fs::path site = fs::temp_directory_path() / ("buildlog-preview-" + std::to_string(::getpid()));
  int status = 0;
  {
    Preview preview(dir, site, files);
    if (const auto failed = serve_folder(site, host, port, &preview); !failed.empty()) {
      std::cerr << "buildlog: " << failed << "\n";
      status = 1;
    }
  }
  fs::remove_all(site, ec);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  tune_allocator();
  CLI::App app{serve_summary, "buildlog serve"};
  std::string dir;
  std::string host = "127.0.0.1";
  int port = 8000;
  app.add_option("DIR", dir, "A folder of posts to preview, or a built site (default: ./content, else ./dist)");
  app.add_option("--host", host, "Address to listen on (default: 127.0.0.1, this machine only)");
  app.add_option("-p,--port", port, "Port (default: 8000; 0 picks a free one)")->check(CLI::Range(0, 65535));
  CLI11_PARSE(app, argc, argv);
  std::error_code ec;
  const fs::path target = !dir.empty() ? fs::path(dir) : fs::is_directory("content", ec) ? fs::path("content") : fs::path("dist");
  return serve(target, host, port, executable_path(argv[0]));
}
