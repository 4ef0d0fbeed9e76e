#include "precompress.hpp"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zlib.h>

#include <array>
#include <cstdint>

namespace buildlog {

bool worth_precompressing(std::string_view name, std::size_t bytes) {
  constexpr std::array<std::string_view, 5> kinds{".wasm", ".js", ".css", ".svg", ".json"};
  if (bytes < 1024) return false;
  for (const auto kind : kinds)
    if (name.ends_with(kind)) return true;
  return false;
}

std::string gzip(std::string_view bytes, int level) {
  z_stream z{};
  // 15 + 16: a gzip header and trailer around the deflate stream; memory level 9 for the best ratio.
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int done = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return done == Z_STREAM_END ? out : std::string();
}

std::string brotli_best(std::string_view bytes) {
  std::size_t size = BrotliEncoderMaxCompressedSize(bytes.size());
  std::string out(size == 0 ? bytes.size() + 1024 : size, '\0');
  // The smallest window that holds the input: a larger one compresses no better and costs its memory and time.
  int window = BROTLI_MIN_WINDOW_BITS;
  while (window < BROTLI_MAX_WINDOW_BITS && (std::size_t{1} << window) < bytes.size() + 16) ++window;
  if (!BrotliEncoderCompress(BROTLI_MAX_QUALITY, window, BROTLI_MODE_GENERIC, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()),
                             &size, reinterpret_cast<std::uint8_t*>(out.data())))
    return {};
  out.resize(size);
  return out;
}

std::optional<std::string> decoded(std::string_view copy, bool brotli, std::size_t max_bytes) {
  std::string out(max_bytes + 1, '\0');  // one byte more: a longer decoding does not fit
  std::size_t size = out.size();
  if (brotli) {
    if (BrotliDecoderDecompress(copy.size(), reinterpret_cast<const std::uint8_t*>(copy.data()), &size, reinterpret_cast<std::uint8_t*>(out.data())) !=
        BROTLI_DECODER_RESULT_SUCCESS)
      return std::nullopt;
  } else {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) return std::nullopt;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(copy.data()));
    z.avail_in = static_cast<uInt>(copy.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int done = inflate(&z, Z_FINISH);
    size = z.total_out;
    inflateEnd(&z);
    if (done != Z_STREAM_END || z.avail_in != 0) return std::nullopt;
  }
  if (size > max_bytes) return std::nullopt;
  out.resize(size);
  return out;
}

bool decodes_to(std::string_view copy, bool brotli, std::string_view bytes) { return decoded(copy, brotli, bytes.size()) == bytes; }

}  // namespace buildlog
