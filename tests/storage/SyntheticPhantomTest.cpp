#include "TestPaths.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <set>

using radmark::annotation::Vector3;
using namespace radmark::storage;

TEST_CASE("phantom tissues sit on the documented patient sides", "[synthetic]")
{
    CHECK(phantomHuAt({ -101.0, -101.0, 0.0 }) == phantom::airHu);
    CHECK(phantomHuAt({ 0.0, -72.0, 0.0 }) == phantom::fatHu); // anterior rim of the body
    CHECK(phantomHuAt({ 10.0, -30.0, -20.0 }) == phantom::softTissueHu);
    CHECK(phantomHuAt({ -45.0, -30.0, -30.0 }) == phantom::liverHu); // liver: patient's right, x < 0
    CHECK(phantomHuAt({ 45.0, -30.0, -30.0 }) == phantom::softTissueHu);
    CHECK(phantomHuAt({ -45.0, -10.0, 60.0 }) == phantom::lungHu); // lungs: superior
    CHECK(phantomHuAt({ 45.0, -10.0, 60.0 }) == phantom::lungHu);
    CHECK(phantomHuAt({ -45.0, -10.0, -60.0 }) != phantom::lungHu);
    CHECK(phantomHuAt({ 0.0, 50.0, 0.0 }) == phantom::boneHu); // spine: posterior, y > 0
    CHECK(phantomHuAt({ 0.0, -50.0, 0.0 }) == phantom::softTissueHu);
    CHECK(phantomHuAt({ 55.0, 35.0, -50.0 }) == phantom::kidneyHu);
    CHECK(phantomHuAt({ -55.0, 35.0, -50.0 }) == phantom::kidneyHu);
    CHECK(phantomHuAt({ 82.0, 0.0, 10.0 }) == phantom::markerHu); // marker: patient's left, x > 0
    CHECK(phantomHuAt({ -82.0, 0.0, 10.0 }) != phantom::markerHu);
}

TEST_CASE("phantom lesions have the documented centres and diameters", "[synthetic]")
{
    REQUIRE(std::size(phantom::lesions) == 3);
    std::set<double> diameters;
    for (const auto& lesion : phantom::lesions) {
        const double radius = lesion.diameterMm / 2.0;
        diameters.insert(lesion.diameterMm);
        CHECK(phantomHuAt(lesion.centreLpsMm) == phantom::lesionHu);
        // Just inside and just outside the sphere, along each axis.
        for (const Vector3 axis : { Vector3 { 1, 0, 0 }, Vector3 { 0, 1, 0 }, Vector3 { 0, 0, 1 } }) {
            CHECK(phantomHuAt(lesion.centreLpsMm + axis * (radius - 0.1)) == phantom::lesionHu);
            CHECK(phantomHuAt(lesion.centreLpsMm + axis * (radius + 0.1)) != phantom::lesionHu);
            CHECK(phantomHuAt(lesion.centreLpsMm - axis * (radius + 0.1)) != phantom::lesionHu);
        }
    }
    CHECK(diameters == std::set<double> { 10.0, 20.0, 30.0 });
    CHECK(phantom::lesions[0].centreLpsMm.x < 0.0); // in the liver, on the patient's right
}

TEST_CASE("writing the default 64-slice series is fast and names every file", "[synthetic]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-synthetic");
    const auto start = std::chrono::steady_clock::now();
    const WrittenSeries written = writeSyntheticSeries(SyntheticSeriesSpec {}, folder + "/series");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    WARN("wrote 64 slices of 256x256 in " << seconds << " s");
    CHECK(seconds < 1.0);
    REQUIRE(written.filePaths.size() == 64);
    REQUIRE(written.sopInstanceUids.size() == 64);
    CHECK(std::set<std::string>(written.sopInstanceUids.begin(), written.sopInstanceUids.end()).size() == 64);
    CHECK(written.studyInstanceUid.rfind("2.25.", 0) == 0);
    CHECK(written.seriesInstanceUid != written.studyInstanceUid);
    for (const auto& path : written.filePaths) {
        CHECK(std::filesystem::file_size(path) > 256u * 256u * 2u);
    }
}

TEST_CASE("the writer refuses specs it cannot write", "[synthetic]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-synthetic-bad");
    SyntheticSeriesSpec spec;
    spec.modality = "PT";
    CHECK_THROWS_AS(writeSyntheticSeries(spec, folder), ProjectError);
    spec.modality = "CT";
    spec.slices = 0;
    CHECK_THROWS_AS(writeSyntheticSeries(spec, folder), ProjectError);
}
