# The wasm build compiles md4c from its pinned sources (BUILDLOG_MD4C_DIR)
# and reads nlohmann/json from a folder that holds only that library, because
# adding /usr/include to em++'s include path clashes with Emscripten's sysroot.
add_library(buildlog_md4c STATIC "${BUILDLOG_MD4C_DIR}/md4c.c")
set_source_files_properties("${BUILDLOG_MD4C_DIR}/md4c.c" PROPERTIES LANGUAGE C)
target_include_directories(buildlog_md4c SYSTEM PUBLIC "${BUILDLOG_MD4C_DIR}")
target_compile_options(buildlog_md4c PRIVATE -Os -flto -w)

set(BUILDLOG_JSON_INCLUDE "${CMAKE_BINARY_DIR}/nlohmann_only")
file(COPY /usr/include/nlohmann DESTINATION "${BUILDLOG_JSON_INCLUDE}")
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE "${BUILDLOG_JSON_INCLUDE}")
