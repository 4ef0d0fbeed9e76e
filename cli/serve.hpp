// A small static file server for trying a built site on localhost. It sends
// the reader page's Content-Security-Policy with every response, so what
// works here works under the same policy on a real host.
#pragma once

#include <filesystem>
#include <string>

namespace buildlog {

inline constexpr const char* content_security_policy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https: data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// Serves `root` until interrupted. Returns a message when it cannot start.
std::string serve_folder(const std::filesystem::path& root, const std::string& host, int port);

}  // namespace buildlog
