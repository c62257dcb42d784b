#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/project/ProjectError.h"

#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace radmark;

TEST_CASE("a volume larger than the available memory is refused before allocation, naming the file", "[loader][memory]")
{
    // 20000^3 voxels of 2 bytes: 16 TB, far beyond any machine this runs on. No data file is needed:
    // the refusal comes from the header alone.
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-huge-volume");
    const std::string header = folder + "/huge.mhd";
    std::ofstream(header) << "ObjectType = Image\nNDims = 3\nDimSize = 20000 20000 20000\n"
                             "ElementType = MET_SHORT\nElementSpacing = 1 1 1\nElementDataFile = huge.raw\n";
    try {
        storage::loadSeriesFiles({ header });
        FAIL("the huge volume was not refused");
    } catch (const storage::ProjectError& error) {
        const std::string message = error.what();
        INFO(message);
        CHECK(message.find(header) != std::string::npos);
        CHECK(message.find("20000 x 20000 x 20000 voxels") != std::string::npos);
        CHECK(message.find("MB of memory but only") != std::string::npos);
    }
}
