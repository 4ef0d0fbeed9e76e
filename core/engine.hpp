// The reader's engine: the state the page keeps between calls (the loaded
// blog and its search index) and the two things the host asks of it.
// Nothing here throws: every failure becomes the error view.
#pragma once

#include <memory>
#include <string_view>

#include "blog.hpp"
#include "problem.hpp"
#include "search_index.hpp"
#include "views.hpp"

namespace buildlog {

class Engine {
 public:
  // Replaces the blog with the bundle in `json`. On problems the engine
  // keeps no blog and renders the error view until a good bundle loads.
  // Returns the problems (empty on success).
  const Problems& load(std::string_view json) noexcept;

  // The host could not get the bundle at all (network, 404, ...).
  void fail(std::string_view why) noexcept;

  // The page for a location hash.
  Page render(std::string_view hash) const noexcept;

  bool loaded() const noexcept { return blog_ != nullptr; }

 private:
  struct Loaded {
    explicit Loaded(Bundle b) : blog(std::move(b)), index(blog.bundle.posts) {}
    Blog blog;
    SearchIndex index;
  };
  std::unique_ptr<Loaded> blog_;
  std::string failure_ = "The engine has not loaded posts.json yet.";
  Problems problems_;
};

}  // namespace buildlog
