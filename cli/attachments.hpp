// Files beside posts. A post's body may link the files it shows or offers:
// an image beside it or in its page bundle (`![](cover.png)`), a download,
// a file from the content folder's root (`/images/x.png`, as Jekyll sites
// write them), or another post's Markdown file. Each linked file goes into
// the site under a content-hashed name (assets/cover.0123456789abcdef.png)
// and the body is made to link that; a link to a post's file becomes the
// post's address. A link to a local file that is not there, or that lies
// outside the content folder, is a problem with path:line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "bundle_writer.hpp"
#include "markdown.hpp"
#include "problem.hpp"

namespace buildlog {

// A linked file larger than this is refused: host it elsewhere and link it.
inline constexpr std::uintmax_t max_attachment_bytes = 64u << 20;

// Rewrites `post`'s body (read from `file`, in the folder `content`) and
// lists its attachments. `links` are the body's links and images as read
// (PostRead::links). `post_slugs` maps each post file of the folder (as
// `file` names them) to its slug. Problems name `file` and the line.
void attach_local_files(SourcePost& post, const std::vector<SourceSpan>& links, const std::filesystem::path& file, const std::filesystem::path& content,
                        const std::map<std::filesystem::path, std::string>& post_slugs, Problems& problems);

}  // namespace buildlog
