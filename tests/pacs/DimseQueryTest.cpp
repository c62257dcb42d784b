#include "OrthancServer.h"
#include "PacsTestArchive.h"
#include "TestPaths.h"
#include "radmark/storage/pacs/DimsePacsClient.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace radmark::storage;
using namespace radmark::testing;

namespace {

WrittenSeries uploadStudy(const OrthancServer& orthanc, const std::string& accession, const std::string& patientId,
    const std::string& date, const std::string& modality, int slices, const std::string& studyUid = {})
{
    SyntheticSeriesSpec spec;
    spec.slices = slices;
    spec.columns = 32;
    spec.rows = 32;
    spec.accessionNumber = accession;
    spec.patientId = patientId;
    spec.patientName = "Test^" + patientId;
    spec.studyDate = date;
    spec.modality = modality;
    spec.studyInstanceUid = studyUid;
    spec.studyDescription = modality + " STUDY " + accession;
    const WrittenSeries series = writeSyntheticSeries(spec, makeTemporaryFolder("radmark-pacs-query"));
    for (const std::string& file : series.filePaths) {
        orthanc.uploadFile(file);
    }
    return series;
}

std::vector<std::string> accessions(const PacsQueryPage& page)
{
    std::vector<std::string> values;
    for (const PacsStudy& study : page.studies) {
        values.push_back(study.accessionNumber);
    }
    std::sort(values.begin(), values.end());
    return values;
}

} // namespace

TEST_CASE("C-FIND finds studies by accession, patient, date range and modality with series and image counts",
    "[pacs][orthanc][dimse]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    const WrittenSeries a = uploadStudy(orthanc, "ACC-A", "PAT-1", "20240105", "CT", 3);
    // Study B has two series (a second one written into the same study).
    const WrittenSeries b = uploadStudy(orthanc, "ACC-B", "PAT-1", "20240620", "CT", 2);
    uploadStudy(orthanc, "ACC-B", "PAT-1", "20240620", "CT", 4, b.studyInstanceUid);
    uploadStudy(orthanc, "ACC-C", "PAT-2", "20250301", "MR", 1);
    const auto client = makeDimsePacsClient(dimseConnectionTo(orthanc));

    PacsStudyQuery byAccession;
    byAccession.accessionNumber = "ACC-B";
    const PacsQueryPage found = client->queryStudies(byAccession, nullptr);
    REQUIRE(found.studies.size() == 1);
    const PacsStudy& study = found.studies.front();
    CHECK(study.studyInstanceUid == b.studyInstanceUid);
    CHECK(study.patientId == "PAT-1");
    CHECK(study.patientName == "Test^PAT-1");
    CHECK(study.studyDate == "20240620");
    CHECK(study.studyDescription == "CT STUDY ACC-B");
    CHECK(study.modalities == std::vector<std::string> { "CT" });
    CHECK(study.seriesCount == 2);
    CHECK(study.instanceCount == 6);
    CHECK_FALSE(found.more);

    PacsStudyQuery byPatient;
    byPatient.patientId = "PAT-1";
    CHECK(accessions(client->queryStudies(byPatient, nullptr)) == std::vector<std::string> { "ACC-A", "ACC-B" });

    PacsStudyQuery byDate;
    byDate.studyDateFrom = "20240601";
    byDate.studyDateTo = "20251231";
    CHECK(accessions(client->queryStudies(byDate, nullptr)) == std::vector<std::string> { "ACC-B", "ACC-C" });

    PacsStudyQuery byModality;
    byModality.modality = "MR";
    CHECK(accessions(client->queryStudies(byModality, nullptr)) == std::vector<std::string> { "ACC-C" });

    PacsStudyQuery none;
    none.accessionNumber = "NO-SUCH";
    CHECK(client->queryStudies(none, nullptr).studies.empty());

    const std::vector<PacsSeries> series = client->querySeries(b.studyInstanceUid, nullptr);
    REQUIRE(series.size() == 2);
    int instances = 0;
    for (const PacsSeries& one : series) {
        instances += one.instanceCount;
        CHECK(one.modality == "CT");
    }
    CHECK(instances == 6);
    const std::vector<PacsInstance> listed = client->queryInstances(a.studyInstanceUid, "", nullptr);
    REQUIRE(listed.size() == 3);
    std::vector<std::string> sopUids;
    for (const PacsInstance& instance : listed) {
        sopUids.push_back(instance.sopInstanceUid);
        CHECK(instance.seriesInstanceUid == a.seriesInstanceUid);
        CHECK(instance.sopClassUid == "1.2.840.10008.5.1.4.1.1.2");
    }
    std::vector<std::string> expected = a.sopInstanceUids;
    std::sort(sopUids.begin(), sopUids.end());
    std::sort(expected.begin(), expected.end());
    CHECK(sopUids == expected);
    CHECK(client->queryInstances("1.2.3.4.5.6.7", "", nullptr).empty());
}

TEST_CASE("A capped C-FIND says that more studies match, the offset gives the next page", "[pacs][orthanc][dimse]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    for (int index = 1; index <= 5; ++index) {
        uploadStudy(orthanc, "ACC-" + std::to_string(index), "PAT-PAGE", "20240101", "CT", 1);
    }
    const auto client = makeDimsePacsClient(dimseConnectionTo(orthanc));
    PacsStudyQuery query;
    query.patientId = "PAT-PAGE";
    query.limit = 2;
    std::vector<std::string> all;
    std::vector<bool> more;
    for (query.offset = 0; query.offset < 6; query.offset += 2) {
        const PacsQueryPage page = client->queryStudies(query, nullptr);
        more.push_back(page.more);
        for (const PacsStudy& study : page.studies) {
            all.push_back(study.accessionNumber);
        }
    }
    CHECK(more == std::vector<bool> { true, true, false });
    std::sort(all.begin(), all.end());
    CHECK(all == std::vector<std::string> { "ACC-1", "ACC-2", "ACC-3", "ACC-4", "ACC-5" });
    // The echo still works after a query was cut short by an abort.
    CHECK_NOTHROW(client->echo());
}

TEST_CASE("A cancelled query stops with Cancelled", "[pacs][orthanc][dimse]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    uploadStudy(orthanc, "ACC-X", "PAT-X", "20240101", "CT", 1);
    const std::atomic<bool> cancel { true };
    PacsStudyQuery query;
    try {
        makeDimsePacsClient(dimseConnectionTo(orthanc))->queryStudies(query, &cancel);
        FAIL("no cancel");
    } catch (const PacsError& error) {
        CHECK(error.kind() == PacsError::Kind::Cancelled);
    }
}
