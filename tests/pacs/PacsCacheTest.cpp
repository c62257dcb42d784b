#include "radmark/storage/pacs/PacsCache.h"
#include "TestPaths.h"
#include "radmark/storage/pacs/PacsRetrieve.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace radmark::storage;
using radmark::testing::makeTemporaryFolder;
namespace fs = std::filesystem;

TEST_CASE("The PACS cache lies beside the project, only complete files count, partial ones are removed", "[pacs]")
{
    const std::string folder = makeTemporaryFolder("radmark-pacs-cache");
    const std::string cache = pacsCacheFolder(folder + "/liver.radmark");
    CHECK(cache == folder + "/liver.radmark.pacs-cache");
    const std::string file = cachedInstancePath(cache, "1.2.3", "1.2.3.4", "1.2.3.4.5");
    CHECK(file == cache + "/1.2.3/1.2.3.4/1.2.3.4.5.dcm");
    CHECK(cachedInstancePath(cache, "../x", "a/b", "") == cache + "/..__/___/_.dcm");

    writeCacheFile(file, "DICM bytes");
    CHECK_FALSE(fs::exists(partialCachePath(file)));
    std::ofstream(partialCachePath(cachedInstancePath(cache, "1.2.3", "1.2.3.4", "1.2.3.4.6"))) << "half";
    CHECK(cachedInstanceUids(cache, "1.2.3") == std::set<std::string> { "1.2.3.4.5" });
    CHECK(removePartialCacheFiles(cache, "1.2.3") == 1);
    CHECK(removePartialCacheFiles(cache, "9.9") == 0);
    CHECK(cachedInstanceUids(cache, "1.2.3") == std::set<std::string> { "1.2.3.4.5" });
}

TEST_CASE("An accession list names its bad rows with their lines", "[pacs]")
{
    const std::string folder = makeTemporaryFolder("radmark-pacs-acc");
    std::ofstream(folder + "/list.csv") << "patient,AccessionNumber\n"
                                           "p1,A001\n"
                                           "p2,\n"
                                           "\n"
                                           "p3,\"A\\B\"\n"
                                           "p4,ABCDEFGHIJKLMNOPQ\n"
                                           "p5, A005 \n"
                                           "p6,\"open\n";
    const AccessionList list = readAccessionList(folder + "/list.csv");
    REQUIRE(list.rows.size() == 2);
    CHECK(list.rows[0].line == 2);
    CHECK(list.rows[0].accessionNumber == "A001");
    CHECK(list.rows[1].line == 7);
    CHECK(list.rows[1].accessionNumber == "A005");
    REQUIRE(list.badRows.size() == 4);
    CHECK(list.badRows[0] == "line 3: empty accession number");
    CHECK(list.badRows[1] == "line 5: 'A\\B' holds a backslash, a wildcard or a control character");
    CHECK(list.badRows[2] == "line 6: 'ABCDEFGHIJKLMNOPQ' is longer than 16 characters (not an accession number)");
    CHECK(list.badRows[3] == "line 8: not a CSV record (unterminated quote or text after a closing quote)");

    std::ofstream(folder + "/plain.csv") << "X1\nX2\n";
    CHECK(readAccessionList(folder + "/plain.csv").rows.size() == 2);
    CHECK_THROWS_WITH(readAccessionList(folder + "/none.csv"), folder + "/none.csv: cannot read the accession list");
}
