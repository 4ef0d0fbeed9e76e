#include "engine.hpp"

namespace buildlog {

const Problems& Engine::load(std::string_view json) noexcept {
  catalog_.reset();
  search_cache_ = {};
  problems_.clear();
  auto loaded = load_entry(json);
  if (loaded.entry) {
    catalog_ = std::make_unique<Catalog>(std::move(*loaded.entry));
    return problems_;
  }
  problems_ = std::move(loaded.problems);
  failure_ = "posts.json is not a valid blog bundle:";
  return problems_;
}

void Engine::fail(std::string_view why) noexcept {
  catalog_.reset();
  search_cache_ = {};
  problems_.clear();
  failure_ = std::string(why);
}

bool Engine::provide(std::string_view name, std::string_view bytes) noexcept {
  return catalog_ != nullptr && catalog_->provide(name, bytes).empty();
}

void Engine::fail_part(std::string_view name, std::string_view why) noexcept {
  if (catalog_ != nullptr) catalog_->fail(name, why);
}

Page Engine::render(std::string_view address) const noexcept {
  if (catalog_ == nullptr) return render_error_view(failure_, problems_);
  return render_view(*catalog_, parse_route(address), &search_cache_);
}

}  // namespace buildlog
