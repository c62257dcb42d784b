// A damaged PNG saliency map through the command line (issue 17 item 5): `saliency import` reports it and does not
// store it, so `saliency report` and `render --overlay` keep working; `saliency remove` takes maps away by id or
// path, saying what goes (reviews and checks included).
#include "RadmarkProcess.h"
#include "SaliencyTestSeries.h"
#include "TestPaths.h"

#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <QColor>
#include <QImage>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using radmark::testing::runRadmark;

TEST_CASE(
    "a corrupt PNG map is refused at saliency import, saliency remove says what it removes", "[cli][saliency][hostile]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-cli-saliency-remove");
    const auto written = radmark::storage::writeSyntheticSeries(
        radmark::testing::saliencyTestSeriesSpec(10), (folder / "dicom").string());
    const fs::path project = folder / "p.radmark";
    REQUIRE(runRadmark({ "import", project.string(), (folder / "dicom").string(), "--quiet" }).exitCode == 0);
    QImage png(64, 64, QImage::Format_Grayscale8);
    png.fill(0);
    png.setPixelColor(30, 30, QColor(200, 200, 200));
    REQUIRE(png.save(QString::fromStdString((folder / "good.png").string())));
    REQUIRE(png.save(QString::fromStdString((folder / "corrupt.png").string())));
    {
        // Damage the compressed data in the middle of the file: libpng fails on the CRC (it used to abort).
        std::fstream file(folder / "corrupt.png", std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(static_cast<std::streamoff>(fs::file_size(folder / "corrupt.png") / 2));
        file.put('\x5A');
    }
    std::ofstream(folder / "manifest.csv") << "series_uid,map_path,model,target,score,method,slice\n"
                                           << written.seriesInstanceUid << ",good.png,netA,nodule,,,3\n"
                                           << written.seriesInstanceUid << ",corrupt.png,netB,nodule,,,3\n";
    const auto imported = runRadmark({ "saliency", "import", project.string(), (folder / "manifest.csv").string() });
    CHECK(imported.exitCode == 1);
    CHECK_THAT(imported.standardOutput, Catch::Contains("2 manifest rows: 1 maps added, 0 updated, 1 skipped"));
    CHECK_THAT(imported.standardError,
        Catch::Contains(
            "manifest.csv line 3: " + (folder / "corrupt.png").string() + ": not a readable PNG file (damaged: "));
    const auto report = runRadmark({ "saliency", "report", project.string() });
    CHECK(report.exitCode == 0);
    CHECK_THAT(report.standardOutput, Catch::Contains("good.png") && !Catch::Contains("corrupt.png"));

    const auto dryRun
        = runRadmark({ "saliency", "remove", project.string(), (folder / "good.png").string(), "--dry-run" });
    CHECK(dryRun.exitCode == 0);
    CHECK(dryRun.standardOutput
        == "would remove saliency map 1 (" + (folder / "good.png").string() + ", model netA, target nodule, series "
            + written.seriesInstanceUid
            + ") with 0 review(s) and its checks; the file is kept\n1 map(s) would be removed\n");
    const auto removed = runRadmark({ "saliency", "remove", project.string(), "1" });
    CHECK(removed.exitCode == 0);
    CHECK_THAT(removed.standardOutput,
        Catch::StartsWith("removing saliency map 1 (") && Catch::EndsWith("1 map(s) removed\n"));
    CHECK(runRadmark({ "saliency", "report", project.string() }).standardOutput.find("good.png") == std::string::npos);
    CHECK(fs::exists(folder / "good.png"));
    const auto unknown = runRadmark({ "saliency", "remove", project.string(), "7" });
    CHECK(unknown.exitCode != 0);
    CHECK_THAT(unknown.standardError, Catch::Contains("no saliency map '7'"));
}
