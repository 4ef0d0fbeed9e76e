// Markdown with the URL policy: whatever the input, the HTML passes the audit
// (only the core's tags and attributes, only safe addresses, no raw markup),
// and a post's own named references (what its part carries) render it as
// HTML's whole table does, raw HTML allowed or not.
#include <cstdint>
#include <cstdlib>
#include <iostream>

#include "html_audit.hpp"
#include "markdown.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace buildlog;
  const std::string_view md(reinterpret_cast<const char*>(data), size);
  const auto html = render_markdown(md, {.entities = &html_entities()}).str();
  if (const auto bad = test::audit_html(html); !bad.empty()) {
    std::cerr << bad << "\n" << html << "\n";
    std::abort();
  }
  for (const bool raw : {false, true}) {
    const EntityTable own = markdown_entities(md, {.allow_raw_html = raw});
    const std::string whole = raw ? render_markdown(md, {.allow_raw_html = true, .entities = &html_entities()}).str() : html;
    if (render_markdown(md, {.allow_raw_html = raw, .entities = &own}).str() != whole) {
      std::cerr << "the post's own references render it differently" << (raw ? " (raw HTML allowed)" : "") << "\n";
      std::abort();
    }
  }
  (void)markdown_excerpt(md, 40);
  (void)markdown_plain_text(md);
  return 0;
}
