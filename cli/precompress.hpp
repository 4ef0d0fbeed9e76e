// Compressed copies of the site's large assets, written beside them at build
// time ("engine.HASH.wasm.br", ".gz") at the strongest settings, which no
// server could afford per request: static hosts that look for them
// (nginx's gzip_static and brotli_static, Netlify, Cloudflare Pages) and
// `buildlog serve` send them as they are.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace buildlog {

// Whether an asset named `name` of `bytes` bytes gets compressed copies:
// the engine, its loader, the shim, the stylesheet and the icon, from 1 KB.
bool worth_precompressing(std::string_view name, std::size_t bytes);

// `bytes` gzipped at zlib's `level` (the site's copies: 9, the strongest),
// and in brotli at quality 11 with the smallest window that holds them;
// empty if the library fails (the copy is then left out).
std::string gzip(std::string_view bytes, int level);
inline std::string gzip_best(std::string_view bytes) { return gzip(bytes, 9); }
std::string brotli_best(std::string_view bytes);

// What `copy` (gzip, or brotli when `brotli`) decodes to, or nullopt when it
// is not such a stream or decodes to more than `max_bytes`.
std::optional<std::string> decoded(std::string_view copy, bool brotli, std::size_t max_bytes);

// Whether `copy` decodes to exactly `bytes`: a copy made elsewhere, or by an
// earlier build that was cut short, is only taken when it does.
bool decodes_to(std::string_view copy, bool brotli, std::string_view bytes);

}  // namespace buildlog
