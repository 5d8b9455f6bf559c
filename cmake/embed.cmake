# tp_embed_resources(target ROOT dir DIRS d1 d2 FILES f1 ...)
# Generates a C++ source holding every file as a byte array, reachable through
# tp::resources::Find("templates/pages/home.mustache"). Gettext catalogues (locales/xx/*.po) are
# compiled with msgfmt and embedded as locales/xx/traineeportal.mo. Rebuilt when a file changes.
find_program(MSGFMT msgfmt REQUIRED)
find_program(MSGCAT msgcat REQUIRED)
function(tp_embed_resources target)
  cmake_parse_arguments(E "" "ROOT" "DIRS;FILES" ${ARGN})
  set(pairs)
  set(langs)
  set(deps)
  foreach(d ${E_DIRS})
    file(GLOB_RECURSE found CONFIGURE_DEPENDS RELATIVE ${E_ROOT} ${E_ROOT}/${d}/*)
    foreach(f ${found})
      if(f MATCHES "(~|\\.swp)$")
        continue()
      endif()
      if(f MATCHES "^locales/([a-z]+)/[a-z_]+\\.po$")
        # Every area has its own catalogue file; they are merged into one .mo per language.
        list(APPEND po_${CMAKE_MATCH_1} ${E_ROOT}/${f})
        list(APPEND langs ${CMAKE_MATCH_1})
      else()
        list(APPEND pairs "${f}=${E_ROOT}/${f}")
        list(APPEND deps ${E_ROOT}/${f})
      endif()
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES langs)
  foreach(lang ${langs})
    set(mo ${CMAKE_BINARY_DIR}/generated/locales/${lang}/traineeportal.mo)
    set(merged ${CMAKE_BINARY_DIR}/generated/locales/${lang}/traineeportal.po)
    add_custom_command(OUTPUT ${mo}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/generated/locales/${lang}
      COMMAND ${MSGCAT} --use-first -o ${merged} ${po_${lang}}
      COMMAND ${MSGFMT} --check -o ${mo} ${merged}
      DEPENDS ${po_${lang}} COMMENT "Compiling catalogue ${lang}")
    list(APPEND pairs "locales/${lang}/traineeportal.mo=${mo}")
    list(APPEND deps ${mo})
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
  # The list of files goes through a manifest, not the command line (length, shell quoting).
  set(manifest ${CMAKE_BINARY_DIR}/generated/resources.manifest)
  string(REPLACE ";" "\n" manifest_text "${pairs}")
  file(CONFIGURE OUTPUT ${manifest} CONTENT "${manifest_text}\n")
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DMANIFEST=${manifest}
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${deps} ${manifest} ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding resources" VERBATIM)
  add_library(${target} STATIC ${out} ${CMAKE_SOURCE_DIR}/src/resources/resources.cpp)
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/src)
endfunction()
