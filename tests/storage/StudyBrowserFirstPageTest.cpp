// A broad filter's first patients before its whole match list (StudyBrowserIndex::setFilter(text, firstPatients)):
// on a project of 600 patients imported out of display order, every filter gives exactly the rows of the one-query
// filter: the first patients at once (same patients, same order, same studies and series under them), the rest and
// the count after continueMatching in rowid ranges, or by walking on (extendPatients). A new text drops the old
// work.
#include "StudyRecordFixture.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/StudyBrowserIndex.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

using namespace radmark::storage;
using radmark::testing::makeTemporaryFolder;
using radmark::testing::studyRecord;

namespace {

constexpr int patientCount = 600;

std::string patientId(int patient)
{
    char id[16];
    std::snprintf(id, sizeof(id), "P%04d", patient);
    return id;
}

// Patient i (imported in the order 0, 241, 482, ... so that the index's rowids do not follow the display order):
// Garcia^Maria every 10th, Müller^Jürgen for 377, Smith^<i> otherwise; one study (two for every 3rd patient, the
// second RENAL STONE for every 4th of those), accession ACC<i>-<study>; series "Abdomen 5mm", "Portal venous 1.25mm"
// and "Arterial" in every study.
std::unique_ptr<ProjectStore> makeProject(const std::string& folder)
{
    auto project = ProjectStore::open(folder + "/first-page.radmark", ProjectStore::OpenMode::CreateIfMissing);
    std::vector<InstanceRecord> batch;
    for (int order = 0; order < patientCount; ++order) {
        const int patient = (order * 241) % patientCount;
        const int studies = patient % 3 == 0 ? 2 : 1;
        for (int study = 1; study <= studies; ++study) {
            const std::string studyUid
                = "1.2.826.0.1.3680043.9.7.9." + std::to_string(patient) + "." + std::to_string(study);
            int series = 0;
            for (const char* description : { "Abdomen 5mm", "Portal venous 1.25mm", "Arterial" }) {
                ++series;
                InstanceRecord record = studyRecord("/nonexistent/" + studyUid + "/" + std::to_string(series) + ".dcm",
                    studyUid, "ACC" + std::to_string(patient) + "-" + std::to_string(study));
                record.patientId = patientId(patient);
                record.patientName = patient == 377 ? "Müller^Jürgen"
                    : patient % 10 == 0             ? "Garcia^Maria"
                                                    : "Smith^" + std::to_string(patient);
                record.studyDescription = study == 2 && patient % 4 == 0 ? "RENAL STONE" : "CT ABDOMEN";
                record.seriesInstanceUid = studyUid + "." + std::to_string(series);
                record.sopInstanceUid = record.seriesInstanceUid + ".1";
                record.seriesNumber = series;
                record.seriesDescription = description;
                batch.push_back(record);
            }
        }
    }
    project->writeImportBatch(batch, {}, true);
    return project;
}

struct ShownPatient {
    std::string patientId;
    std::vector<std::pair<std::string, std::vector<std::string>>> studies; // accession, series descriptions
    bool operator==(const ShownPatient& other) const
    {
        return patientId == other.patientId && studies == other.studies;
    }
};

// What the browser shows for the patients known so far, in display order.
std::vector<ShownPatient> shown(const StudyBrowserIndex& index)
{
    std::vector<ShownPatient> patients;
    for (const auto& row : index.patientRows(index.patientIds())) {
        ShownPatient patient { row.patient.patientId, {} };
        for (const auto& study : index.studies(row.id)) {
            std::vector<std::string> series;
            for (const auto& seriesRow : index.series(study.id)) {
                series.push_back(seriesRow.series.description);
            }
            patient.studies.emplace_back(study.study.accessionNumber, std::move(series));
        }
        patients.push_back(std::move(patient));
    }
    return patients;
}

std::vector<ShownPatient> firstOf(const std::vector<ShownPatient>& patients, std::size_t count)
{
    return { patients.begin(), patients.begin() + static_cast<std::ptrdiff_t>(std::min(count, patients.size())) };
}

} // namespace

TEST_CASE("Browser index: a broad filter's first patients first, then exactly the one-query rows", "[browser]")
{
    const std::string folder = makeTemporaryFolder("radmark-browser-first-page");
    const auto project = makeProject(folder);
    StudyBrowserIndex reference(*project);
    StudyBrowserIndex lazy(*project);
    lazy.setMatchingRange(100); // about 3,000 rowids: some 30 ranges

    struct Case {
        std::string text;
        std::size_t patients; // shown by the complete filter
        bool broad; // its first patients come before the match list
    };
    const std::vector<Case> cases {
        { "portal VENOUS", 600, true }, // a series description in every study
        { "smith", 539, true }, // a patient name, most patients
        { "ab", 600, true }, // two characters: LIKE ("Abdomen", every study)
        { "garcia maria", 60, false }, // 1 patient in 10 (under 1 in 4 at first): the one query
        { "renal stone", 50, false }, // a study description of 1 in 12 patients
        { "ACC377-1", 1, false }, // an accession number
        { "MÜLLER jür", 1, false }, // folded beyond ASCII, as the trigram index folds
    };
    for (const Case& filter : cases) {
        INFO(filter.text);
        reference.setFilter(filter.text);
        REQUIRE(reference.isComplete());
        const auto expected = shown(reference);
        REQUIRE(expected.size() == filter.patients);

        lazy.setFilter(filter.text, 40);
        CHECK(lazy.isComplete() == !filter.broad);
        const auto first = shown(lazy);
        if (filter.broad) {
            CHECK(first.size() == 40);
            CHECK(lazy.knownPatientCount() == 40);
        }
        CHECK(first == firstOf(expected, first.size()));

        int steps = 0;
        while (!lazy.continueMatching(std::chrono::microseconds(0))) {
            ++steps;
            CHECK(lazy.knownPatientCount() >= 40);
            CHECK(lazy.knownPatientCount() <= filter.patients);
        }
        if (filter.broad) {
            CHECK(steps > 10); // one range per step with no time to spare
        }
        CHECK(lazy.knownPatientCount() == filter.patients);
        CHECK(shown(lazy) == expected);
    }

    SECTION("scrolling on walks further in display order, the same rows")
    {
        reference.setFilter("portal venous");
        const auto expected = shown(reference);
        lazy.setFilter("portal venous", 40);
        lazy.extendPatients(150);
        REQUIRE_FALSE(lazy.isComplete());
        const auto more = shown(lazy);
        CHECK(more.size() == 150);
        CHECK(more == firstOf(expected, 150));
        lazy.completeMatching();
        CHECK(shown(lazy) == expected);
    }

    SECTION("a new text drops the old one's work: only the new text's steps run, its rows are exact")
    {
        const auto stepsToComplete = [&lazy] {
            const int before = lazy.matchingSteps();
            while (!lazy.continueMatching(std::chrono::microseconds(0))) { }
            return lazy.matchingSteps() - before;
        };
        lazy.setFilter("smith", 40);
        const int fresh = stepsToComplete();
        REQUIRE(fresh > 10);

        lazy.setFilter("portal venous", 40);
        for (int step = 0; step < 3; ++step) {
            REQUIRE_FALSE(lazy.continueMatching(std::chrono::microseconds(0)));
        }
        lazy.setFilter("smith", 40);
        CHECK(stepsToComplete() == fresh);
        reference.setFilter("smith");
        CHECK(shown(lazy) == shown(reference));

        lazy.setFilter("portal venous", 40);
        lazy.setFilter("smith 4", 40); // 100 patients, 10 of them in the first 256: the one query
        CHECK(lazy.isComplete());
        reference.setFilter("smith 4");
        CHECK(shown(lazy) == shown(reference));
        CHECK(lazy.patientIds().size() == 100);

        lazy.setFilter("portal venous", 40);
        lazy.setFilter({}, 40); // cleared: every patient, complete
        CHECK(lazy.isComplete());
        CHECK(lazy.patientIds().size() == patientCount);
    }
}
