// `radmark annotate` and `radmark annotations` end to end on a synthetic series with known spacing.
#include "RadmarkProcess.h"
#include "TestPaths.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

using radmark::testing::runRadmark;
namespace fs = std::filesystem;
namespace storage = radmark::storage;

namespace {

// 64 columns x 48 rows x 6 slices, columns 0.7 mm apart, rows 0.5 mm apart.
struct AnnotatedProject {
    std::string folder = radmark::testing::makeTemporaryFolder("radmark-cli-annotate");
    std::string project = folder + "/marks.radmark";
    storage::WrittenSeries series;

    AnnotatedProject()
    {
        storage::SyntheticSeriesSpec spec;
        spec.columns = 64;
        spec.rows = 48;
        spec.slices = 6;
        spec.columnSpacingMm = 0.7;
        spec.rowSpacingMm = 0.5;
        series = storage::writeSyntheticSeries(spec, folder + "/dicom");
        const auto imported = runRadmark({ "import", project, folder + "/dicom", "--quiet" });
        INFO(imported.standardError);
        REQUIRE(imported.exitCode == 0);
    }

    radmark::testing::ProcessResult annotate(std::vector<std::string> options) const
    {
        std::vector<std::string> arguments { "annotate", project, "--series", series.seriesInstanceUid };
        arguments.insert(arguments.end(), options.begin(), options.end());
        return runRadmark(arguments);
    }
};

QJsonObject parseObject(const radmark::testing::ProcessResult& result)
{
    INFO(result.standardError << result.standardOutput);
    REQUIRE(result.exitCode == 0);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(result.standardOutput), &error);
    REQUIRE(error.error == QJsonParseError::NoError);
    return document.object();
}

std::vector<double> numbers(const QJsonValue& value)
{
    std::vector<double> result;
    for (const auto& item : value.toArray()) {
        result.push_back(item.toDouble());
    }
    return result;
}

} // namespace

TEST_CASE("annotate adds RECIST, line and boxes with lengths in px and mm and the DeepLesion box", "[cli][marks]")
{
    const AnnotatedProject fixture;

    // Long axis 40 px along a row (x 0.7 mm = 28 mm), short axis 30 px along a column (x 0.5 mm = 15 mm).
    const QJsonObject recist = parseObject(fixture.annotate({ "--slice", "3", "--recist", "10,20,50,20,30,5,30,35",
        "--type", "soft-tissue", "--author", "Dr A", "--role", "reviewer", "--note", "segment VI", "--json" }));
    CHECK(recist["id"].toString().size() == 36);
    CHECK(recist["kind"].toString() == "recist");
    CHECK(recist["long_axis_px"].toDouble() == 40.0);
    CHECK(recist["short_axis_px"].toDouble() == 30.0);
    CHECK(recist["long_axis_mm"].toDouble() == Approx(28.0).epsilon(1e-12));
    CHECK(recist["short_axis_mm"].toDouble() == Approx(15.0).epsilon(1e-12));
    CHECK(numbers(recist["box_px"]) == std::vector<double> { 5, 0, 55, 40 });
    CHECK(recist["slice"].toInt() == 3);
    CHECK(recist["sop_instance_uid"].toString().toStdString() == fixture.series.sopInstanceUids[2]);
    CHECK(recist["type"].toString() == "soft tissue");
    CHECK(recist["type_code"].toInt() == 7);
    CHECK(recist["author"].toString() == "Dr A");
    CHECK(recist["role"].toString() == "reviewer");

    // DeepLesion-like fractional coordinates; the image edges -0.5 and n-0.5 are inside.
    const QJsonObject deepLesion = parseObject(fixture.annotate({ "--slice", "1", "--recist",
        "20.4583,30.2891,41.7734,22.0625,28.8021,21.3125,33.9479,30.0312", "--type", "4", "--json" }));
    CHECK(numbers(deepLesion["box_px"]) == std::vector<double> { 20.4583 - 5, 21.3125 - 5, 41.7734 + 5, 30.2891 + 5 });
    CHECK(deepLesion["long_axis_px"].toDouble() == Approx(std::hypot(41.7734 - 20.4583, 22.0625 - 30.2891)));
    CHECK(deepLesion["long_axis_mm"].toDouble()
        == Approx(std::hypot((41.7734 - 20.4583) * 0.7, (22.0625 - 30.2891) * 0.5)));
    CHECK(deepLesion["type"].toString() == "liver");

    const QJsonObject line
        = parseObject(fixture.annotate({ "--slice", "6", "--line", "-0.5,-0.5,63.5,47.5", "--json" }));
    CHECK(line["length_px"].toDouble() == 80.0);
    CHECK(line["length_mm"].toDouble() == Approx(std::sqrt(64 * 0.7 * 64 * 0.7 + 48 * 0.5 * 48 * 0.5)));
    CHECK(line["type"].toString() == "unknown");
    CHECK(line["role"].toString() == "radiologist");
    // A container may run under a uid without a passwd entry: then the author is $USER (or "unknown").
    const passwd* account = ::getpwuid(::getuid());
    const char* userVariable = std::getenv("USER");
    const std::string expectedAuthor = account && account->pw_name && *account->pw_name ? account->pw_name
        : userVariable && *userVariable                                                 ? userVariable
                                                                                        : "unknown";
    CHECK(line["author"].toString().toStdString() == expectedAuthor);

    const QJsonObject box3d
        = parseObject(fixture.annotate({ "--slice", "3", "--box", "20,30,5,6", "--slices", "2-4", "--json" }));
    CHECK(numbers(box3d["box_px"]) == std::vector<double> { 5, 6, 20, 30 });
    CHECK(numbers(box3d["slices"]) == std::vector<double> { 2, 4 });
    CHECK(box3d["kind"].toString() == "box3d");

    const auto text = fixture.annotate({ "--slice", "2", "--box", "1,2,11,22" });
    REQUIRE(text.exitCode == 0);
    CHECK_THAT(text.standardOutput, Catch::Contains("Added box2d mark") && Catch::Contains("7.00 x 10.00 mm"));

    const auto listing = runRadmark({ "annotations", fixture.project, "--json" });
    REQUIRE(listing.exitCode == 0);
    const QJsonArray marks = QJsonDocument::fromJson(QByteArray::fromStdString(listing.standardOutput)).array();
    REQUIRE(marks.size() == 5);
    CHECK(marks[0].toObject()["number"].toInt() == 1);
    CHECK(marks[0].toObject()["id"] == recist["id"]);
    CHECK(marks[0].toObject()["long_axis_mm"] == recist["long_axis_mm"]);
    CHECK(marks[0].toObject()["note"].toString() == "segment VI");
    CHECK(marks[0].toObject()["series_uid"].toString().toStdString() == fixture.series.seriesInstanceUid);
    CHECK(marks[0].toObject()["created"].toString().endsWith("Z"));
    CHECK(marks[4].toObject()["number"].toInt() == 5);
    const auto plain = runRadmark({ "annotations", fixture.project, "--series", fixture.series.seriesInstanceUid });
    REQUIRE(plain.exitCode == 0);
    CHECK_THAT(plain.standardOutput, Catch::Contains("#1 ") && Catch::Contains("5 marks"));
}

TEST_CASE("annotate refuses bad input with one line and exit 1, wrong usage with exit 2", "[cli][marks]")
{
    const AnnotatedProject fixture;
    const auto refusedWith = [&](std::vector<std::string> options, int exitCode, const std::string& message) {
        const auto result = fixture.annotate(options);
        INFO(result.standardError);
        CHECK(result.exitCode == exitCode);
        CHECK_THAT(result.standardError, Catch::Contains(message));
        CHECK(std::count(result.standardError.begin(), result.standardError.end(), '\n') == 1);
    };
    refusedWith({ "--slice", "1", "--recist", "10,20,30,20,30,5,30,40" }, 1,
        "the short axis (17.5 mm) is longer than the long axis (14 mm)");
    refusedWith({ "--slice", "1", "--recist", "10,20,10,20,30,5,30,40" }, 1, "long axis (x11,y11 to x12,y12) has zero");
    refusedWith({ "--slice", "1", "--recist", "10,20,50,20,30,5,30,5" }, 1, "short axis (x21,y21 to x22,y22) has zero");
    refusedWith({ "--slice", "1", "--recist", "10,20,50,20,30,25,30,35" }, 1, "does not cross the long axis");
    // 45 degrees in pixels is 35.5 degrees in mm on these 0.7 x 0.5 mm pixels.
    refusedWith({ "--slice", "1", "--recist", "10,20,50,20,20,10,40,30" }, 1, "the axes are 35.5377 degrees apart");
    refusedWith({ "--slice", "1", "--line", "0,0,64,10" }, 1, "x2 = 64 is outside the image (columns -0.5 to 63.5)");
    refusedWith({ "--slice", "1", "--box", "0,-0.6,6,10" }, 1, "y1 = -0.6 is outside the image (rows -0.5 to 47.5)");
    refusedWith({ "--slice", "1", "--box", "3,4,3,10" }, 1, "zero width or height");
    refusedWith({ "--slice", "2", "--box", "3,4,5,10", "--slices", "3-5" }, 1, "include --slice 2");
    refusedWith({ "--slice", "7", "--line", "0,0,5,5" }, 2, "--slice must be between 1 and 6");
    refusedWith({ "--slice", "1", "--line", "0,0,5" }, 2, "--line needs 4 comma-separated numbers");
    refusedWith({ "--slice", "1", "--line", "0,0,5,5", "--box", "0,0,5,5" }, 2, "exactly one of");
    refusedWith({ "--slice", "1", "--line", "0,0,5,5", "--role", "boss" }, 2, "--role must be");
    refusedWith({ "--slice", "1", "--line", "0,0,5,5", "--type", "brain" }, 2, "unknown lesion type 'brain'");
    CHECK(runRadmark({ "annotate", fixture.project, "--series", "1.2.3", "--slice", "1", "--line", "0,0,5,5" }).exitCode
        == 1);

    const auto listing = runRadmark({ "annotations", fixture.project });
    CHECK_THAT(listing.standardOutput, Catch::Contains("0 marks"));
}

TEST_CASE("annotate names a series whose files are gone and a project open for writing elsewhere", "[cli][marks]")
{
    const AnnotatedProject fixture;
    {
        // This test process holds the writer lock: the radmark child gets the project read-only.
        const auto writer = storage::ProjectStore::open(fixture.project, storage::ProjectStore::OpenMode::ReadWrite);
        const auto result = fixture.annotate({ "--slice", "1", "--line", "0,0,5,5" });
        CHECK(result.exitCode == 1);
        CHECK_THAT(result.standardError,
            Catch::Contains("read-only")
                && Catch::Contains("open for writing in another RadMark (process " + std::to_string(::getpid())));
        CHECK(runRadmark({ "annotations", fixture.project }).exitCode == 0);
    }
    fs::remove(fixture.series.filePaths[3]);
    const auto result = fixture.annotate({ "--slice", "1", "--line", "0,0,5,5" });
    CHECK(result.exitCode == 1);
    CHECK_THAT(result.standardError,
        Catch::Contains(fixture.series.seriesInstanceUid) && Catch::Contains("1 of 6 files are gone from disk")
            && Catch::Contains(fixture.series.filePaths[3]));
}
