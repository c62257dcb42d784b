#include "OrthancServer.h"
#include "TestPaths.h"
#include "radmark/storage/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace radmark::storage;
using namespace radmark::testing;

TEST_CASE("The test Orthanc starts on free local ports, stores uploads, serves DICOMweb and stops", "[pacs][orthanc]")
{
    RADMARK_REQUIRE_ORTHANC();
    SyntheticSeriesSpec spec;
    spec.slices = 3;
    spec.columns = 32;
    spec.rows = 32;
    const WrittenSeries series = writeSyntheticSeries(spec, makeTemporaryFolder("radmark-orthanc-files"));
    std::string folder;
    {
        OrthancServer orthanc;
        folder = orthanc.folder();
        CHECK(orthanc.get("/system").status == 200);
        for (const std::string& file : series.filePaths) {
            CHECK_FALSE(orthanc.uploadFile(file).empty());
        }
        CHECK(orthanc.instanceCount() == 3);
        CHECK(orthanc.instanceFile(series.sopInstanceUids[1]) == readWholeFile(series.filePaths[1]));
        const HttpResponse qido = orthanc.get("/dicom-web/studies?AccessionNumber=DEMO0001");
        CHECK(qido.status == 200);
        CHECK(qido.body.find(series.studyInstanceUid) != std::string::npos);
        orthanc.deleteStudy(series.studyInstanceUid);
        CHECK(orthanc.instanceCount() == 0);
        const int port = orthanc.httpPort();
        orthanc.stop();
        CHECK_FALSE(orthanc.running());
        CHECK(orthanc.get("/system").status == 0);
        CHECK(port > 0);
    }
    CHECK_FALSE(std::filesystem::exists(folder));
}
