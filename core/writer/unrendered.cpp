#include "unrendered.hpp"

#include <algorithm>

#include "markdown.hpp"

namespace buildlog {
namespace {

// The construct opening at `at`, up to its closer on the same line (or the line's end).
std::string_view construct_at(std::string_view text, std::size_t at, std::string_view closer) {
  const auto line_end = std::min(text.find('\n', at), text.size());
  const auto close = text.find(closer, at + 2);
  const auto end = close != std::string_view::npos && close < line_end ? close + closer.size() : line_end;
  std::string_view found = text.substr(at, end - at);
  return found.size() > 80 ? found.substr(0, 80) : found;
}

// The word after the opener: "{% highlight ruby %}" -> "highlight"; "{{< figure src=... >}}" -> "figure".
std::string_view name_in(std::string_view construct) {
  std::size_t b = 2;
  while (b < construct.size() && (construct[b] == ' ' || construct[b] == '<' || construct[b] == '%' || construct[b] == '-' || construct[b] == '/')) ++b;
  std::size_t e = b;
  while (e < construct.size() && (std::isalnum(static_cast<unsigned char>(construct[e])) || construct[e] == '_')) ++e;
  return construct.substr(b, e - b);
}

std::string liquid_advice(std::string_view tag) {
  if (tag == "highlight" || tag == "endhighlight") return "write the code as a fenced block naming its language (```ruby)";
  if (tag == "raw" || tag == "endraw") return "remove it: buildlog shows what it wraps as written already";
  if (tag == "post_url" || tag == "link") return "link the post's address (post/SLUG/) or its Markdown file";
  if (tag == "include" || tag == "include_relative") return "paste the included text into the post";
  return "write its output instead";
}

std::string shortcode_advice(std::string_view name) {
  if (name == "figure") return "write the image in Markdown: ![description](image.png)";
  if (name == "highlight") return "write the code as a fenced block naming its language (```go)";
  if (name == "ref" || name == "relref") return "link the post's address (post/SLUG/) or its Markdown file";
  if (name == "youtube" || name == "vimeo" || name == "tweet" || name == "x" || name == "gist" || name == "instagram") return "link to it instead";
  return "write its output in Markdown instead";
}

struct Finding {
  std::size_t offset;
  std::string message;
};

void scan(std::string_view markdown, const SourceSpan& span, std::vector<Finding>& out) {
  const std::string_view text = markdown.substr(span.offset, span.size);
  for (std::size_t at = text.find('{'); at != std::string_view::npos; at = text.find('{', at + 1)) {
    const std::size_t where = span.offset + at;
    const std::string_view rest = markdown.substr(where);
    if (rest.starts_with("{{<") || rest.starts_with("{{%")) {
      const auto found = construct_at(markdown, where, rest[2] == '<' ? ">}}" : "%}}");
      out.push_back({where, "Hugo shortcode \"" + std::string(found) + "\" shows as written (buildlog has no shortcodes): " + shortcode_advice(name_in(found))});
    } else if (rest.starts_with("{%")) {
      const auto found = construct_at(markdown, where, "%}");
      out.push_back({where, "Liquid tag \"" + std::string(found) + "\" shows as written (buildlog does not run Liquid): " + liquid_advice(name_in(found))});
    } else if (rest.starts_with("{{")) {
      const auto found = construct_at(markdown, where, "}}");
      out.push_back({where, "Liquid expression \"" + std::string(found) +
                                "\" shows as written (buildlog does not run Liquid): write its value (addresses from the site's root need no site.baseurl)"});
    } else if (rest.starts_with("{:") && (where == 0 || markdown[where - 1] == '\n' || markdown[where - 1] == ' ')) {
      const auto found = construct_at(markdown, where, "}");
      if (found.ends_with('}'))
        out.push_back({where, "kramdown attribute list \"" + std::string(found) + "\" shows as written (buildlog does not read them): remove it"});
    } else {
      continue;
    }
    ++at;  // past the opener's second character: "{{" is not also a "{" construct
  }
}

}  // namespace

std::vector<Unrendered> unrendered_constructs(std::string_view markdown, const std::vector<SourceSpan>& spans) {
  std::vector<Finding> findings;
  for (const auto& span : spans)
    if (span.kind == SourceSpan::Kind::text && markdown.substr(span.offset, span.size).find('{') != std::string_view::npos) scan(markdown, span, findings);
  // md4c splits text at its own marks: a construct found twice is one.
  std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) { return a.offset < b.offset; });
  findings.erase(std::unique(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) { return a.offset == b.offset; }), findings.end());
  std::vector<Unrendered> out;
  std::size_t line = 1, counted = 0;
  for (const auto& f : findings) {
    line += static_cast<std::size_t>(std::count(markdown.begin() + static_cast<std::ptrdiff_t>(counted), markdown.begin() + static_cast<std::ptrdiff_t>(f.offset), '\n'));
    counted = f.offset;
    if (out.size() + 1 == max_unrendered && findings.size() > max_unrendered) {
      out.push_back({static_cast<int>(line), std::to_string(findings.size() - out.size()) + " more like these, from this line on"});
      break;
    }
    out.push_back({static_cast<int>(line), f.message});
  }
  return out;
}

}  // namespace buildlog
