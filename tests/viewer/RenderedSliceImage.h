#pragma once

#include "TestPaths.h"

#include "radmark/viewer/OffscreenRender.h"

#include <catch2/catch.hpp>

#include <QImage>
#include <QString>

#include <string>

namespace radmark::viewer::testing {

// `request` rendered by renderSliceToPng (as `radmark render` writes it) to `<new temporary folder>/<fileName>`
// (the folder from radmark::testing::makeTemporaryFolder(folderPrefix)) and read back; the test case fails with
// the renderer's message when it cannot render, or when the PNG does not read back.
inline QImage renderSliceImage(
    const SliceRenderRequest& request, const std::string& folderPrefix, const std::string& fileName)
{
    const std::string path = radmark::testing::makeTemporaryFolder(folderPrefix) + "/" + fileName;
    std::string error;
    const bool rendered = renderSliceToPng(request, path, &error);
    INFO(error);
    REQUIRE(rendered);
    QImage image(QString::fromStdString(path));
    REQUIRE(!image.isNull());
    return image;
}

} // namespace radmark::viewer::testing
