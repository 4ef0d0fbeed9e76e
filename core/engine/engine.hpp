// The reader's engine: the state the page keeps between calls (the loaded
// entry and every part fetched since) and what the host asks of it.
// No input makes these fail: every problem with what the host passes in
// becomes the error view. The one failure left is running out of memory
// (the loaders bound what they build, docs/security.md), and it ends the
// engine: natively noexcept terminates the program; the reader's engine is
// built without exceptions, so there it traps, and the page starts a fresh
// engine that shows why (web/shim.js).
//
// The host's loop: load(posts.json); then for each route, render(address); when
// the page says it needs parts, fetch them, provide() each (or fail_part()),
// and render again.
#pragma once

#include <memory>
#include <string_view>

#include "catalog.hpp"
#include "problem.hpp"
#include "views.hpp"

namespace buildlog {

class Engine {
 public:
  // Replaces the blog with the entry in `json` and forgets every part. On
  // problems the engine keeps no blog and renders the error view until a
  // good entry loads. Returns the problems (empty on success).
  const Problems& load(std::string_view json) noexcept;

  // The host could not get posts.json at all (network, 404, ...).
  void fail(std::string_view why) noexcept;

  // A part a page needed, fetched. Returns false when it has problems; the
  // views that need it then show the error view.
  bool provide(std::string_view name, std::string_view bytes) noexcept;
  // The host could not fetch a part.
  void fail_part(std::string_view name, std::string_view why) noexcept;

  // The page for an address relative to the site's root (route.hpp), or
  // the parts it needs first.
  Page render(std::string_view address) const noexcept;

  bool loaded() const noexcept { return catalog_ != nullptr; }

 private:
  std::unique_ptr<Catalog> catalog_;
  mutable SearchCache search_cache_;  // belongs with catalog_: cleared when it is replaced
  std::string failure_ = "The engine has not loaded posts.json yet.";
  Problems problems_;
};

}  // namespace buildlog
