#include "attachments.hpp"

#include <algorithm>
#include <optional>

#include "content.hpp"
#include "markdown.hpp"
#include "pages.hpp"
#include "route.hpp"
#include "url_policy.hpp"

namespace buildlog {
namespace fs = std::filesystem;
namespace {

// A file's name as the site names it: letters, digits, '.', '_' and '-'.
std::string site_name(const fs::path& file) {
  std::string name = file.filename().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') c = '-';
  return name;
}

bool looks_like_a_file(std::string_view path) {
  const auto slash = path.rfind('/');
  const std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const auto dot = last.rfind('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < last.size();
}

struct Edit {
  std::size_t offset, size;
  std::string with;
};

}  // namespace

void attach_local_files(SourcePost& post, const std::vector<SourceSpan>& links, const fs::path& file, const fs::path& content,
                        const std::map<fs::path, std::string>& post_slugs, Problems& problems) {
  if (post.body.empty()) return;
  const fs::path root = content.lexically_normal();
  std::error_code ec;
  std::optional<fs::path> real_root;  // made when a link names a file: it costs a readlink per folder of the path
  const fs::path folder = file.parent_path();
  std::vector<Edit> edits;
  const auto problem = [&](std::size_t offset, std::string message) {
    const int line = post.body_line + static_cast<int>(std::count(post.body.begin(), post.body.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    problems.push_back({file.generic_string() + ":" + std::to_string(line), std::move(message)});
  };
  for (const SourceSpan& span : links) {
    if (span.kind == SourceSpan::Kind::text) continue;
    const std::string_view dest = std::string_view(post.body).substr(span.offset, span.size);
    if (dest.front() == '#' || dest.starts_with("//") || has_scheme(dest)) continue;
    const auto cut = dest.find_first_of("?#");
    const std::string_view path = dest.substr(0, cut);
    const std::string_view suffix = cut == std::string_view::npos ? std::string_view{} : dest.substr(cut);
    if (path.empty()) continue;
    std::string decoded = percent_decode(path);
    // What a browser would make of it: leading spaces and controls go, and then a scheme is a scheme (" javascript:").
    decoded.erase(0, std::min(decoded.size(), static_cast<std::size_t>(std::find_if(decoded.begin(), decoded.end(), [](unsigned char c) { return c > ' '; }) - decoded.begin())));
    if (decoded.empty() || has_scheme(decoded)) continue;
    // "/images/x.png" is from the content folder's root (as Jekyll sites write them), anything else from the post's folder.
    const bool from_root = decoded.front() == '/';
    const fs::path target = (from_root ? root / decoded.substr(std::min(decoded.size(), decoded.find_first_not_of('/'))) : folder / decoded).lexically_normal();
    const fs::path relative = target.lexically_relative(root);
    if (relative.empty() || *relative.begin() == "..") {
      problem(span.offset, "links to \"" + std::string(dest) + "\", outside the content folder: put the file in " + root.generic_string());
      continue;
    }
    if (const auto linked = post_slugs.find(target); linked != post_slugs.end()) {
      edits.push_back({span.offset, span.size, to_address(PostRoute{linked->second}) + std::string(suffix)});
      continue;
    }
    if (!fs::is_regular_file(target, ec)) {
      // A folder or a site address ("post/other/", "tag/aws/") is not a file; a name with an extension, or an image, is.
      if (!fs::exists(target, ec) && (span.kind == SourceSpan::Kind::image || looks_like_a_file(path)))
        problem(span.offset, "links to \"" + std::string(dest) + "\", which is not there (no file " + target.generic_string() + ")");
      continue;
    }
    if (std::any_of(relative.begin(), relative.end(), [](const fs::path& part) { return part.string().starts_with('.'); })) {
      problem(span.offset, "links to \"" + std::string(dest) + "\", a hidden file, which a site never publishes");
      continue;
    }
    if (!real_root) real_root = fs::weakly_canonical(content, ec);
    const fs::path real = fs::weakly_canonical(target, ec);
    const fs::path inside = real.lexically_relative(*real_root);
    if (ec || inside.empty() || *inside.begin() == "..") {
      problem(span.offset, "links to \"" + std::string(dest) + "\", a link to a file outside the content folder, which a site never publishes");
      continue;
    }
    if (const auto size = fs::file_size(target, ec); ec || size > max_attachment_bytes) {
      problem(span.offset, "links to \"" + std::string(dest) + "\", " +
                               (ec ? "which cannot be read: " + ec.message() : "more than the limit of " + std::to_string(max_attachment_bytes >> 20) + " MB: host it elsewhere and link it"));
      continue;
    }
    std::string error;
    const auto bytes = read_file(target, error);
    if (!bytes) {
      problem(span.offset, "links to \"" + std::string(dest) + "\", which cannot be read: " + error);
      continue;
    }
    const Asset asset = hashed_asset(site_name(target), *bytes);
    edits.push_back({span.offset, span.size, asset.hashed + std::string(suffix)});
    const SourcePost::Attachment attachment{target.generic_string(), asset.hashed};
    if (std::find(post.attachments.begin(), post.attachments.end(), attachment) == post.attachments.end()) post.attachments.push_back(attachment);
  }
  // From the end, so that each edit's offset still holds.
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.offset > b.offset; });
  for (const Edit& e : edits) post.body.replace(e.offset, e.size, e.with);
}

}  // namespace buildlog
