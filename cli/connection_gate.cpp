#include "connection_gate.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <list>
#include <vector>

#include "text.hpp"

namespace buildlog {
namespace {

using Clock = std::chrono::steady_clock;

void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

std::string status_response(const char* status, const char* why) {
  const std::string body = std::string(why) + "\n";
  return std::string("HTTP/1.1 ") + status + "\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

// A connection from a client, and once its head is read, to the file server.
struct Connection {
  int client = -1;
  int upstream = -1;
  Clock::time_point deadline;
  bool head_done = false;
  bool answered = false;  // the gate answered it itself: send, then close
  // After the gate's own answer, what the client still sends is read and
  // dropped for a moment before closing: closing with unread bytes resets
  // the connection, and the client could lose the answer.
  bool draining = false;
  Clock::time_point drain_until;
  bool upstream_spoke = false;  // the file server sent a byte
  std::string head;
  std::size_t scanned = 0, lines = 0;
  std::string to_upstream, to_client;
  bool client_done = false;    // the client sent all it will (or is gone)
  bool upstream_done = false;  // the file server finished its answer
  bool broken = false;         // a socket failed: close now
};

// Reads what `fd` has into `into`, at most up to `room` bytes in all; false at its end or on an error.
bool receive(int fd, std::string& into, std::size_t room) {
  char buffer[16 * 1024];
  while (into.size() < room) {
    const ssize_t n = ::recv(fd, buffer, std::min(sizeof buffer, room - into.size()), 0);
    if (n > 0) {
      into.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return true;
    return false;
  }
  return true;
}

// Sends what it can of `from`; false when the peer is gone.
bool transmit(int fd, std::string& from) {
  while (!from.empty()) {
    const ssize_t n = ::send(fd, from.data(), from.size(), MSG_NOSIGNAL);
    if (n > 0) {
      from.erase(0, static_cast<std::size_t>(n));
      continue;
    }
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
  }
  return true;
}

// Connects without waiting (the loop must never block): the first write waits for POLLOUT.
int connect_upstream(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 && errno != EINPROGRESS) {
    ::close(fd);
    return -1;
  }
  const int on = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  return fd;
}

void answer(Connection& c, const char* status, const char* why) {
  c.to_client = status_response(status, why);
  c.answered = true;
}

// The client's bytes while its head is being read: complete, too large, or not yet.
void read_head(Connection& c, const GateLimits& limits, int upstream_port) {
  if (!receive(c.client, c.head, limits.max_head_bytes + 1)) c.client_done = true;
  const auto end = request_head_end(c.head, c.scanned, c.lines);
  if (c.lines > limits.max_header_lines + 1 || (!end && c.head.size() > limits.max_head_bytes)) {
    answer(c, "431 Request Header Fields Too Large", "Request headers too large or too many");
    return;
  }
  if (!end) {
    if (c.client_done) c.broken = true;  // gone before finishing a request
    return;
  }
  c.upstream = connect_upstream(upstream_port);
  if (c.upstream < 0) {
    answer(c, "502 Bad Gateway", "The file server is not answering");
    return;
  }
  c.to_upstream = one_request_head(std::string_view(c.head).substr(0, *end)) + c.head.substr(*end);
  c.head_done = true;
  c.head.clear();
  c.head.shrink_to_fit();
}

}  // namespace

std::optional<std::size_t> request_head_end(std::string_view bytes, std::size_t& scanned, std::size_t& lines) {
  for (; scanned < bytes.size(); ++scanned) {
    if (bytes[scanned] != '\n') continue;
    ++lines;
    // A blank line: "\n\n" or "\n\r\n" (httplib accepts bare newlines, as most servers do).
    if ((scanned >= 1 && bytes[scanned - 1] == '\n') || (scanned >= 2 && bytes[scanned - 1] == '\r' && bytes[scanned - 2] == '\n'))
      return ++scanned;
  }
  return std::nullopt;
}

std::string one_request_head(std::string_view head) {
  std::string out;
  out.reserve(head.size() + 20);
  bool first = true;
  while (!head.empty()) {
    const auto newline = head.find('\n');
    const std::string_view line = head.substr(0, newline == std::string_view::npos ? head.size() : newline + 1);
    head.remove_prefix(line.size());
    const bool blank = line == "\n" || line == "\r\n";
    if (blank) out += "Connection: close\r\n";
    const std::string name = ascii_lowercase(line.substr(0, std::min(line.find(':'), line.size())));
    if (first || blank || name != "connection") out += line;
    first = false;
  }
  return out;
}

std::unique_ptr<ConnectionGate> ConnectionGate::open(const std::string& host, int port, int upstream_port, std::string& error, GateLimits limits) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (const int failed = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found); failed != 0) {
    error = "cannot listen on " + host + ": " + ::gai_strerror(failed);
    return nullptr;
  }
  int fd = -1;
  for (addrinfo* a = found; a != nullptr && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, 128) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0) {
    error = "cannot listen on " + host + ":" + std::to_string(port) + " (is the port in use?)";
    return nullptr;
  }
  sockaddr_storage bound{};
  socklen_t size = sizeof bound;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &size);
  const int actual = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  set_nonblocking(fd);
  return std::unique_ptr<ConnectionGate>(new ConnectionGate(fd, actual, upstream_port, limits));
}

ConnectionGate::~ConnectionGate() { ::close(listener_); }

void ConnectionGate::run() {
  std::list<Connection> connections;
  std::vector<pollfd> polled;
  std::vector<std::pair<Connection*, bool>> owners;  // beside `polled` after the listener: its connection, and whether it is the client side
  const std::size_t room = limits_.relay_buffer_bytes;
  while (!stopping_) {
    polled.assign(1, pollfd{listener_, POLLIN, 0});
    owners.clear();
    for (Connection& c : connections) {
      short client = 0, upstream = 0;
      if (c.draining || (!c.client_done && !c.answered && (!c.head_done || c.to_upstream.size() < room))) client |= POLLIN;
      if (!c.to_client.empty()) client |= POLLOUT;
      polled.push_back({c.client, client, 0});
      owners.emplace_back(&c, true);
      if (c.upstream >= 0) {
        if (!c.upstream_done && c.to_client.size() < room) upstream |= POLLIN;
        if (!c.to_upstream.empty()) upstream |= POLLOUT;
        polled.push_back({c.upstream, upstream, 0});
        owners.emplace_back(&c, false);
      }
    }
    if (::poll(polled.data(), polled.size(), 100) < 0 && errno != EINTR) break;

    for (std::size_t i = 1; i < polled.size(); ++i) {
      Connection& c = *owners[i - 1].first;
      const short got = polled[i].revents;
      if (got == 0 || c.broken) continue;
      if (owners[i - 1].second) {
        if (got & (POLLIN | POLLHUP | POLLERR)) {
          if (c.draining) {
            std::string dropped;
            if (!receive(c.client, dropped, room)) c.broken = true;  // the client has closed: done
          } else if (!c.head_done && !c.answered) {
            read_head(c, limits_, upstream_port_);
          } else if (!c.answered && !receive(c.client, c.to_upstream, room)) {
            c.client_done = true;
          }
        }
        if ((got & POLLOUT) && !transmit(c.client, c.to_client)) c.broken = true;
        if ((got & (POLLERR | POLLNVAL))) c.broken = true;
      } else {
        const std::size_t had = c.to_client.size();
        if ((got & (POLLIN | POLLHUP | POLLERR)) && !receive(c.upstream, c.to_client, room)) c.upstream_done = true;
        if ((got & POLLOUT) && !transmit(c.upstream, c.to_upstream)) c.upstream_done = true;
        c.upstream_spoke = c.upstream_spoke || c.to_client.size() > had;
        if (c.upstream_done && !c.upstream_spoke && !c.answered) answer(c, "502 Bad Gateway", "The file server did not answer");
        // Closed once it is done: a hung-up socket wakes poll at once, and the
        // rest of the answer may take a slow client a while to read.
        if (c.upstream_done) {
          ::close(c.upstream);
          c.upstream = -1;
        }
      }
    }

    // New connections: each gets until its deadline to send a whole head.
    if (polled[0].revents & POLLIN) {
      while (true) {
        const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) break;
        if (connections.size() >= limits_.max_connections) {
          std::string busy = status_response("503 Service Unavailable", "Too many connections");
          transmit(fd, busy);
          ::close(fd);
          continue;
        }
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        Connection& c = connections.emplace_back();
        c.client = fd;
        c.deadline = Clock::now() + limits_.head_deadline;
      }
    }

    const auto now = Clock::now();
    for (auto it = connections.begin(); it != connections.end();) {
      Connection& c = *it;
      if (!c.head_done && !c.answered && now > c.deadline) answer(c, "408 Request Timeout", "The request took too long to arrive");
      if (c.answered && !c.draining && c.to_client.empty()) {
        ::shutdown(c.client, SHUT_WR);
        c.draining = true;
        c.drain_until = now + std::chrono::seconds(1);
      }
      const bool finished = c.broken || (c.draining && now > c.drain_until) || (!c.answered && c.head_done && c.upstream_done && c.to_client.empty());
      if (!finished) {
        ++it;
        continue;
      }
      ::close(c.client);
      if (c.upstream >= 0) ::close(c.upstream);
      it = connections.erase(it);
    }
  }
  for (Connection& c : connections) {
    ::close(c.client);
    if (c.upstream >= 0) ::close(c.upstream);
  }
}

}  // namespace buildlog
