// `radmark saliency import` / `report` and `radmark render --overlay` on synthetic series and maps.
#include "RadmarkProcess.h"
#include "SaliencyTestSeries.h"
#include "TestPaths.h"

#include "radmark/annotation/CsvRecord.h"
#include "radmark/storage/saliency/SaliencyMapWriter.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <QColor>
#include <QImage>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;
namespace storage = radmark::storage;
namespace annotation = radmark::annotation;
using radmark::testing::runRadmark;

namespace {

// 64 x 64 x 10 CT of 40 HU (all body), 1 mm pixels, 2 mm slices from (-32, -32, 0).
storage::SyntheticSeriesSpec seriesSpec()
{
    storage::SyntheticSeriesSpec spec = radmark::testing::saliencyTestSeriesSpec(10);
    spec.huAt = [](const annotation::Vector3&) { return 40.0; };
    return spec;
}

annotation::ImageGeometry seriesGrid()
{
    return radmark::testing::saliencyTestSeriesGrid(10);
}

void writeText(const fs::path& path, const std::string& text)
{
    std::ofstream(path) << text;
}

// The report's CSV as rows of column -> value.
std::vector<std::map<std::string, std::string>> parseReport(const std::string& csv)
{
    std::istringstream lines(csv);
    std::string line;
    std::vector<std::string> header;
    std::vector<std::map<std::string, std::string>> rows;
    while (std::getline(lines, line)) {
        std::vector<std::string> fields;
        REQUIRE(annotation::splitCsvRecord(line, fields));
        if (header.empty()) {
            header = fields;
            continue;
        }
        REQUIRE(fields.size() == header.size());
        std::map<std::string, std::string> row;
        for (std::size_t n = 0; n < fields.size(); ++n) {
            row[header[n]] = fields[n];
        }
        rows.push_back(row);
    }
    return rows;
}

struct Fixture {
    fs::path folder;
    fs::path project;
    std::string seriesUid;
};

Fixture importedSeries(const std::string& prefix)
{
    Fixture fixture;
    fixture.folder = radmark::testing::makeTemporaryFolder(prefix);
    const auto written = storage::writeSyntheticSeries(seriesSpec(), (fixture.folder / "dicom").string());
    fixture.seriesUid = written.seriesInstanceUid;
    fixture.project = fixture.folder / "p.radmark";
    REQUIRE(runRadmark({ "import", fixture.project.string(), (fixture.folder / "dicom").string(), "--quiet" }).exitCode
        == 0);
    return fixture;
}

} // namespace

TEST_CASE("saliency import references maps, reports bad rows, and report exports checks per map", "[cli][saliency]")
{
    const Fixture fixture = importedSeries("radmark-cli-saliency");
    fs::create_directories(fixture.folder / "maps");
    annotation::ImageVolume map(seriesGrid(), annotation::VoxelType::Float32);
    static_cast<float*>(map.data())[(5 * 64 + 20) * 64 + 40] = 2.0f; // voxel (40, 20, 5)
    storage::writeSaliencyMetaImage(map, (fixture.folder / "maps" / "volume.mha").string());
    QImage png(64, 64, QImage::Format_Grayscale8);
    png.fill(0);
    png.setPixelColor(3, 3, QColor(255, 255, 255)); // in the top-left corner region
    REQUIRE(png.save(QString::fromStdString((fixture.folder / "maps" / "slice.png").string())));
    writeText(fixture.folder / "maps" / "manifest.csv",
        "series_uid,map_path,model,target,score,method,slice\n" + fixture.seriesUid
            + ",volume.mha,netA,nodule,0.8,Grad-CAM,\n" + fixture.seriesUid
            + ",slice.png,netB,nodule,0.4,occlusion,3\n"
              "9.8.7,volume.mha,netA,nodule,0.8,,\n"
            + fixture.seriesUid + ",gone.nii.gz,netC,,,,\n");

    const auto imported = runRadmark(
        { "saliency", "import", fixture.project.string(), (fixture.folder / "maps" / "manifest.csv").string() });
    CHECK(imported.exitCode == 1); // some rows were skipped
    CHECK_THAT(imported.standardOutput, Catch::Contains("4 manifest rows: 2 maps added, 0 updated, 2 skipped"));
    CHECK_THAT(imported.standardOutput, Catch::Contains("2 maps checked, 0 could not be loaded"));
    CHECK_THAT(imported.standardError, Catch::Contains("manifest.csv line 4: no series with UID 9.8.7"));
    CHECK_THAT(imported.standardError,
        Catch::Contains(
            "manifest.csv line 5: " + (fixture.folder / "maps" / "gone.nii.gz").string() + ": file not found"));

    const auto report = runRadmark({ "saliency", "report", fixture.project.string(), "--format", "csv" });
    REQUIRE(report.exitCode == 0);
    const auto rows = parseReport(report.standardOutput);
    REQUIRE(rows.size() == 2);
    const auto& volumeRow = rows[0].at("model") == "netA" ? rows[0] : rows[1];
    const auto& sliceRow = rows[0].at("model") == "netA" ? rows[1] : rows[0];
    CHECK(volumeRow.at("series_uid") == fixture.seriesUid);
    CHECK(volumeRow.at("grid") == "series grid");
    CHECK(volumeRow.at("score") == "0.8");
    CHECK(volumeRow.at("method") == "Grad-CAM");
    CHECK(volumeRow.at("total_mass") == "2");
    CHECK(volumeRow.at("peak_column") == "40");
    CHECK(volumeRow.at("peak_row") == "20");
    CHECK(volumeRow.at("peak_slice") == "6");
    CHECK(volumeRow.at("mass_outside_body") == "0");
    CHECK(volumeRow.at("mass_on_text_or_corners") == "0");
    CHECK(volumeRow.at("mass_inside_marks").empty()); // no marks
    CHECK(volumeRow.at("verdict").empty());
    CHECK(sliceRow.at("grid") == "slice 3 of the series");
    CHECK(sliceRow.at("total_mass") == "255");
    CHECK(sliceRow.at("peak_slice") == "3");
    CHECK(sliceRow.at("mass_on_text_or_corners") == "1");

    SECTION("a manifest without its columns is refused with their names")
    {
        writeText(fixture.folder / "maps" / "bad.csv", "series,map_path\n");
        const auto bad = runRadmark(
            { "saliency", "import", fixture.project.string(), (fixture.folder / "maps" / "bad.csv").string() });
        CHECK(bad.exitCode == 1);
        CHECK_THAT(bad.standardError,
            Catch::Contains("bad.csv: missing column(s) series_uid (or study_uid or accession), model"));
    }
}

TEST_CASE("render --overlay draws the model's map where the GUI does", "[cli][saliency][render]")
{
    if (std::getenv("DISPLAY") == nullptr) {
        WARN("skipped: no X display");
        return;
    }
    const Fixture fixture = importedSeries("radmark-cli-overlay");
    annotation::ImageVolume map(seriesGrid(), annotation::VoxelType::Float32);
    static_cast<float*>(map.data())[(5 * 64 + 20) * 64 + 40] = 1.0f; // voxel (40, 20, 5): LPS (8, -12, 10)
    storage::writeSaliencyMetaImage(map, (fixture.folder / "map.mha").string());
    writeText(fixture.folder / "manifest.csv",
        "series_uid,map_path,model,target,score,method\n" + fixture.seriesUid + ",map.mha,netA,nodule,0.8,\n");
    REQUIRE(runRadmark({ "saliency", "import", fixture.project.string(), (fixture.folder / "manifest.csv").string(),
                           "--no-checks" })
                .exitCode
        == 0);
    const std::string out = (fixture.folder / "overlay.png").string();
    const auto rendered = runRadmark({ "render", fixture.project.string(), "--series", fixture.seriesUid, "--slice",
        "6", "--size", "256x256", "--no-overlay", "--overlay", "netA", "--colormap", "single", "--opacity", "1",
        "--threshold", "0.5", "--out", out });
    INFO(rendered.standardError);
    REQUIRE(rendered.exitCode == 0);
    const QImage image(QString::fromStdString(out));
    REQUIRE(!image.isNull());
    // 4 display pixels per mm (64 mm on 256 px): column 40 spans x 160..163, row 20 spans y 80..83; the
    // colour bar (lower right) is far from both points checked.
    CHECK(image.pixelColor(162, 82) == QColor(255, 40, 30));
    CHECK(image.pixelColor(150, 82) != QColor(255, 40, 30));

    const auto unknown = runRadmark(
        { "render", fixture.project.string(), "--series", fixture.seriesUid, "--overlay", "netZ", "--out", out });
    CHECK(unknown.exitCode == 1);
    CHECK_THAT(unknown.standardError, Catch::Contains("has no saliency map of model netZ"));
    const auto badColormap = runRadmark({ "render", fixture.project.string(), "--series", fixture.seriesUid,
        "--overlay", "netA", "--colormap", "rainbow", "--out", out });
    CHECK(badColormap.exitCode == 2);
}
