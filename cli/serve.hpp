// A small static file server for trying a built site on localhost. It sends
// the served page's own Content-Security-Policy (from index.html's meta tag:
// the policy has one home) as a header with every response, so what works
// here works under the same policy on a real host.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace buildlog {

// What `buildlog serve` does, as both programs' help says it.
inline constexpr const char* serve_summary =
    "Preview a folder of posts as you write (rebuilt and shown on every save, private drafts too), or serve a built site";

// The policy `html` declares in <meta http-equiv="Content-Security-Policy">,
// plus frame-ancestors 'none' (which only a header can carry); nullopt when
// it declares none.
std::optional<std::string> header_policy(std::string_view html);

class Preview;

// Serves `root` until interrupted (SIGINT, SIGTERM). Returns a message when
// it cannot start. With a `preview` (preview.hpp), serves its site, and each
// page also loads /_buildlog/live.js, which listens to /_buildlog/events.
std::string serve_folder(const std::filesystem::path& root, const std::string& host, int port, Preview* preview = nullptr);

}  // namespace buildlog
