// Markdown with the URL policy: whatever the input, the HTML passes the audit
// (only the core's tags and attributes, only safe addresses, no raw markup).
#include <cstdint>
#include <cstdlib>
#include <iostream>

#include "html_audit.hpp"
#include "markdown.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace buildlog;
  const std::string_view md(reinterpret_cast<const char*>(data), size);
  const auto html = render_markdown(md).str();
  if (const auto bad = test::audit_html(html); !bad.empty()) {
    std::cerr << bad << "\n" << html << "\n";
    std::abort();
  }
  (void)markdown_excerpt(md, 40);
  (void)markdown_plain_text(md);
  return 0;
}
