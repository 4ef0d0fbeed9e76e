#include "site.hpp"

namespace buildlog {

std::string site_field_names() {
  std::string names;
  for (const SiteField& f : site_fields) names += (names.empty() ? "" : ", ") + std::string(f.key);
  return names;
}

}  // namespace buildlog
