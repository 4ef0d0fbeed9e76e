# Fails the engine's build when its speed options no longer inline: reads the
# LLVM IR of cmake/inlining_probe.cpp (compiled with those options) and
# refuses it if the probe still calls out.
#   cmake -DIR=probe.ll -DSTAMP=file -P check_inlining.cmake
file(READ "${IR}" ir)
string(REGEX MATCH "define[^\n]*buildlog_inlining_probe[^{]*{[^}]*}" body "${ir}")
if(body STREQUAL "")
  message(FATAL_ERROR "check_inlining: no buildlog_inlining_probe in ${IR}")
endif()
if(body MATCHES "call ")
  message(FATAL_ERROR "The engine's speed options no longer inline (-fno-inline-functions is back): "
                      "search runs 2-3 times slower and Markdown about a third slower. See BUILDLOG_SPEED_OPTIONS in core/engine/CMakeLists.txt.")
endif()
file(WRITE "${STAMP}" "inlined\n")
