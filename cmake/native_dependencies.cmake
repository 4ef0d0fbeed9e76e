# Native builds take every library from Debian's packages (scripts/setup.sh).
find_package(PkgConfig REQUIRED)
pkg_check_modules(MD4C REQUIRED IMPORTED_TARGET md4c md4c-html)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(xxhash REQUIRED IMPORTED_TARGET libxxhash)
# The site's compressed assets (cli/precompress.hpp); the tests decode them.
pkg_check_modules(BROTLI REQUIRED IMPORTED_TARGET libbrotlienc libbrotlidec)
find_package(ZLIB REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(CLI11 REQUIRED)
find_package(utf8cpp REQUIRED)

# HTML's named references come from the pinned sources' entity.c
# (core/engine/entities.hpp) and the tests compare the renderer with
# md4c-html: the sources must be the version the libraries are.
if(NOT MD4C_md4c-html_VERSION VERSION_EQUAL BUILDLOG_MD4C_VERSION)
  message(FATAL_ERROR "md4c-html ${MD4C_md4c-html_VERSION} is installed, but the sources in ${BUILDLOG_MD4C_DIR} are ${BUILDLOG_MD4C_VERSION}: "
                      "update BUILDLOG_MD4C_VERSION and scripts/setup.sh together")
endif()
add_library(buildlog_md4c INTERFACE)
target_link_libraries(buildlog_md4c INTERFACE PkgConfig::MD4C)
target_include_directories(buildlog_md4c SYSTEM INTERFACE "${BUILDLOG_MD4C_DIR}")

# The author tool allocates millions of small strings while it builds a big
# blog; mimalloc makes that about 15% faster than glibc's malloc. Not with
# the sanitizers, which bring their own allocator.
if(NOT CMAKE_CXX_FLAGS MATCHES "sanitize")
  find_package(mimalloc 2 REQUIRED)
  set(BUILDLOG_FAST_MALLOC mimalloc)
endif()
