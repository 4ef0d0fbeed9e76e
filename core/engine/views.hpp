// Every view of the reader's page, as pure functions of what the engine has
// loaded (catalog.hpp) and the route, so the browser and a native prerender
// produce the same HTML.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog.hpp"
#include "html.hpp"
#include "problem.hpp"
#include "route.hpp"
#include "search.hpp"

namespace buildlog {

inline constexpr std::size_t search_page_size = 10;

// How many pages `items` fill at `per_page` each (0 for none). A list's page
// 1 exists even when empty: the views render it, and the author tool writes it.
std::size_t page_count(std::size_t items, std::size_t per_page);

struct Page {
  std::string title;               // for document.title
  Html body;                       // the whole app element's content
  bool found = true;               // false for the not-found view
  std::vector<std::string> needs;  // parts to fetch before the view can render; then title and body are empty
};

// The last finished search. A results view renders again as the parts for
// its hits arrive; once a search has all its parts its matches cannot change,
// so it is not run again for each round.
struct SearchCache {
  std::string query;
  std::size_t ranked = 0;
  std::optional<SearchResults> results;
};

Page render_view(const Catalog& catalog, const Route& route, SearchCache* cache = nullptr);

// Shown when the blog could not be loaded: what went wrong and what to try.
Page render_error_view(std::string_view summary, const Problems& problems);

}  // namespace buildlog
