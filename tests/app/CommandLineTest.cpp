// End-to-end tests of the `radmark` command line on synthetic DICOM with known geometry.
#include "RadmarkProcess.h"
#include "TestPaths.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

using radmark::testing::runRadmark;
namespace fs = std::filesystem;
namespace storage = radmark::storage;

namespace {

QJsonDocument parseJson(const std::string& text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    INFO(text);
    REQUIRE(error.error == QJsonParseError::NoError);
    return document;
}

int lineCount(const std::string& text)
{
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

TEST_CASE("demo creates and imports the synthetic study, info and series report it", "[cli]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-cli-demo");
    const std::string project = (folder / "demo.radmark").string();

    const auto demo = runRadmark({ "demo", project });
    INFO(demo.standardError);
    REQUIRE(demo.exitCode == 0);

    const auto info = runRadmark({ "info", project, "--json" });
    REQUIRE(info.exitCode == 0);
    const QJsonObject counts = parseJson(info.standardOutput).object();
    CHECK(counts["patients"].toInt() == 2);
    CHECK(counts["studies"].toInt() == 2);
    CHECK(counts["series"].toInt() == 3);
    CHECK(counts["instances"].toInt() == 72 + 36 + 48);
    CHECK(counts["skipped_files"].toInt() == 0);
    CHECK(counts["schema_version"].toInt() >= 1);

    const auto series = runRadmark({ "series", project, "--json" });
    REQUIRE(series.exitCode == 0);
    const QJsonArray entries = parseJson(series.standardOutput).array();
    REQUIRE(entries.size() == 3);
    int thinSeries = 0;
    for (const auto& entry : entries) {
        const QJsonObject object = entry.toObject();
        for (const char* key : { "series_uid", "study_uid", "patient_id", "modality", "description" }) {
            CHECK_FALSE(object[key].toString().isEmpty());
        }
        CHECK(object["modality"].toString() == "CT");
        if (object["description"].toString() == "Axial 2.5mm soft tissue") {
            ++thinSeries;
            CHECK(object["instances"].toInt() == 72);
            CHECK(object["rows"].toInt() == 320);
            CHECK(object["columns"].toInt() == 320);
            CHECK(object["patient_id"].toString() == "RADMARK-DEMO-001");
        }
    }
    CHECK(thinSeries == 1);

    SECTION("re-importing the same files adds nothing")
    {
        const auto again = runRadmark({ "import", project, (folder / "demo-demo-dicom").string() });
        REQUIRE(again.exitCode == 0);
        CHECK(again.standardOutput.find("0 new or changed, 156 unchanged, 0 skipped") != std::string::npos);
        const QJsonObject after = parseJson(runRadmark({ "info", project, "--json" }).standardOutput).object();
        CHECK(after["instances"].toInt() == 156);
    }
}

TEST_CASE("import skips bad files with reasons and goes on", "[cli]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-cli-bad");
    storage::SyntheticSeriesSpec spec;
    spec.slices = 5;
    spec.columns = 64;
    spec.rows = 64;
    storage::writeSyntheticSeries(spec, (folder / "images" / "series").string());
    std::ofstream(folder / "images" / "notes.txt") << "not a DICOM file\n";
    std::ofstream(folder / "images" / "empty.dcm").close();
    {
        // A truncated copy of a good file.
        const auto good = (folder / "images" / "series").string();
        const fs::path first = fs::directory_iterator(good)->path();
        std::ifstream in(first, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::ofstream(folder / "images" / "truncated.dcm", std::ios::binary).write(bytes.data(), 700);
    }
    const std::string project = (folder / "bad.radmark").string();
    const auto import = runRadmark({ "import", project, (folder / "images").string(), "--quiet" });
    INFO(import.standardOutput << import.standardError);
    REQUIRE(import.exitCode == 0);
    const QJsonObject counts = parseJson(runRadmark({ "info", project, "--json" }).standardOutput).object();
    CHECK(counts["instances"].toInt() == 5);
    CHECK(counts["skipped_files"].toInt() >= 2);

    const auto skipped = runRadmark({ "skipped", project, "--json" });
    REQUIRE(skipped.exitCode == 0);
    bool emptyReported = false;
    bool textReported = false;
    for (const auto& entry : parseJson(skipped.standardOutput).array()) {
        const QString path = entry.toObject()["path"].toString();
        const QString reason = entry.toObject()["reason"].toString();
        CHECK_FALSE(reason.isEmpty());
        emptyReported = emptyReported || path.endsWith("empty.dcm");
        textReported = textReported || path.endsWith("notes.txt");
    }
    CHECK(emptyReported);
    CHECK(textReported);
}

TEST_CASE("bad projects and bad usage give one-line reasons and exit codes", "[cli]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-cli-errors");

    const auto missing = runRadmark({ "info", (folder / "missing.radmark").string() });
    CHECK(missing.exitCode == 1);
    CHECK(lineCount(missing.standardError) == 1);
    CHECK(missing.standardError.find("missing.radmark") != std::string::npos);

    const fs::path corrupt = folder / "corrupt.radmark";
    std::ofstream(corrupt) << std::string(5000, 'x');
    const auto corruptInfo = runRadmark({ "info", corrupt.string() });
    CHECK(corruptInfo.exitCode == 1);
    CHECK(lineCount(corruptInfo.standardError) == 1);
    CHECK(corruptInfo.standardError.find("corrupt.radmark") != std::string::npos);
    std::ifstream check(corrupt);
    std::string content((std::istreambuf_iterator<char>(check)), std::istreambuf_iterator<char>());
    CHECK(content == std::string(5000, 'x')); // left untouched

    const std::string newer = (folder / "newer.radmark").string();
    storage::ProjectStore::open(newer, storage::ProjectStore::OpenMode::CreateIfMissing);
    {
        sqlite3* database = nullptr;
        REQUIRE(sqlite3_open(newer.c_str(), &database) == SQLITE_OK);
        REQUIRE(sqlite3_exec(database, "PRAGMA user_version = 999", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(database);
    }
    const auto newerInfo = runRadmark({ "info", newer });
    CHECK(newerInfo.exitCode == 1);
    CHECK(newerInfo.standardError.find("newer") != std::string::npos);

    CHECK(runRadmark({ "frobnicate" }).exitCode == 2);
    CHECK(runRadmark({ "render", newer }).exitCode == 2);
    CHECK(runRadmark({ "info" }).exitCode == 2);
    CHECK(runRadmark({ "info", newer, "--bogus" }).exitCode == 2);
    CHECK(runRadmark({ "--help" }).exitCode == 0);
}

TEST_CASE("render writes the slice as the viewer shows it", "[cli][render]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-cli-render");
    storage::SyntheticSeriesSpec spec;
    spec.columns = 128;
    spec.rows = 128;
    spec.slices = 10;
    spec.columnSpacingMm = 1.0;
    spec.rowSpacingMm = 1.0;
    spec.firstSlicePositionLpsMm = { -63.5, -63.5, 0.0 };
    spec.sliceStepLpsMm = { 0.0, 0.0, 2.5 };
    // Patient's right half (x < 0) is -1000 HU; the left half is 100 + 4 HU per mm of z.
    spec.huAt = [](const radmark::annotation::Vector3& p) { return p.x < 0 ? -1000.0 : 100.0 + 4.0 * p.z; };
    const auto written = storage::writeSyntheticSeries(spec, (folder / "series").string());
    const std::string project = (folder / "render.radmark").string();
    REQUIRE(runRadmark({ "import", project, (folder / "series").string(), "--quiet" }).exitCode == 0);

    const std::string png = (folder / "slice.png").string();
    const auto render = runRadmark({ "render", project, "--series", written.seriesInstanceUid, "--slice", "3",
        "--window", "400", "--level", "0", "--size", "256x256", "--no-overlay", "--out", png });
    INFO(render.standardError);
    REQUIRE(render.exitCode == 0);
    QImage image(QString::fromStdString(png));
    REQUIRE(image.width() == 256);
    REQUIRE(image.height() == 256);
    // Slice 3 (k = 2) is at z = 5 mm: left half 120 HU -> (120 + 200) / 400 * 255 = 204.
    // Radiological display: the patient's right (x < 0, small i) is on the screen's left.
    CHECK(qGray(image.pixel(40, 128)) <= 2);
    CHECK(std::abs(qGray(image.pixel(215, 128)) - 204) <= 2);

    const auto badSlice
        = runRadmark({ "render", project, "--series", written.seriesInstanceUid, "--slice", "11", "--out", png });
    CHECK(badSlice.exitCode == 2);
    const auto badSeries = runRadmark({ "render", project, "--series", "1.2.3", "--out", png });
    CHECK(badSeries.exitCode == 1);
    CHECK(badSeries.standardError.find("1.2.3") != std::string::npos);
}

TEST_CASE("series --set-modality corrects a series' modality, a bad value or series is refused", "[cli]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-cli-modality");
    const std::string project = (folder / "demo.radmark").string();
    REQUIRE(runRadmark({ "demo", project }).exitCode == 0);
    const QJsonArray before = parseJson(runRadmark({ "series", project, "--json" }).standardOutput).array();
    REQUIRE_FALSE(before.isEmpty());
    const std::string uid = before[0].toObject()["series_uid"].toString().toStdString();
    const auto set = runRadmark({ "series", project, "--set-modality", uid + "=MR" });
    INFO(set.standardError);
    REQUIRE(set.exitCode == 0);
    CHECK(set.standardOutput == "series " + uid + ": modality MR\n");
    const QJsonArray after = parseJson(runRadmark({ "series", project, "--json" }).standardOutput).array();
    for (const auto& entry : after) {
        const QJsonObject object = entry.toObject();
        CHECK(object["modality"].toString() == (object["series_uid"].toString().toStdString() == uid ? "MR" : "CT"));
    }
    CHECK(runRadmark({ "series", project, "--set-modality", "2.25.1=CT" }).exitCode != 0);
    CHECK(runRadmark({ "series", project, "--set-modality", uid + "=mr x" }).exitCode != 0);
    CHECK(runRadmark({ "series", project, "--set-modality", "CT" }).exitCode == 2);
}
