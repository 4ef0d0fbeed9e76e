// buildlog: the author's tool. Starts a blog and its posts, checks them,
// builds the site readers get (or just its bundle), and serves a live
// preview while the author writes.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <unistd.h>

#include "allocator.hpp"
#include "bundle_writer.hpp"
#include "content.hpp"
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
  // Each post's parts and search's are written as the split makes them (the
  // pages read back the post parts they need), the listings' once it is
  // done. A build that fails takes back what it added.
  BundleFolder folder(entry);
  const PartSink sink = folder.sink();
  const SplitBundle bundle = split_bundle(selection.bundle, nullptr, &sink);
  const auto fail = [&](const std::string& error) {
    folder.discard();
    std::cerr << "buildlog: " << error << "; " << output.generic_string() << " left unchanged\n";
    return 1;
  };
  if (!bundle.sink_error.empty()) return fail(bundle.sink_error);
  if (const Problems too_big = oversized_files(bundle); !too_big.empty()) {
    folder.discard();
    report(too_big, "; " + output.generic_string() + " left unchanged");
    return 1;
  }
  // OUTPUT.json is the bundle alone; any other OUTPUT is the folder of the whole site.
  BundleWrite written;
  if (bundle_only) {
    written = folder.finish(bundle);
  } else {
    std::string error;
    const auto files = find_page_files(executable, error);
    written = files.empty() ? BundleWrite{error} : write_site(folder, selection.bundle, bundle, files);
  }
  if (!written.error.empty()) return fail(written.error);
  const std::string what = summary(selection.bundle) + left_out(selection, future);
  if (!written.entry_changed && written.written == 0 && written.removed == 0 && written.site_files_written == 0 && written.site_files_removed == 0) {
    std::cout << output.generic_string() << " is up to date: " << what << "\n";
    return 0;
  }
  std::cout << "wrote " << output.generic_string() << ": " << what << " (posts.json " << bundle.entry.size() << " bytes, " << bundle.parts.size() + bundle.parts_sunk.size() << " parts in "
            << (entry.parent_path() / bundle_parts_folder).generic_string() << "/: " << written.written << " new, " << written.removed << " removed"
            << (bundle_only ? "" : "; other files: " + std::to_string(written.site_files_written) + " written, " + std::to_string(written.site_files_removed) + " removed")
            << ")\n";
  return 0;
}

// `buildlog serve`: the preview server is a program of its own,
// buildlog-serve beside this one, so that the other commands do not load
// the HTTP library and the TLS library it brings (4 MB of a build's
// memory). It gets the arguments after "serve" as they were given.
int serve(const fs::path& executable, const std::vector<std::string>& arguments) {
  const fs::path server = executable.parent_path() / "buildlog-serve";
  std::vector<std::string> args{"buildlog serve"};
  args.insert(args.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::execv(server.c_str(), argv.data());
  std::cerr << "buildlog: cannot start the preview server " << server.generic_string() << ": " << std::strerror(errno)
            << " (it is installed beside buildlog: reinstall buildlog)\n";
  return 1;
}

// Where a command finds the posts: the given folder, else ./content (in a blog made by init), else the current folder.
fs::path content_folder(const std::string& given) {
  if (!given.empty()) return given;
  std::error_code ec;
  return fs::is_directory("content", ec) ? fs::path("content") : fs::path(".");
}

}  // namespace

int main(int argc, char** argv) {
  tune_allocator();
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

  // Its options are buildlog-serve's (serve_main.cpp), --help too: every argument after "serve" goes there.
  auto* serve_cmd = app.add_subcommand("serve", serve_summary);
  serve_cmd->prefix_command();
  serve_cmd->set_help_flag();

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
  if (*serve_cmd) return serve(self, serve_cmd->remaining());
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
