// `radmark import` of a dicom-sr export: marks drawn with `radmark annotate` -> dicom + dicom-sr export ->
// `radmark import` into a new project -> `radmark annotations` lists the same marks (ids, px, mm).
#include "RadmarkProcess.h"
#include "TestPaths.h"
#include "radmark/storage/dataset/DicomExportFormats.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>

using radmark::testing::runRadmark;
namespace storage = radmark::storage;

namespace {

// UIDs numbered in order of first use; patient pseudonym fixed; dates kept.
class CountingIdentity : public storage::ExportIdentity {
public:
    std::string uid(const std::string& original) override
    {
        return original.empty()
            ? ""
            : m_uids.emplace(original, "2.25." + std::to_string(5000 + m_uids.size())).first->second;
    }
    std::string patientId(const std::string&) override { return "ANON1"; }
    std::string patientName(const std::string&) override { return "Anonymous^ANON1"; }
    std::string date(const std::string& original, const std::string&) override { return original; }
    bool keepsPatientAge() const override { return false; }
    bool keepsPatientSex() const override { return false; }

private:
    std::map<std::string, std::string> m_uids;
};

QJsonArray listMarks(const std::string& project)
{
    const auto listing = runRadmark({ "annotations", project, "--json" });
    INFO(listing.standardError);
    REQUIRE(listing.exitCode == 0);
    return QJsonDocument::fromJson(QByteArray::fromStdString(listing.standardOutput)).array();
}

} // namespace

TEST_CASE("radmark import restores the marks of a dicom-sr export", "[cli][export][sr]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-cli-sr");
    storage::SyntheticSeriesSpec spec;
    spec.columns = 64;
    spec.rows = 48;
    spec.slices = 6;
    spec.columnSpacingMm = 0.7;
    spec.rowSpacingMm = 0.5;
    const storage::WrittenSeries series = storage::writeSyntheticSeries(spec, folder + "/input");
    const std::string original = folder + "/original.radmark";
    REQUIRE(runRadmark({ "import", original, folder + "/input", "--quiet" }).exitCode == 0);
    const auto annotate = [&](std::vector<std::string> options) {
        std::vector<std::string> arguments { "annotate", original, "--series", series.seriesInstanceUid };
        arguments.insert(arguments.end(), options.begin(), options.end());
        const auto result = runRadmark(arguments);
        INFO(result.standardError);
        REQUIRE(result.exitCode == 0);
    };
    annotate({ "--slice", "3", "--recist", "10,20,50,20,30,5,30,35", "--type", "liver" });
    annotate({ "--slice", "2", "--line", "5.5,6.25,20.75,30" });
    annotate({ "--slice", "4", "--box", "1,2,11,22", "--slices", "3-5", "--type", "kidney" });

    {
        auto project = storage::ProjectStore::open(original, storage::ProjectStore::OpenMode::ReadOnly);
        storage::MarkStore marks(*project);
        storage::ExportStudy study;
        study.patient = project->patients().at(0);
        study.study = project->studies().at(0);
        storage::ExportSeries exportSeries;
        exportSeries.series = *project->seriesByUid(series.seriesInstanceUid);
        exportSeries.instances = project->seriesInstances(series.seriesInstanceUid);
        exportSeries.marks = marks.loadMarks(series.seriesInstanceUid);
        study.series.push_back(exportSeries);
        const std::vector<storage::ExportStudy> studies { study };
        CountingIdentity identity;
        storage::ExportLog log;
        const auto types = marks.lesionTypes();
        storage::ExportContext context { folder + "/export", identity, studies, types, "test", "test", log };
        storage::makeDeidentifiedDicomFormat()->write(context);
        storage::makeDicomSrFormat()->write(context);
        REQUIRE(log.filesWritten["dicom-sr"] == 1);
    }

    const std::string restored = folder + "/restored.radmark";
    const auto imported = runRadmark({ "import", restored, folder + "/export/dicom", folder + "/export/dicom-sr" });
    INFO(imported.standardOutput << imported.standardError);
    REQUIRE(imported.exitCode == 0);
    CHECK_THAT(imported.standardOutput,
        Catch::Contains("Marks from DICOM SR: 3 imported, 0 already in the project, 0 not mapped")
            && Catch::Contains(", 0 skipped") && !Catch::Contains("Reports:")); // no report text in the SR

    const QJsonArray before = listMarks(original);
    const QJsonArray after = listMarks(restored);
    REQUIRE(before.size() == 3);
    REQUIRE(after.size() == 3);
    for (int index = 0; index < 3; ++index) {
        const QJsonObject expected = before[index].toObject();
        QJsonObject found;
        for (const auto& mark : after) {
            if (mark.toObject()["id"] == expected["id"]) {
                found = mark.toObject();
            }
        }
        INFO(expected["id"].toString().toStdString());
        REQUIRE_FALSE(found.isEmpty());
        for (const char* key : { "kind", "slice", "frame", "type", "long_axis_px", "short_axis_px", "long_axis_mm",
                 "short_axis_mm", "box_px", "points_px", "length_mm", "width_mm", "height_mm", "slices" }) {
            INFO(key);
            CHECK(found.contains(key) == expected.contains(key));
            if (expected.contains(key)) {
                CHECK(found[key] == expected[key]);
            }
        }
    }
}
