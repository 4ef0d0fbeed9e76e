// The gate in front of `buildlog serve` (cli/connection_gate.hpp): where a
// request's head ends, read a piece at a time, and the head the file server gets.
#include <catch2/catch.hpp>

#include <string>

#include "connection_gate.hpp"

using namespace buildlog;

TEST_CASE("a request's head ends at its blank line, found however the bytes arrive") {
  const std::string head = "GET / HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\nBODY";
  std::size_t scanned = 0, lines = 0;
  CHECK(request_head_end(head, scanned, lines) == head.size() - 4);
  CHECK(lines == 4);
  // A byte at a time: not ended until the blank line's last byte, and the lines counted once each.
  std::string partial;
  scanned = lines = 0;
  std::optional<std::size_t> end;
  for (std::size_t i = 0; i < head.size() && !end; ++i) {
    partial += head[i];
    end = request_head_end(partial, scanned, lines);
    if (!end) CHECK(i < head.size() - 5);
  }
  CHECK(end == head.size() - 4);
  CHECK(lines == 4);
  // Bare newlines end it too; a lone "\r" does not.
  scanned = lines = 0;
  CHECK(request_head_end("GET / HTTP/1.0\nHost: a\n\n", scanned, lines) == 24u);
  scanned = lines = 0;
  CHECK_FALSE(request_head_end("GET / HTTP/1.1\r\nHost: a\r\n\r", scanned, lines));
}

TEST_CASE("the file server gets one request per connection: Connection headers become one 'Connection: close'") {
  CHECK(one_request_head("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\nCONNECTION: Upgrade\r\nAccept: */*\r\n\r\n") ==
        "GET / HTTP/1.1\r\nHost: a\r\nAccept: */*\r\nConnection: close\r\n\r\n");
  CHECK(one_request_head("GET /connection: HTTP/1.1\r\n\r\n") == "GET /connection: HTTP/1.1\r\nConnection: close\r\n\r\n");
  CHECK(one_request_head("GET / HTTP/1.0\nHost: a\n\n") == "GET / HTTP/1.0\nHost: a\nConnection: close\r\n\n");
}
