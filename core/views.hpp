// Every view of the reader's page, as pure functions of the blog and the
// route, so the browser and a native prerender produce the same HTML.
#pragma once

#include <string>

#include "blog.hpp"
#include "html.hpp"
#include "problem.hpp"
#include "route.hpp"
#include "search_index.hpp"

namespace buildlog {

struct Page {
  std::string title;  // for document.title
  Html body;          // the whole app element's content
  bool found = true;  // false for the not-found view
};

Page render_view(const Blog& blog, const SearchIndex& index, const Route& route);

// Shown when the blog could not be loaded: what went wrong and what to try.
Page render_error_view(std::string_view summary, const Problems& problems);

}  // namespace buildlog
