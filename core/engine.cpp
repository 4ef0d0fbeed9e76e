#include "engine.hpp"

namespace buildlog {

const Problems& Engine::load(std::string_view json) noexcept {
  blog_.reset();
  problems_.clear();
  try {
    auto loaded = load_bundle(json);
    if (loaded.bundle) {
      blog_ = std::make_unique<Loaded>(std::move(*loaded.bundle));
      return problems_;
    }
    problems_ = std::move(loaded.problems);
    failure_ = "posts.json is not a valid blog bundle:";
  } catch (const std::bad_alloc&) {
    problems_ = {{"", "not enough memory to load this bundle"}};
    failure_ = "posts.json could not be loaded:";
  } catch (...) {
    problems_ = {{"", "an unexpected error while loading the bundle"}};
    failure_ = "posts.json could not be loaded:";
  }
  return problems_;
}

void Engine::fail(std::string_view why) noexcept {
  blog_.reset();
  problems_.clear();
  try {
    failure_ = std::string(why);
  } catch (...) {
    failure_ = "posts.json could not be fetched.";
  }
}

Page Engine::render(std::string_view hash) const noexcept {
  try {
    if (blog_ == nullptr) return render_error_view(failure_, problems_);
    return render_view(blog_->blog, blog_->index, parse_route(hash));
  } catch (...) {
    try {
      return render_error_view("This page could not be rendered.", {});
    } catch (...) {
      return {};
    }
  }
}

}  // namespace buildlog
