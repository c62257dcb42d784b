// Damaged PNG saliency maps (issue 17 item 5): libpng's errors come back as ProjectError naming the file instead
// of aborting the process; a map that does not load is never stored; `SaliencyStore::removeMap` takes a map away
// with its reviews and checks.
#include "StudyRecordFixture.h"
#include "TestFiles.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/SaliencyStore.h"
#include "radmark/storage/saliency/SaliencyManifest.h"
#include "radmark/storage/saliency/SaliencyMapLoader.h"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <fstream>

using namespace radmark::storage;
using radmark::annotation::ImageGeometry;
using radmark::testing::makeTemporaryFolder;
using radmark::testing::studyRecord;
using radmark::testing::writeTextFile;

namespace {

std::string bigEndian32(std::uint32_t value)
{
    return std::string { static_cast<char>(value >> 24), static_cast<char>(value >> 16), static_cast<char>(value >> 8),
        static_cast<char>(value) };
}

std::string chunk(const std::string& type, const std::string& data)
{
    const std::string typed = type + data;
    const auto crc = static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size())));
    return bigEndian32(static_cast<std::uint32_t>(data.size())) + typed + bigEndian32(crc);
}

// An 8-bit greyscale PNG of 3 x 2 pixels with values 10, 20, 30 / 40, 50, 60; `idat` replaces the compressed data.
std::string greyPng(const std::string* idat = nullptr)
{
    std::string raw;
    for (int row = 0; row < 2; ++row) {
        raw.push_back('\0'); // filter type None
        for (int column = 0; column < 3; ++column) {
            raw.push_back(static_cast<char>(10 * (row * 3 + column + 1)));
        }
    }
    uLongf size = compressBound(static_cast<uLong>(raw.size()));
    std::string compressed(size, '\0');
    compress(reinterpret_cast<Bytef*>(compressed.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
        static_cast<uLong>(raw.size()));
    compressed.resize(size);
    const std::string header = bigEndian32(3) + bigEndian32(2) + std::string { 8, 0, 0, 0, 0 };
    return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", header) + chunk("IDAT", idat ? *idat : compressed)
        + chunk("IEND", "");
}

void write(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

const ImageGeometry kSeries = ImageGeometry::regular(3, 2, 4, 1.0, 1.0, {}, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 });

std::string loadFailure(const std::string& path)
{
    try {
        (void)loadSaliencyMap(path, kSeries, 0);
    } catch (const ProjectError& error) {
        return error.what();
    }
    return "loaded";
}

} // namespace

TEST_CASE("A PNG saliency map is read exactly, damaged PNGs are refused with the reason, never aborting",
    "[saliency][png][hostile]")
{
    const std::string folder = makeTemporaryFolder("radmark-png-damage");
    write(folder + "/good.png", greyPng());
    const LoadedSaliencyMap loaded = loadSaliencyMap(folder + "/good.png", kSeries, 1);
    CHECK(loaded.values->valueAt(0, 0, 1) == 10.0);
    CHECK(loaded.values->valueAt(2, 1, 1) == 60.0);
    CHECK(loaded.values->valueAt(2, 1, 0) == 0.0); // other slices stay empty

    std::string badCrc = greyPng();
    badCrc[badCrc.size() - 12 - 1] ^= 0x55; // last byte of the IDAT CRC (IEND is the last 12 bytes)
    write(folder + "/bad-crc.png", badCrc);
    CHECK(loadFailure(folder + "/bad-crc.png")
        == folder + "/bad-crc.png: not a readable PNG file (damaged: IDAT: CRC error)");

    std::string badAdler = greyPng();
    badAdler[badAdler.size() - 12 - 5] ^= 0x55; // last byte of the zlib stream's Adler-32, CRC recomputed below
    const std::size_t idatData = 8 + 25 + 8;
    const std::string idat = badAdler.substr(idatData, badAdler.size() - 12 - 4 - idatData);
    write(folder + "/bad-adler.png", greyPng(&idat));
    CHECK(loadFailure(folder + "/bad-adler.png")
        == folder + "/bad-adler.png: not a readable PNG file (damaged: IDAT: incorrect data check)");

    const std::string garbage = "\x78\x9c garbage that is no deflate stream";
    write(folder + "/bad-zlib.png", greyPng(&garbage));
    CHECK_THAT(loadFailure(folder + "/bad-zlib.png"),
        Catch::StartsWith(folder + "/bad-zlib.png: not a readable PNG file (damaged: "));

    const std::string whole = greyPng();
    write(folder + "/truncated.png", whole.substr(0, 40));
    CHECK_THAT(loadFailure(folder + "/truncated.png"),
        Catch::StartsWith(folder + "/truncated.png: not a readable PNG file (damaged: "));

    write(folder + "/not-png.png", "plain text");
    CHECK(loadFailure(folder + "/not-png.png") == folder + "/not-png.png: not a readable PNG file (no PNG signature)");
}

TEST_CASE("A damaged map is not stored at manifest import, saliency maps can be removed with reviews and checks",
    "[saliency][png][manifest][hostile]")
{
    const std::string folder = makeTemporaryFolder("radmark-png-manifest");
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    // The series has the PNG's 3 x 2 pixels: only the damage may refuse a map here, not its size.
    auto record = studyRecord(folder + "/a.dcm", "1.9.1", "A1");
    record.columns = 3;
    record.rows = 2;
    project->writeImportBatch({ record }, {});
    write(folder + "/good.png", greyPng());
    std::string badCrc = greyPng();
    badCrc[badCrc.size() - 12 - 1] ^= 0x55;
    write(folder + "/bad.png", badCrc);
    writeTextFile(folder + "/manifest.csv",
        "series_uid,map_path,model,target,score,method,slice\n"
        "1.9.1.1,good.png,net,nodule,,,1\n"
        "1.9.1.1,bad.png,net,nodule,,,1\n");
    const SaliencyManifestSummary summary = importSaliencyManifest(*project, folder + "/manifest.csv");
    CHECK(summary.mapsAdded == 1);
    REQUIRE(summary.problems.size() == 1);
    CHECK_THAT(summary.problems[0],
        Catch::Contains("line 3")
            && Catch::Contains(folder + "/bad.png: not a readable PNG file (damaged: IDAT: CRC error)"));

    SaliencyStore store(*project);
    REQUIRE(store.maps().size() == 1);
    const std::int64_t id = store.maps()[0].id;
    SaliencyReview review;
    review.mapId = id;
    review.reviewer.name = "dr a";
    store.addReview(review);
    review.reviewedMs = 5;
    store.addReview(review);
    StoredSaliencyChecks checks;
    checks.problem = "x";
    store.putChecks(id, checks);

    const auto removed = store.removeMap(id);
    REQUIRE(removed);
    CHECK(removed->map.mapPath == folder + "/good.png");
    CHECK(removed->reviews == 2);
    CHECK(removed->hadChecks);
    CHECK(store.maps().empty());
    CHECK(store.reviews(id).empty());
    CHECK_FALSE(store.checks(id));
    CHECK_FALSE(store.removeMap(id));
    CHECK(std::ifstream(folder + "/good.png").good()); // the file itself is kept
}
