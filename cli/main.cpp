// buildlog: the author's tool. Builds posts.json from a folder of Markdown
// posts, checks them, and serves a built site on localhost.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

#include "bundle.hpp"
#include "bundle_writer.hpp"
#include "content.hpp"
#include "serve.hpp"

namespace fs = std::filesystem;
using namespace buildlog;

namespace {

// Prints every problem, then one line that counts them and says what happened.
void report(const Problems& problems, const std::string& outcome) {
  for (const auto& p : problems) std::cerr << p.to_string() << "\n";
  std::cerr << "buildlog: " << problems.size() << (problems.size() == 1 ? " problem" : " problems") << outcome << "\n";
}

std::string summary(const Bundle& b) {
  int published = 0, in_progress = 0, planned = 0;
  for (const auto& p : b.posts) {
    if (p.status == Status::published) ++published;
    else if (p.status == Status::in_progress) ++in_progress;
    else ++planned;
  }
  return std::to_string(published) + " published, " + std::to_string(in_progress) + " in progress, " + std::to_string(planned) + " planned";
}

int check(const fs::path& content) {
  const auto read = read_content(content);
  if (!read.problems.empty()) {
    report(read.problems, " in " + content.generic_string());
    return 1;
  }
  std::cout << content.generic_string() << ": " << summary(read.bundle) << ", no problems\n";
  return 0;
}

int build(const fs::path& content, const fs::path& output) {
  const auto read = read_content(content);
  if (!read.problems.empty()) {
    report(read.problems, "; " + output.generic_string() + " left unchanged");
    return 1;
  }
  const SplitBundle bundle = split_bundle(read.bundle);
  const BundleWrite written = write_bundle(output, bundle);
  if (!written.error.empty()) {
    std::cerr << "buildlog: " << written.error << "; " << output.generic_string() << " left unchanged\n";
    return 1;
  }
  if (!written.entry_changed && written.written == 0 && written.removed == 0) {
    std::cout << output.generic_string() << " is up to date: " << summary(read.bundle) << "\n";
    return 0;
  }
  std::cout << "wrote " << output.generic_string() << ": " << summary(read.bundle) << " (" << bundle.entry.size() << " bytes, "
            << bundle.parts.size() << " parts in " << (output.parent_path() / bundle_parts_folder).generic_string() << "/: " << written.written
            << " new, " << written.removed << " removed)\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"buildlog: a blog engine whose reader page is one static file and a WebAssembly core"};
  app.require_subcommand(1);

  std::string content = "content";
  std::string output = "posts.json";
  auto* build_cmd = app.add_subcommand("build", "Build posts.json and its parts (posts/) from a folder of Markdown posts");
  build_cmd->add_option("CONTENT_DIR", content, "Folder of posts (default: content)");
  build_cmd->add_option("-o,--output", output, "Bundle to write (default: posts.json)");

  auto* check_cmd = app.add_subcommand("check", "Report every problem in a folder of posts, writing nothing");
  check_cmd->add_option("CONTENT_DIR", content, "Folder of posts (default: content)");

  std::string root = "dist";
  std::string host = "127.0.0.1";
  int port = 8000;
  auto* serve_cmd = app.add_subcommand("serve", "Serve a built site on localhost under the page's Content-Security-Policy");
  serve_cmd->add_option("SITE_DIR", root, "Folder with index.html (default: dist)");
  serve_cmd->add_option("--host", host, "Address to listen on (default: 127.0.0.1)");
  serve_cmd->add_option("-p,--port", port, "Port (default: 8000; 0 picks a free one)")->check(CLI::Range(0, 65535));

  CLI11_PARSE(app, argc, argv);
  if (*build_cmd) return build(content, output);
  if (*check_cmd) return check(content);
  if (*serve_cmd) {
    if (const auto error = serve_folder(root, host, port); !error.empty()) {
      std::cerr << "buildlog: " << error << "\n";
      return 1;
    }
  }
  return 0;
}
