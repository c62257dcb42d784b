# CPack: a Debian 12 package of the radmark binary (packaging/build-deb.sh; test deb_package).
# The install rules live in app/CMakeLists.txt. The icon is also compiled in (Qt resources); label
# schemas are found at <exe dir>/../share/radmark/label-schemas, which the package installs.

# `cpack` must not build every target (tests, benchmarks) before installing: build `radmark` first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(FILES "${PROJECT_SOURCE_DIR}/packaging/radmark-mime.xml" DESTINATION share/mime/packages RENAME radmark.xml)
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION share/doc/radmark RENAME copyright)
install(FILES "${PROJECT_SOURCE_DIR}/CHANGELOG.md" DESTINATION share/doc/radmark)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME radmark)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_CONTACT "RadMark maintainers <radmark@localhost>")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/packages")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Debug information stays in the build tree; the package ships stripped binaries.
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Label CT and MRI studies for machine learning
 View DICOM series in three planes and 3D, measure lesions (RECIST, boxes), label studies from
 their reports, review saliency maps and export datasets (COCO, NIfTI, DeepLesion, DICOM SR).")
# Plugins Qt loads at run time, which dpkg-shlibdeps cannot see: the SVG icon engine/image format.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "shared-mime-info, desktop-file-utils")
find_program(RADMARK_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(RADMARK_DPKG_SHLIBDEPS)
  # Depends computed from the libraries the binary links (Qt 6, VTK 9.1, ITK 5.2, DCMTK, SQLite).
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS
         ", libqt6widgets6, libqt6gui6, libqt6core6, libqt6opengl6, libqt6openglwidgets6, libvtk9.1"
         ", libvtk9.1-qt, libinsighttoolkit5.2, libdcmtk17, libsqlite3-0, libgdcm3.0, libpng16-16, zlib1g")
endif()
include(CPack)
