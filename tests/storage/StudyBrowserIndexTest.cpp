// The study browser's reads over SQL (schema 8): patient order, blocks of patient rows, a patient's studies, a
// study's series, and the filter on the trigram index, exact on a constructed project.
#include "StudyRecordFixture.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/StudyBrowserIndex.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace radmark::storage;
using radmark::testing::makeTemporaryFolder;
using radmark::testing::studyRecord;

namespace {

InstanceRecord instance(const std::string& patientId, const std::string& patientName, const std::string& studyUid,
    const std::string& accession, const std::string& studyDescription, const std::string& seriesSuffix,
    const std::string& seriesDescription, const std::string& modality = "CT")
{
    InstanceRecord record = studyRecord("/d/" + studyUid + "/" + seriesSuffix + ".dcm", studyUid, accession);
    record.patientId = patientId;
    record.patientName = patientName;
    record.studyDescription = studyDescription;
    record.studyDate = "20190412";
    record.seriesInstanceUid = studyUid + "." + seriesSuffix;
    record.sopInstanceUid = record.seriesInstanceUid + ".1";
    record.seriesDescription = seriesDescription;
    record.modality = modality;
    return record;
}

std::vector<std::string> patientIdsShown(const StudyBrowserIndex& index)
{
    std::vector<std::string> ids;
    for (const auto& row : index.patientRows(index.patientIds())) {
        ids.push_back(row.patient.patientId);
    }
    return ids;
}

std::vector<std::string> seriesShown(const StudyBrowserIndex& index, std::int64_t studyId)
{
    std::vector<std::string> descriptions;
    for (const auto& row : index.series(studyId)) {
        descriptions.push_back(row.series.description);
    }
    return descriptions;
}

} // namespace

TEST_CASE("Browser index: patients in order, their studies and series, the filter at every level", "[browser]")
{
    const std::string folder = makeTemporaryFolder("radmark-browser-index");
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    project->writeImportBatch({ instance("PAT-B", "Beta^Bert", "1.2.3.2", "ACC-B", "MR BRAIN", "1", "T1 axial", "MR"),
                                  instance("PAT-A", "Alpha^Anna", "1.2.3.1", "ACC-A", "CT CHEST", "1", "Axial lung"),
                                  instance("PAT-A", "Alpha^Anna", "1.2.3.1", "ACC-A", "CT CHEST", "2", "Portal venous"),
                                  instance("PAT-C", "", "1.2.3.3", "", "CT ABDOMEN 100%", "1", "Portal venous"),
                                  instance("PAT-C", "", "1.2.3.3", "", "CT ABDOMEN 100%", "2", "Delayed") },
        {});
    StudyBrowserIndex index(*project);
    REQUIRE(patientIdsShown(index) == std::vector<std::string> { "PAT-A", "PAT-B", "PAT-C" });
    CHECK(index.seriesTotal() == 5);
    const auto rows = index.patientRows(index.patientIds());
    CHECK(rows[0].patient.patientName == "Alpha^Anna");
    CHECK(rows[0].patient.studyCount == 1);
    const auto studies = index.studies(rows[0].id);
    REQUIRE(studies.size() == 1);
    CHECK(studies[0].study.accessionNumber == "ACC-A");
    CHECK(studies[0].study.seriesCount == 2);
    CHECK(studies[0].modalities == "CT");
    const std::int64_t alphaStudy = studies[0].id;
    CHECK(seriesShown(index, alphaStudy) == std::vector<std::string> { "Axial lung", "Portal venous" });

    SECTION("a patient name (case-insensitive, ^ as a space) shows the patient's studies and all their series")
    {
        index.setFilter("  alpha ANNA ");
        CHECK(index.filter() == "alpha ANNA");
        REQUIRE(patientIdsShown(index) == std::vector<std::string> { "PAT-A" });
        CHECK(seriesShown(index, alphaStudy) == std::vector<std::string> { "Axial lung", "Portal venous" });
    }
    SECTION("a patient ID, an accession number, a study description or date")
    {
        for (const char* text : { "pat-b", "ACC-B", "mr brain", "brai" }) {
            INFO(text);
            index.setFilter(text);
            CHECK(patientIdsShown(index) == std::vector<std::string> { "PAT-B" });
        }
        index.setFilter("2019-04-12");
        CHECK(patientIdsShown(index).size() == 3);
        index.setFilter("20190412");
        CHECK(patientIdsShown(index).size() == 3);
    }
    SECTION("a series description shows only the series that match, under their study and patient")
    {
        index.setFilter("portal");
        REQUIRE(patientIdsShown(index) == std::vector<std::string> { "PAT-A", "PAT-C" });
        CHECK(seriesShown(index, alphaStudy) == std::vector<std::string> { "Portal venous" });
        const auto cStudies = index.studies(index.patientIds()[1]);
        REQUIRE(cStudies.size() == 1);
        CHECK(seriesShown(index, cStudies[0].id) == std::vector<std::string> { "Portal venous" });
        // A modality is a series field too.
        index.setFilter("mr");
        CHECK(patientIdsShown(index) == std::vector<std::string> { "PAT-B" });
    }
    SECTION("LIKE's special characters are plain text; short and absent texts")
    {
        index.setFilter("100%");
        CHECK(patientIdsShown(index) == std::vector<std::string> { "PAT-C" });
        index.setFilter("_");
        CHECK(patientIdsShown(index).empty());
        index.setFilter("%");
        CHECK(patientIdsShown(index) == std::vector<std::string> { "PAT-C" });
        index.setFilter("n 100%"); // three characters or more: the trigram index, every character literal
        CHECK(patientIdsShown(index) == std::vector<std::string> { "PAT-C" });
        index.setFilter("\"ct\" OR x");
        CHECK(index.patientIds().empty());
        index.setFilter("be"); // two characters: answered by a scan, same result
        CHECK(patientIdsShown(index) == std::vector<std::string> { "PAT-B" });
        index.setFilter("no such text");
        CHECK(index.patientIds().empty());
        index.setFilter("   ");
        CHECK_FALSE(index.isFiltered());
        CHECK(index.patientIds().size() == 3);
    }
    SECTION("the search index follows a changed description, a renamed patient and a removed series")
    {
        InstanceRecord changed = instance("PAT-B", "Beta^Bertha", "1.2.3.2", "ACC-B", "MR HEAD", "1", "T2 axial", "MR");
        project->writeImportBatch({ changed }, {});
        StudyBrowserIndex fresh(*project);
        fresh.setFilter("mr brain");
        CHECK(fresh.patientIds().empty());
        fresh.setFilter("mr head");
        CHECK(patientIdsShown(fresh) == std::vector<std::string> { "PAT-B" });
        fresh.setFilter("bertha");
        CHECK(patientIdsShown(fresh) == std::vector<std::string> { "PAT-B" });
        fresh.setFilter("t2 axial");
        CHECK(patientIdsShown(fresh) == std::vector<std::string> { "PAT-B" });
        // The file of "Delayed" now reads as unreadable: its series goes, and with it its search document.
        project->writeImportBatch({}, { SkippedFile { "/d/1.2.3.3/2.dcm", "damaged", 1, 1 } });
        fresh.setFilter("delayed");
        CHECK(fresh.patientIds().empty());
    }
    SECTION("where a series is")
    {
        const auto place = index.placeOfSeries("1.2.3.1.2");
        REQUIRE(place);
        CHECK(place->patientId == rows[0].id);
        CHECK(place->studyId == alphaStudy);
        CHECK_FALSE(index.placeOfSeries("9.9"));
    }
}

TEST_CASE("Browser index: patient rows are read in blocks, in the order asked", "[browser]")
{
    const std::string folder = makeTemporaryFolder("radmark-browser-blocks");
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    std::vector<InstanceRecord> batch;
    for (int patient = 0; patient < 150; ++patient) {
        char id[16];
        std::snprintf(id, sizeof(id), "P%03d", patient);
        batch.push_back(instance(id, "Name^" + std::to_string(patient), "1.9." + std::to_string(patient),
            "A" + std::to_string(patient), "CT", "1", "S"));
    }
    project->writeImportBatch(batch, {});
    StudyBrowserIndex index(*project);
    REQUIRE(index.patientIds().size() == 150);
    std::vector<std::int64_t> reversed(index.patientIds().rbegin(), index.patientIds().rend());
    const auto rows = index.patientRows(reversed);
    REQUIRE(rows.size() == 150);
    CHECK(rows.front().patient.patientId == "P149");
    CHECK(rows.back().patient.patientId == "P000");
    CHECK(index.patientRows({ reversed[3], 999999 }).size() == 1);
    index.setFilter("name 14"); // Name^14, Name^140..149
    CHECK(patientIdsShown(index)
        == std::vector<std::string> {
            "P014", "P140", "P141", "P142", "P143", "P144", "P145", "P146", "P147", "P148", "P149" });
}
