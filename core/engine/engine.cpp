#include "engine.hpp"

namespace buildlog {

const Problems& Engine::load(std::string_view json) noexcept {
  catalog_.reset();
  search_cache_ = {};
  problems_.clear();
  try {
    auto loaded = load_entry(json);
    if (loaded.entry) {
      catalog_ = std::make_unique<Catalog>(std::move(*loaded.entry));
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
  catalog_.reset();
  search_cache_ = {};
  problems_.clear();
  try {
    failure_ = std::string(why);
  } catch (...) {
    failure_ = "posts.json could not be fetched.";
  }
}

bool Engine::provide(std::string_view name, std::string_view bytes) noexcept {
  if (catalog_ == nullptr) return false;
  try {
    return catalog_->provide(name, bytes).empty();
  } catch (...) {
    fail_part(name, "could not be loaded (out of memory?)");
    return false;
  }
}

void Engine::fail_part(std::string_view name, std::string_view why) noexcept {
  if (catalog_ == nullptr) return;
  try {
    catalog_->fail(name, why);
  } catch (...) {
  }
}

Page Engine::render(std::string_view address) const noexcept {
  try {
    if (catalog_ == nullptr) return render_error_view(failure_, problems_);
    return render_view(*catalog_, parse_route(address), &search_cache_);
  } catch (...) {
    try {
      return render_error_view("This page could not be rendered.", {});
    } catch (...) {
      return {};
    }
  }
}

}  // namespace buildlog
