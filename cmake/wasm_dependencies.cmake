# The wasm build compiles md4c from the sources scripts/setup.sh fetched
# (Debian's md4c 0.4.8, checksum-verified) into third_party/, and reads
# nlohmann/json from a folder that holds only that library, because adding
# /usr/include to em++'s include path clashes with Emscripten's sysroot.
set(BUILDLOG_MD4C_DIR "${CMAKE_SOURCE_DIR}/third_party/md4c-release-0.4.8/src" CACHE PATH "md4c sources")
if(NOT EXISTS "${BUILDLOG_MD4C_DIR}/md4c.c")
  message(FATAL_ERROR "md4c sources not found in ${BUILDLOG_MD4C_DIR}: run scripts/setup.sh")
endif()
add_library(buildlog_md4c STATIC "${BUILDLOG_MD4C_DIR}/md4c.c" "${BUILDLOG_MD4C_DIR}/entity.c")
set_source_files_properties("${BUILDLOG_MD4C_DIR}/md4c.c" "${BUILDLOG_MD4C_DIR}/entity.c" PROPERTIES LANGUAGE C)
target_include_directories(buildlog_md4c SYSTEM PUBLIC "${BUILDLOG_MD4C_DIR}")
target_compile_options(buildlog_md4c PRIVATE -Os -flto -w)

set(BUILDLOG_JSON_INCLUDE "${CMAKE_BINARY_DIR}/nlohmann_only")
file(COPY /usr/include/nlohmann DESTINATION "${BUILDLOG_JSON_INCLUDE}")
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE "${BUILDLOG_JSON_INCLUDE}")
