// The door in front of `buildlog serve`'s file server. Debian's cpp-httplib
// (0.11) reads a request's headers without a bound on their number and gives
// each connection a thread for as long as it keeps sending, so a client that
// trickles a byte a second, or sends headers without end, holds a thread or
// memory for as long as it likes. The gate takes every connection on one
// thread, reads each request's head within bounds and a deadline, and only
// then hands it to the file server (listening on 127.0.0.1 only), one
// request per connection, relaying the answer back as it comes. A head too
// large or too slow gets its status (431, 408) from the gate; the file
// server never sees it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace buildlog {

struct GateLimits {
  std::size_t max_head_bytes = 16 * 1024;  // the request line and headers (browsers send 1-2 KB)
  std::size_t max_header_lines = 100;
  std::chrono::milliseconds head_deadline{5000};  // from the connection to its head's end
  std::size_t max_connections = 512;              // more are answered 503 and closed
  std::size_t relay_buffer_bytes = 64 * 1024;     // per direction, per connection
};

class ConnectionGate {
 public:
  // Listens on `host`:`port` (0: a free port); nullopt with `error` set when it cannot.
  static std::unique_ptr<ConnectionGate> open(const std::string& host, int port, int upstream_port, std::string& error, GateLimits limits = {});
  ~ConnectionGate();
  ConnectionGate(const ConnectionGate&) = delete;
  ConnectionGate& operator=(const ConnectionGate&) = delete;

  int port() const { return port_; }
  // Takes connections until stop(); returns then, every connection closed.
  void run();
  // From any thread, or a signal handler (it only sets a flag run() looks at).
  void stop() { stopping_ = true; }

 private:
  ConnectionGate(int listener, int port, int upstream_port, GateLimits limits)
      : listener_(listener), port_(port), upstream_port_(upstream_port), limits_(limits) {}
  int listener_;
  int port_;
  int upstream_port_;
  GateLimits limits_;
  std::atomic<bool> stopping_ = false;
};

// Where a request's head ends in `bytes` (just past its blank line), or
// nullopt while it has not ended. Reads on from `scanned` (bytes looked at
// by an earlier call, which it advances) and counts lines into `lines`, so
// a head that arrives a byte at a time costs its length, not its square.
std::optional<std::size_t> request_head_end(std::string_view bytes, std::size_t& scanned, std::size_t& lines);

// The head as the file server gets it: every Connection header replaced by
// "Connection: close", so that each connection carries one request and the
// gate reads every head.
std::string one_request_head(std::string_view head);

}  // namespace buildlog
