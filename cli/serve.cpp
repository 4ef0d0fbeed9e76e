#include "serve.hpp"

#include <httplib.h>

#include <iostream>

namespace buildlog {

std::string serve_folder(const std::filesystem::path& root, const std::string& host, int port) {
  if (!std::filesystem::is_regular_file(root / "index.html")) return root.generic_string() + " has no index.html: build the site first";
  httplib::Server server;
  server.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
  server.set_file_extension_and_mimetype_mapping("json", "application/json");
  if (!server.set_mount_point("/", root.string())) return "cannot serve " + root.generic_string();
  server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Security-Policy", content_security_policy);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-cache");
  });
  server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    std::cerr << res.status << " " << req.method << " " << req.path << "\n";
  });
  const int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (bound < 0) return "cannot listen on " + host + ":" + std::to_string(port) + " (is the port in use?)";
  std::cout << "Serving " << root.generic_string() << " at http://" << host << ":" << bound << "/  (Ctrl+C stops)" << std::endl;
  server.listen_after_bind();
  return {};
}

}  // namespace buildlog
