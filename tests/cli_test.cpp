// The author tool end to end, as a process, on temporary folders.
#include <catch2/catch.hpp>

#include <cstdio>
#include <sys/wait.h>

#include "serve.hpp"
#include "test_support.hpp"

using namespace buildlog;
using test::ScratchDir;
using test::slurp;
using test::spit;

namespace {

struct Run {
  int exit_code;
  std::string output;  // stdout and stderr
};

Run run(const std::string& args) {
  const std::string command = std::string(BUILDLOG_CLI) + " " + args + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[4096];
  while (const auto n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE("build twice gives identical files, equal to the committed posts.json") {
  ScratchDir dir;
  const auto content = quoted(test::source_dir() / "content");
  const auto first = run("build " + content + " -o " + quoted(dir / "a.json"));
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  CHECK(first.output.find("3 published, 3 in progress, 1 planned") != std::string::npos);
  REQUIRE(run("build " + content + " -o " + quoted(dir / "b.json")).exit_code == 0);
  CHECK(slurp(dir / "a.json") == slurp(dir / "b.json"));
  CHECK(slurp(dir / "a.json") == slurp(test::source_dir() / "posts.json"));
}

TEST_CASE("a broken post fails the build with path:line and leaves the previous output byte for byte") {
  ScratchDir dir;
  spit(dir / "content/good.md", "---\ntitle: Good\ndate: 2026-01-01\n---\nFine.\n");
  const auto out = dir / "posts.json";
  REQUIRE(run("build " + quoted(dir / "content") + " -o " + quoted(out)).exit_code == 0);
  const std::string before = slurp(out);

  spit(dir / "content/bad.md", "---\ntitle: Bad\ndate: 2026-13-01\n---\nBody\n");
  spit(dir / "content/worse.md", "---\ntitle: Worse\n");
  const auto result = run("build " + quoted(dir / "content") + " -o " + quoted(out));
  INFO(result.output);
  CHECK(result.exit_code == 1);
  CHECK(result.output.find((dir / "content/bad.md").generic_string() + ":3: date must be a calendar date YYYY-MM-DD, got \"2026-13-01\"") != std::string::npos);
  CHECK(result.output.find((dir / "content/worse.md").generic_string() + ":1: the front matter opened here is never closed") != std::string::npos);
  CHECK(result.output.find("2 problems; ") != std::string::npos);
  CHECK(slurp(out) == before);
  CHECK(slurp(dir / "content/bad.md") == "---\ntitle: Bad\ndate: 2026-13-01\n---\nBody\n");
}

TEST_CASE("check reports problems and writes nothing") {
  ScratchDir dir;
  spit(dir / "content/a.md", "---\ntitle: A\ndate: 2026-01-01\nstatus: done\n---\nBody\n");
  const auto result = run("check " + quoted(dir / "content"));
  CHECK(result.exit_code == 1);
  CHECK(result.output.find("a.md:4: status must be") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "posts.json"));
  CHECK(run("check " + quoted(test::source_dir() / "content")).exit_code == 0);
}

TEST_CASE("a missing content folder and bad arguments fail clearly") {
  ScratchDir dir;
  const auto missing = run("build " + quoted(dir / "nope") + " -o " + quoted(dir / "x.json"));
  CHECK(missing.exit_code == 1);
  CHECK(missing.output.find("not a folder of posts") != std::string::npos);
  CHECK(run("frobnicate").exit_code != 0);
}

TEST_CASE("serve sends the page's own Content-Security-Policy, plus what only a header can say") {
  const std::string page = slurp(test::source_dir() / "web/index.html");
  const auto policy = header_policy(page);
  REQUIRE(policy);
  const std::string suffix = "; frame-ancestors 'none'";
  REQUIRE(policy->ends_with(suffix));
  const std::string declared = policy->substr(0, policy->size() - suffix.size());
  CHECK(page.find("content=\"" + declared + "\"") != std::string::npos);
  CHECK(declared.find("script-src 'self' 'wasm-unsafe-eval'") != std::string::npos);
  CHECK_FALSE(header_policy("<!doctype html><title>no policy</title>"));
}
