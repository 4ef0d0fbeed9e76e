// buildlog: the author's tool. Starts a blog and its posts, checks them,
// builds the site readers get (or just its bundle), and serves a live
// preview while the author writes.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <unistd.h>
#ifdef BUILDLOG_MIMALLOC
#include <mimalloc.h>
#endif

#include "bundle_writer.hpp"
#include "content.hpp"
#include "preview.hpp"
#include "serve.hpp"
#include "site.hpp"
#include "site_address.hpp"

namespace fs = std::filesystem;
using namespace buildlog;

namespace {

// Prints every problem, then one line that counts them and says what happened.
void report(const Problems& problems, const std::string& outcome) {
  for (const auto& p : problems) std::cerr << p.to_string() << "\n";
  std::cerr << "buildlog: " << problems.size() << (problems.size() == 1 ? " problem" : " problems") << outcome << "\n";
}

// Prints every warning, and one line counting them. With `strict` they are
// problems: true then, when there were any.
bool warn(const Problems& warnings, bool strict) {
  if (warnings.empty()) return false;
  for (const auto& w : warnings) std::cerr << (w.where.empty() ? "" : w.where + ": ") << (strict ? "" : "warning: ") << w.message << "\n";
  std::cerr << "buildlog: " << warnings.size() << (warnings.size() == 1 ? " warning" : " warnings")
            << (strict ? ", which --strict makes problems" : ": what they name is left out or shown as written (--strict makes them problems)") << "\n";
  return strict;
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

std::string left_out(const Selection& s, bool future) {
  std::string out;
  if (s.private_posts > 0) out += "; " + std::to_string(s.private_posts) + " private left out";
  if (s.future_posts > 0) out += "; " + std::to_string(s.future_posts) + (future ? " dated after today included (--future)" : " dated after today wait for their day (--future publishes them)");
  return out;
}

// The running program's own path, to find the files installed beside it.
fs::path executable_path(const char* argv0) {
  std::error_code ec;
  const auto self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::absolute(argv0) : self;
}

int check(const fs::path& content, bool strict) {
  const auto read = read_content(content);
  if (!read.problems.empty()) {
    warn(read.warnings, false);
    report(read.problems, " in " + content.generic_string());
    return 1;
  }
  if (warn(read.warnings, strict)) return 1;
  const Selection s = select_posts(read.bundle, {today(), false, false});
  std::cout << content.generic_string() << ": " << summary(s.bundle) << left_out(s, false) << ", no problems"
            << (read.warnings.empty() ? "" : ", " + std::to_string(read.warnings.size()) + (read.warnings.size() == 1 ? " warning" : " warnings")) << "\n";
  if (s.bundle.site.url.empty())
    std::cout << "note: site.yaml has no url (url: https://example.org/blog/): without the blog's address the site has no feeds, sitemap, "
                 "canonical links or link-preview addresses, which need absolute links\n";
  else if (const std::string root = site_root(s.bundle.site); split_address(root).path != "/")
    std::cout << "note: the blog lives under " << split_address(root).path << ", and crawlers read only the host's own /robots.txt: add the line \"Sitemap: "
              << root << "sitemap.xml\" to it (the site's own robots.txt says the same, where no crawler looks)\n";
  return 0;
}

// How many posts the site at `entry` publishes now, when it can be read.
std::optional<std::size_t> published_now(const fs::path& entry) {
  std::string error;
  const auto bytes = read_file(entry, error);
  if (!bytes) return std::nullopt;
  const auto loaded = load_entry(*bytes);
  return loaded.entry ? std::optional(loaded.entry->published.count) : std::nullopt;
}

int build(const fs::path& content, const fs::path& output, bool future, bool allow_shrink, bool strict, const fs::path& executable) {
  auto read = read_content(content);
  if (read.problems.empty() && read.files == 0)
    read.problems.push_back({content.generic_string(), "has no posts (*.md): is it the right folder? Nothing to build"});
  if (warn(read.warnings, strict && read.problems.empty())) {
    std::cerr << "buildlog: " << output.generic_string() << " left unchanged\n";
    return 1;
  }
  if (!read.problems.empty()) {
    report(read.problems, "; " + output.generic_string() + " left unchanged");
    return 1;
  }
  const Selection selection = select_posts(std::move(read.bundle), {today(), future, false});
  // A build never takes down more than half of a site without being asked:
  // a mistyped folder or a lost checkout looks just like that.
  const bool bundle_only = output.extension() == ".json";
  const fs::path entry = bundle_only ? output : output / "posts.json";
  const auto published = static_cast<std::size_t>(
      std::count_if(selection.bundle.posts.begin(), selection.bundle.posts.end(), [](const SourcePost& p) { return p.status == Status::published; }));
  if (const auto before = published_now(entry); before && published * 2 < *before && !allow_shrink) {
    report({{content.generic_string(), "this build publishes " + std::to_string(published) + " posts, and " + entry.generic_string() + " has " +
                                           std::to_string(*before) + ": more than half would go. Check the folder, or build with --allow-shrink"}},
           "; " + output.generic_string() + " left unchanged");
    return 1;
  }
  const SplitBundle bundle = split_bundle(selection.bundle);
  if (const Problems too_big = oversized_files(bundle); !too_big.empty()) {
    report(too_big, "; " + output.generic_string() + " left unchanged");
    return 1;
  }
  // OUTPUT.json is the bundle alone; any other OUTPUT is the folder of the whole site.
  BundleWrite written;
  if (bundle_only) {
    written = write_bundle(output, bundle);
  } else {
    std::string error;
    const auto files = find_page_files(executable, error);
    written = files.empty() ? BundleWrite{error} : write_site(output, selection.bundle, bundle, files);
  }
  if (!written.error.empty()) {
    std::cerr << "buildlog: " << written.error << "; " << output.generic_string() << " left unchanged\n";
    return 1;
  }
  const std::string what = summary(selection.bundle) + left_out(selection, future);
  if (!written.entry_changed && written.written == 0 && written.removed == 0 && written.site_files_written == 0 && written.site_files_removed == 0) {
    std::cout << output.generic_string() << " is up to date: " << what << "\n";
    return 0;
  }
  std::cout << "wrote " << output.generic_string() << ": " << what << " (posts.json " << bundle.entry.size() << " bytes, " << bundle.parts.size() << " parts in "
            << (entry.parent_path() / bundle_parts_folder).generic_string() << "/: " << written.written << " new, " << written.removed << " removed"
            << (bundle_only ? "" : "; other files: " + std::to_string(written.site_files_written) + " written, " + std::to_string(written.site_files_removed) + " removed")
            << ")\n";
  return 0;
}

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

// Where a command finds the posts: the given folder, else ./content (in a blog made by init), else the current folder.
fs::path content_folder(const std::string& given) {
  if (!given.empty()) return given;
  std::error_code ec;
  return fs::is_directory("content", ec) ? fs::path("content") : fs::path(".");
}

}  // namespace

int main(int argc, char** argv) {
#ifdef BUILDLOG_MIMALLOC
  // Memory a build is done with (a search index's records, the feeds once
  // written) goes back to the system at once, for the next step to take:
  // 15 MB less at the peak of a build of 10,000 posts, and no slower build measured.
  mi_option_enable(mi_option_page_reset);
  mi_option_set(mi_option_decommit_delay, 0);
#endif
  CLI::App app{"buildlog: a blog engine whose reader page is one static file and a WebAssembly core"};
  app.require_subcommand(1);
  app.footer("In a blog made by `buildlog init`, every command finds content/ and dist/ by itself.");

  std::string content;
  std::string output = "dist";
  bool future = false;
  auto* build_cmd = app.add_subcommand("build", "Build the site readers get: the page, the engine and the bundle, into a folder");
  build_cmd->add_option("CONTENT_DIR", content, "Folder of posts (default: ./content, else the current folder)");
  build_cmd->add_option("-o,--output", output,
                        "Folder of the site to write (default: dist); a name ending in .json writes only the bundle: posts.json and posts/ beside it");
  build_cmd->add_flag("--future", future, "Also publish posts dated after today (by default they wait for their day)");
  bool allow_shrink = false;
  build_cmd->add_flag("--allow-shrink", allow_shrink, "Publish even when the site would lose more than half of its published posts");
  bool strict = false;
  build_cmd->add_flag("--strict", strict, "Treat warnings (an unknown front matter key, a Liquid tag, a skipped file...) as problems: for CI");

  auto* check_cmd = app.add_subcommand("check", "Report every problem in a folder of posts, writing nothing");
  check_cmd->add_option("CONTENT_DIR", content, "Folder of posts (default: ./content, else the current folder)");
  check_cmd->add_flag("--strict", strict, "Treat warnings as problems: exit 1 when there is any");

  std::string dir;
  std::string host = "127.0.0.1";
  int port = 8000;
  auto* serve_cmd = app.add_subcommand("serve", "Preview a folder of posts as you write (rebuilt and shown on every save, private drafts too), or serve a built site");
  serve_cmd->add_option("DIR", dir, "A folder of posts to preview, or a built site (default: ./content, else ./dist)");
  serve_cmd->add_option("--host", host, "Address to listen on (default: 127.0.0.1, this machine only)");
  serve_cmd->add_option("-p,--port", port, "Port (default: 8000; 0 picks a free one)")->check(CLI::Range(0, 65535));

  std::string blog_dir;
  std::string title = "Build log";
  auto* init_cmd = app.add_subcommand("init", "Start a new blog in a new folder: content/site.yaml, a first post, .gitignore, README.md");
  init_cmd->add_option("DIR", blog_dir, "The new blog's folder")->required();
  init_cmd->add_option("--title", title, "The blog's title (default: Build log)");

  std::string post_title;
  auto* new_cmd = app.add_subcommand("new", "Start a post: content/DATE-SLUG.md with front matter, private until you publish it");
  new_cmd->add_option("TITLE", post_title, "The post's title")->required();
  new_cmd->add_option("--content", content, "Folder of posts (default: ./content, else the current folder)");

  CLI11_PARSE(app, argc, argv);
  const fs::path self = executable_path(argv[0]);
  if (*build_cmd) return build(content_folder(content), output, future, allow_shrink, strict, self);
  if (*check_cmd) return check(content_folder(content), strict);
  if (*serve_cmd) {
    std::error_code ec;
    const fs::path target = !dir.empty() ? fs::path(dir) : fs::is_directory("content", ec) ? fs::path("content") : fs::path("dist");
    return serve(target, host, port, self);
  }
  if (*init_cmd || *new_cmd) {
    const Started started = *init_cmd ? init_blog(blog_dir, title, today()) : new_post(content_folder(content), post_title, today());
    for (const auto& f : started.files) std::cout << "wrote " << f.generic_string() << "\n";
    if (!started.error.empty()) {
      std::cerr << "buildlog: " << started.error << "\n";
      return 1;
    }
    if (*init_cmd) std::cout << "A new blog in " << blog_dir << ": cd " << blog_dir << " && buildlog serve\n";
    return 0;
  }
  return 0;
}
