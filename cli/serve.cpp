#include "serve.hpp"

#include <httplib.h>

#include <chrono>
#include <csignal>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "connection_gate.hpp"
#include "content.hpp"
#include "feeds.hpp"
#include "preview.hpp"

namespace buildlog {

std::optional<std::string> header_policy(std::string_view html) {
  const auto meta = html.find("http-equiv=\"Content-Security-Policy\"");
  if (meta == std::string_view::npos) return std::nullopt;
  const auto tag_end = html.find('>', meta);
  const auto content = html.find("content=\"", meta);
  if (content == std::string_view::npos || content > tag_end) return std::nullopt;
  const auto begin = content + 9;
  const auto end = html.find('"', begin);
  if (end == std::string_view::npos || end > tag_end) return std::nullopt;
  return std::string(html.substr(begin, end - begin)) + "; frame-ancestors 'none'";
}

namespace {

ConnectionGate* running = nullptr;  // for the signal handler: it only sets the gate's flag
void stop_running(int) {
  if (running != nullptr) running->stop();
}

// An event for EventSource: each line of `data` on a "data:" line of its own.
std::string sse(const Preview::Event& e) {
  std::string out = "event: " + e.name + "\n";
  std::size_t at = 0;
  do {
    const auto end = e.data.find('\n', at);
    out += "data: " + e.data.substr(at, end == std::string::npos ? std::string::npos : end - at) + "\n";
    at = end == std::string::npos ? e.data.size() : end + 1;
  } while (at < e.data.size());
  return out + "\n";
}

// The live preview's script, in an HTML page's head.
void inject_live_script(std::string& page) {
  const auto head_end = page.find("</head>");
  if (head_end != std::string::npos) page.insert(head_end, "<script src=\"/_buildlog/live.js\" defer></script>\n");
}

// The file a request path names inside `root` (canonical, so that every
// spelling of a path is one file), or nullopt when the path must not be
// served: a dotfile or dot-folder, a control character (a %00 in the
// address), or anything that resolves outside the folder, symlinks included.
std::optional<std::filesystem::path> contained(const std::filesystem::path& root, const std::string& path) {
  // One leading slash: "//host/x" is another host to a browser, were it ever echoed in a redirect.
  if (path.empty() || path.front() != '/' || path.starts_with("//")) return std::nullopt;
  for (const char c : path)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return std::nullopt;
  for (std::size_t at = 0; at != std::string::npos; at = path.find('/', at + 1))
    if (at + 1 < path.size() && path[at + 1] == '.') return std::nullopt;
  std::error_code ec;
  auto file = std::filesystem::weakly_canonical(root / std::filesystem::path(path).relative_path(), ec);
  if (ec) return std::nullopt;
  const auto [end, _] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  if (end != root.end()) return std::nullopt;
  if (std::filesystem::is_directory(file, ec)) file /= "index.html";
  return file;
}

// The 404.html nearest to a missing path, as GitHub Pages and Netlify pick
// it: a blog in /blog/ answers /blog/x with /blog/404.html.
std::optional<std::string> not_found_page(const std::filesystem::path& root, const std::string& path) {
  for (std::string folder = path.substr(0, path.rfind('/') + 1); !folder.empty(); folder = folder.substr(0, folder.rfind('/', folder.size() - 2) + 1)) {
    std::string unread;
    if (const auto page = contained(root, folder + "404.html"))
      if (auto bytes = read_file(*page, unread)) return bytes;
    if (folder == "/") break;
  }
  return std::nullopt;
}

// Gzipped files kept: the site's large files, each once.
constexpr std::size_t max_cached_bytes = 64u << 20;

// Whether an Accept-Encoding header takes `coding` ("gzip, deflate, br;q=1"; "br;q=0" refuses it).
bool accepts_encoding(std::string_view header, std::string_view coding) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const auto semicolon = item.find(';');
    std::string_view name = item.substr(0, semicolon);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name != coding) continue;
    const std::string_view params = semicolon == std::string_view::npos ? std::string_view{} : item.substr(semicolon + 1);
    const auto q = params.find("q=");
    return q == std::string_view::npos || std::strtod(std::string(params.substr(q + 2)).c_str(), nullptr) > 0;
  }
  return false;
}

void serve_preview_endpoints(httplib::Server& server, Preview* preview) {
  server.Get("/_buildlog/live.js", [](const httplib::Request&, httplib::Response& res) { res.set_content(preview_script, "text/javascript; charset=utf-8"); });
  server.Get("/_buildlog/events", [preview](const httplib::Request&, httplib::Response& res) {
    auto seen = std::make_shared<unsigned long>(0);
    auto greeted = std::make_shared<bool>(false);
    res.set_chunked_content_provider("text/event-stream", [preview, seen, greeted](std::size_t, httplib::DataSink& sink) {
      Preview::Event event;
      if (!*greeted) {  // a page that just opened learns of problems at once
        *greeted = true;
        event = preview->current();
        *seen = event.number;
        const std::string first = event.name == "problems" ? sse(event) : ": connected\n\n";
        return sink.write(first.data(), first.size());
      }
      if (preview->next_event(*seen, std::chrono::seconds(1), event)) {
        *seen = event.number;
        const std::string text = sse(event);
        return sink.write(text.data(), text.size());
      }
      if (preview->stopping()) return false;
      return sink.write(": still here\n\n", 14);  // finds closed pages
    });
  });
}

}  // namespace

std::string serve_folder(const std::filesystem::path& root, const std::string& host, int port, Preview* preview) {
  std::string error;
  const auto index = read_file(root / "index.html", error);
  if (!index) return (root / "index.html").generic_string() + ": " + error + " (build the site first)";
  const auto policy = header_policy(*index);
  if (!policy) return (root / "index.html").generic_string() + " declares no Content-Security-Policy meta tag";
  std::error_code canonical_ec;
  const auto canonical_root = std::filesystem::canonical(root, canonical_ec);
  if (canonical_ec) return "cannot serve " + root.generic_string() + ": " + canonical_ec.message();
  httplib::Server server;
  // Readers reach the file server through the gate (connection_gate.hpp),
  // which bounds each request's headers and the time they take to arrive,
  // so the server only ever gets whole requests; 64 threads (Debian's
  // library has 8) serve them while the preview's event streams stay open.
  server.new_task_queue = [] { return new httplib::ThreadPool(64); };
  server.set_read_timeout(1, 0);
  server.set_pre_routing_handler([canonical_root, preview](const httplib::Request& req, httplib::Response& res) {
    if (preview != nullptr && req.path.starts_with("/_buildlog/")) return httplib::Server::HandlerResponse::Unhandled;
    const auto file = contained(canonical_root, req.path);
    if (!file) {
      res.status = 404;
      res.set_content("Not found\n", "text/plain; charset=utf-8");
      return httplib::Server::HandlerResponse::Handled;
    }
    // A folder's address without its slash goes to the one with it, as
    // static hosts do, so that the page's relative <base> finds the root.
    if (!req.path.ends_with('/') && file->filename() == "index.html" && !req.path.ends_with("/index.html")) {
      std::string target = req.path + "/";
      if (const auto query = req.target.find('?'); query != std::string::npos) target += req.target.substr(query);
      res.set_redirect(target, 301);
      return httplib::Server::HandlerResponse::Handled;
    }
    // The preview makes a view's page when it is asked for, from its last
    // good build: a folder's address or an .html file (never a part or an asset).
    if (preview != nullptr && (req.method == "GET" || req.method == "HEAD") && (req.path.ends_with('/') || req.path.ends_with(".html"))) {
      if (auto page = preview->page(req.path.substr(1) + (req.path.ends_with('/') ? "index.html" : ""))) {
        inject_live_script(*page);
        res.set_content(*page, "text/html; charset=utf-8");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    // And the feeds and crawlers' files, from the same build; never one the
    // folder kept from an earlier build, such as a feed of a tag no post has now.
    const bool feed_path = is_feed_file(std::string_view(req.path).substr(1));
    const bool crawler_path = req.path == "/sitemap.xml" || req.path == "/robots.txt";
    if (preview != nullptr && (req.method == "GET" || req.method == "HEAD") && (feed_path || crawler_path)) {
      const std::string name = req.path.substr(1);
      if (auto made = feed_path ? preview->feed(name) : preview->page(name))
        res.set_content(*made, name == "robots.txt"     ? "text/plain; charset=utf-8"
                               : name == "sitemap.xml"  ? "application/xml; charset=utf-8"
                               : name.ends_with(".xml") ? "application/atom+xml; charset=utf-8"
                                                        : "application/feed+json; charset=utf-8");
      else
        res.status = 404, res.set_content("Not found\n", "text/plain; charset=utf-8");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
  server.set_file_extension_and_mimetype_mapping("json", "application/json");
  if (!server.set_mount_point("/", root.string())) return "cannot serve " + root.generic_string();
  // Small responses on a kept-alive connection otherwise wait on Nagle's
  // algorithm and delayed ACKs: tens of milliseconds each.
  server.set_tcp_nodelay(true);
  // Responses are gzipped as static hosts do, once per file version: httplib
  // would compress JSON and JavaScript with brotli at its slowest setting on
  // every request (tens of milliseconds each), and wasm not at all. The
  // "; charset=utf-8" (or wasm's type) keeps httplib from compressing again.
  struct Compressed {
    std::filesystem::file_time_type modified;
    std::string body;
  };
  auto cache = std::make_shared<std::pair<std::mutex, std::map<std::string, Compressed>>>();
  if (preview != nullptr) serve_preview_endpoints(server, preview);
  server.set_file_request_handler([canonical_root, cache, preview](const httplib::Request& req, httplib::Response& res) {
    const std::string type = res.get_header_value("Content-Type");
    if (type.starts_with("text/html")) {
      if (preview != nullptr) inject_live_script(res.body);
      return;
    }
    const bool ours = type == "application/json" || type == "application/javascript" || type == "text/javascript" || type == "application/wasm" ||
                      type == "text/css" || type == "image/svg+xml";
    const std::string accepted = req.get_header_value("Accept-Encoding");
    const auto file = contained(canonical_root, req.path);
    if (!ours || !file) return;
    const auto send = [&](std::string body, const char* coding) {
      res.body = std::move(body);
      res.set_header("Content-Encoding", coding);
      res.set_header("Vary", "Accept-Encoding");
      if (type != "application/wasm" && type != "image/svg+xml") {
        res.headers.erase("Content-Type");
        res.set_header("Content-Type", type + "; charset=utf-8");
      }
    };
    std::error_code ec;
    const auto modified = std::filesystem::last_write_time(*file, ec);
    // The build's own compressed copy, when there is one as new as the file
    // (precompress.hpp), to the second: tools that make such copies (brotli,
    // gzip, cp -p) give them their file's time without its fraction.
    for (const auto& [coding, suffix] : {std::pair{"br", ".br"}, std::pair{"gzip", ".gz"}}) {
      if (!accepts_encoding(accepted, coding)) continue;
      const std::filesystem::path copy = file->string() + suffix;
      std::error_code copy_ec;
      if (std::filesystem::last_write_time(copy, copy_ec) < std::chrono::floor<std::chrono::seconds>(modified) || copy_ec) continue;
      std::string unread;
      if (auto bytes = read_file(copy, unread)) return send(std::move(*bytes), coding);
    }
    if (!accepts_encoding(accepted, "gzip")) return;
    std::lock_guard lock(cache->first);
    // Bounded: when the kept files pass the limit, start over.
    std::size_t kept = 0;
    for (const auto& [name, c] : cache->second) kept += c.body.size();
    if (kept > max_cached_bytes) cache->second.clear();
    auto& entry = cache->second[file->string()];
    if (entry.body.empty() || entry.modified != modified) {
      std::string compressed;
      httplib::detail::gzip_compressor gzip;
      if (!gzip.compress(res.body.data(), res.body.size(), true, [&](const char* data, std::size_t n) {
            compressed.append(data, n);
            return true;
          }))
        return;
      entry = {modified, std::move(compressed)};
    }
    send(entry.body, "gzip");
  });
  // Any address without a file gets the site's 404.html, as static hosts
  // serve it: the not-found view, or the engine's view for an address it
  // routes that has no page of its own.
  server.set_error_handler([canonical_root, preview](const httplib::Request& req, httplib::Response& res) {
    if (res.status != 404 || !res.body.empty()) return;
    // The preview's from its last good build; the folder's until there is one (a blog with problems from the start).
    auto page = preview != nullptr ? preview->page("404.html") : std::nullopt;
    if (!page) page = not_found_page(canonical_root, req.path);
    if (page) {
      if (preview != nullptr) inject_live_script(*page);
      res.set_content(*page, "text/html; charset=utf-8");
    } else {
      res.set_content("Not found\n", "text/plain; charset=utf-8");
    }
  });
  server.set_post_routing_handler([policy = *policy](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Security-Policy", policy);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-cache");
  });
  server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    std::cerr << res.status << " " << req.method << " " << req.path << "\n";
  });
  const int upstream = server.bind_to_any_port("127.0.0.1");
  if (upstream < 0) return "cannot start the file server on 127.0.0.1";
  std::string gate_error;
  const auto gate = ConnectionGate::open(host, port, upstream, gate_error);
  if (!gate) return gate_error;
  const int bound = gate->port();
  if (preview != nullptr) std::cout << "Previewing " << root.generic_string() << ", private drafts included, at http://" << host << ":" << bound << "/  (Ctrl+C stops)" << std::endl;
  else std::cout << "Serving " << root.generic_string() << " at http://" << host << ":" << bound << "/  (Ctrl+C stops)" << std::endl;
  std::thread files([&server] { server.listen_after_bind(); });
  running = gate.get();
  std::signal(SIGINT, stop_running);
  std::signal(SIGTERM, stop_running);
  gate->run();
  server.stop();
  files.join();
  running = nullptr;
  return {};
}

}  // namespace buildlog
