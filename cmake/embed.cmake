# tp_embed_resources(target ROOT dir DIRS d1 d2 FILES f1 ...)
# Generates a C++ source holding every file as a byte array, reachable through
# tp::resources::Find("templates/pages/home.mustache"). Gettext catalogues (locales/xx/*.po) are
# compiled with msgfmt and embedded as locales/xx/traineeportal.mo. Rebuilt when a file changes.
find_program(MSGFMT msgfmt REQUIRED)
function(tp_embed_resources target)
  cmake_parse_arguments(E "" "ROOT" "DIRS;FILES" ${ARGN})
  set(pairs)
  set(deps)
  foreach(d ${E_DIRS})
    file(GLOB_RECURSE found CONFIGURE_DEPENDS RELATIVE ${E_ROOT} ${E_ROOT}/${d}/*)
    foreach(f ${found})
      if(f MATCHES "(~|\\.swp)$")
        continue()
      endif()
      if(f MATCHES "^locales/([a-z]+)/traineeportal\\.po$")
        set(lang ${CMAKE_MATCH_1})
        set(mo ${CMAKE_BINARY_DIR}/generated/locales/${lang}/traineeportal.mo)
        add_custom_command(OUTPUT ${mo}
          COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/generated/locales/${lang}
          COMMAND ${MSGFMT} --check -o ${mo} ${E_ROOT}/${f}
          DEPENDS ${E_ROOT}/${f} COMMENT "Compiling catalogue ${lang}")
        list(APPEND pairs "locales/${lang}/traineeportal.mo=${mo}")
        list(APPEND deps ${mo})
      else()
        list(APPEND pairs "${f}=${E_ROOT}/${f}")
        list(APPEND deps ${E_ROOT}/${f})
      endif()
    endforeach()
  endforeach()
  foreach(f ${E_FILES})
    if(EXISTS ${E_ROOT}/${f})
      set(abs ${E_ROOT}/${f})
    elseif(EXISTS ${E_ROOT}/../shared/${f})
      # Reference data lives in ../shared beside the clone.
      get_filename_component(abs ${E_ROOT}/../shared/${f} ABSOLUTE)
    else()
      message(FATAL_ERROR "embedded file ${f} not found in ${E_ROOT} nor ../shared")
    endif()
    list(APPEND pairs "${f}=${abs}")
    list(APPEND deps ${abs})
  endforeach()
  set(out ${CMAKE_BINARY_DIR}/generated/resources.cpp)
  string(REPLACE ";" "|" pairs_arg "${pairs}")
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} "-DPAIRS=${pairs_arg}"
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${deps} ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding resources")
  add_library(${target} STATIC ${out} ${CMAKE_SOURCE_DIR}/src/resources/resources.cpp)
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/src)
endfunction()
