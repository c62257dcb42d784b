// Reports and study labels in the project: storing, matching (also later), search, encodings, import
// routing of .txt files, report CSVs and SR documents, proposals vs human decisions.
#include "ImportTestFiles.h"
#include "StudyRecordFixture.h"
#include "TestPaths.h"

#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <catch2/catch.hpp>

#include <map>

#include <sqlite3.h>

using namespace radmark::storage;
using radmark::testing::makeTemporaryFolder;
using radmark::testing::studyRecord;
using radmark::testing::writeTextFile;

namespace {

ReportRecord report(
    const std::string& key, ReportRecord::KeyKind kind, const std::string& path, const std::string& text)
{
    ReportRecord record;
    record.matchKey = key;
    record.keyKind = kind;
    record.sourcePath = path;
    record.sourceKind = "text";
    record.text = text;
    return record;
}

std::map<std::string, std::string> skipReasons(const ImportSummary& summary)
{
    std::map<std::string, std::string> reasons;
    for (const SkippedFile& file : summary.skippedThisRun) {
        reasons[file.filePath.substr(file.filePath.rfind('/') + 1)] = file.reason;
    }
    return reasons;
}

} // namespace

TEST_CASE("Reports match studies by accession or UID, wait unmatched, and attach when the study arrives", "[reports]")
{
    const std::string folder = makeTemporaryFolder("radmark-reports");
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    project->writeImportBatch(
        { studyRecord("/d/a.dcm", "1.2.10", "ACC1"), studyRecord("/d/b.dcm", "1.2.20", "ACC2") }, {});
    ReportStore reports(*project);
    const std::size_t matched = reports.addReports(
        { report("ACC1", ReportRecord::KeyKind::Accession, "/r/ACC1.txt", "FINDINGS: Small pleural effusion."),
            report("1.2.20", ReportRecord::KeyKind::Either, "/r/1.2.20.txt", "IMPRESSION: No pneumothorax."),
            report("ACC3", ReportRecord::KeyKind::Accession, "/r/ACC3.txt", "Cardiomegaly."),
            report("1.2.10", ReportRecord::KeyKind::Accession, "/r/x.txt", "an accession key never matches a UID") });
    CHECK(matched == 2);
    CHECK(reports.reportCount() == 4);
    CHECK(reports.unmatchedCount() == 2);
    const auto unmatched = reports.unmatchedReports();
    REQUIRE(unmatched.size() == 2);
    CHECK(unmatched[0].matchKey == "ACC3");
    CHECK_FALSE(unmatched[0].studyId.has_value());

    // Re-importing the same file and row replaces the report instead of adding one.
    reports.addReports(
        { report("ACC1", ReportRecord::KeyKind::Accession, "/r/ACC1.txt", "FINDINGS: Large effusion.") });
    CHECK(reports.reportCount() == 4);

    const auto found = reports.search("effusion");
    REQUIRE(found.size() == 1);
    CHECK(found[0].accessionNumber == "ACC1");
    CHECK(found[0].text == "FINDINGS: Large effusion.");
    CHECK(reports.search("pneumothorax").size() == 1);
    CHECK(reports.search("\"small pleural\"").empty());

    project->writeImportBatch({ studyRecord("/d/c.dcm", "1.2.30", "ACC3") }, {});
    CHECK(reports.attachUnmatched() == 1);
    CHECK(reports.unmatchedCount() == 1);
    const auto texts = reports.studyReportTexts();
    CHECK(texts.size() == 3);
}

TEST_CASE("Proposals are replaced by re-labelling, human decisions stay and win", "[reports][labels]")
{
    const std::string folder = makeTemporaryFolder("radmark-labels");
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    project->writeImportBatch(
        { studyRecord("/d/a.dcm", "1.2.10", "ACC1"), studyRecord("/d/b.dcm", "1.2.20", "ACC2") }, {});
    ReportStore labels(*project);
    const auto studies = project->studies();
    REQUIRE(studies.size() == 2);
    const std::int64_t first = labels.finalLabels()[0].studyId;
    labels.putProposals({ LabelProposal { first, "chest", 1, "Edema", 1, "", "mention", 0 },
        LabelProposal { first, "chest", 1, "Fracture", std::nullopt, "", "", 0 } });
    labels.addDecision(LabelDecision { first, "Edema", 0, "Dr Who", "radiologist", 1000, {}, 0 });
    labels.putProposals({ LabelProposal { first, "chest", 1, "Edema", -1, "", "uncertain", 0 } });
    CHECK(labels.proposals(first).size() == 2);
    CHECK(labels.proposals(first)[0].value == -1);
    REQUIRE(labels.decisions(first).size() == 1);
    const auto final = labels.finalLabels();
    REQUIRE(final.size() == 2);
    CHECK(final[0].accessionNumber == "ACC1");
    CHECK(final[0].labels.at("Edema").value == 0);
    CHECK(final[0].labels.at("Edema").human);
    CHECK(final[0].labels.at("Edema").authorName == "Dr Who");
    CHECK_FALSE(final[0].labels.at("Fracture").value.has_value());
    CHECK_FALSE(final[0].labels.at("Fracture").human);
    CHECK(final[1].labels.empty());
    CHECK(labels.labelNames() == std::vector<std::string> { "Edema", "Fracture" });
    CHECK(labels.labelledStudies("chest") == std::vector<std::int64_t> { first });
    CHECK_THROWS_AS(labels.addDecision(LabelDecision { first, "Edema", 1, "", "radiologist", 0, {}, 0 }), ProjectError);
}

TEST_CASE("Import reads named .txt reports and report CSVs, converting Latin-1 and dropping the BOM", "[reports]")
{
    const std::string folder = makeTemporaryFolder("radmark-report-import");
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    project->writeImportBatch({ studyRecord("/d/a.dcm", "1.2.10", "ACC1") }, {});
    writeTextFile(folder + "/ACC1.txt", "\xEF\xBB\xBFIMPRESSION: Pleural effusion.\r\n");
    writeTextFile(folder + "/1.2.77.txt", "Caf\xE9 sign, no fracture.\n"); // Latin-1
    writeTextFile(folder + "/empty.txt", " \n");
    writeTextFile(folder + "/reports.csv",
        "Accession Number,report_text\nACC1,\"Second report,\nover lines\"\n"
        "ACC5,Edema.\n,no key\nACC6,\n");
    writeTextFile(folder + "/measurements.csv", "id,value\n1,2\n");
    const ImportSummary summary = importPaths(*project,
        { folder + "/ACC1.txt", folder + "/1.2.77.txt", folder + "/empty.txt", folder + "/reports.csv",
            folder + "/measurements.csv" });
    const auto reasons = skipReasons(summary);
    CHECK(reasons.size() == 3);
    CHECK(reasons.at("empty.txt") == "empty report");
    CHECK(reasons.at("measurements.csv")
        == "a CSV file but not a report CSV: it has no report column (report or report_text) and no key column "
           "(accession, accession_number, study_uid or study_instance_uid) (its columns: id, value)");
    // Rows without a key or a text are listed with their lines, not dropped in silence.
    CHECK(reasons.at("reports.csv")
        == "2 rows not imported: line 5: no Accession Number: not imported; line 6: no "
           "report text (Accession Number ACC6): not imported (2 imported)");

    ReportStore reports(*project);
    CHECK(reports.reportCount() == 4);
    CHECK(reports.unmatchedCount() == 2);
    const auto unmatched = reports.unmatchedReports();
    REQUIRE(unmatched.size() == 2);
    CHECK(unmatched[0].matchKey == "1.2.77");
    CHECK(unmatched[0].text == "Caf\xC3\xA9 sign, no fracture.\n");
    CHECK(unmatched[0].encodingNote == "converted from Latin-1/Windows-1252");
    CHECK(unmatched[1].matchKey == "ACC5");
    CHECK(unmatched[1].sourceKind == "csv");
    CHECK(unmatched[1].sourceRow == 4);
    const std::int64_t study = reports.finalLabels()[0].studyId;
    const auto matched = reports.studyReports(study);
    REQUIRE(matched.size() == 2);
    CHECK(matched[0].text == "IMPRESSION: Pleural effusion.\n");
    CHECK(matched[0].encodingNote == "UTF-8 byte-order mark removed");
    CHECK(matched[1].text == "Second report,\nover lines");

    // The study of an unmatched report arrives with a later import: the report attaches.
    project->writeImportBatch({ studyRecord("/d/b.dcm", "1.2.77", "") }, {});
    importPaths(*project, { folder + "/reports.csv" });
    CHECK(reports.unmatchedCount() == 1);
    CHECK(reports.reportCount() == 4);
}

TEST_CASE(
    "SR documents' text becomes a report, an SR whose content was used is not a skipped file", "[reports][real-data]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const std::string root = radmark::testing::sharedDataPath("dicom/pydicom_test_files/files");
    const std::string folder = makeTemporaryFolder("radmark-sr");
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    const ImportSummary summary = importPaths(*project, { root + "/reportsi.dcm", root + "/test-SR.dcm" });
    CHECK(skipReasons(summary).empty());
    CHECK(summary.progress.filesSkipped == 0);
    CHECK(project->counts().skippedFiles == 0);
    ReportStore reports(*project);
    const auto unmatched = reports.unmatchedReports();
    REQUIRE(unmatched.size() == 2);
    CHECK(unmatched[0].matchKey == "1.2.276.0.7230010.3.1.2.1787205428.166.1117461927.5");
    CHECK(unmatched[0].sourceKind == "sr");
    CHECK(unmatched[0].text == "Recording Observer's Organization Name:\nEnter text\n\nReport Text:\nEnter text");
    CHECK(unmatched[1].matchKey == "1.2.276.0.7230010.3.1.4.2139363186.7819.982086466.2");
    // Seven TEXT items (two repeated in a nested container), each under its concept name.
    const std::string& text = unmatched[1].text;
    CHECK(text.rfind("Text Code:\nA mass of\n\nText Code:\nwas detected.\n\nText Code:\nA mass of\n\n", 0) == 0);
    CHECK(text.find("\n\nCode:\nInferred Sample Text") != std::string::npos);
    const std::string last = "\n\nCode:\nSample Text 2";
    REQUIRE(text.size() > last.size());
    CHECK(text.compare(text.size() - last.size(), last.size(), last) == 0);
}

TEST_CASE(
    "Label names come in the order first proposed, then first decided, also when not alphabetical", "[reports][labels]")
{
    const std::string folder = makeTemporaryFolder("radmark-label-names");
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    project->writeImportBatch(
        { studyRecord("/d/a.dcm", "1.2.10", "ACC1"), studyRecord("/d/b.dcm", "1.2.20", "ACC2") }, {});
    ReportStore labels(*project);
    CHECK(labels.labelNames().empty());
    const std::int64_t first = labels.finalLabels()[0].studyId;
    const std::int64_t second = labels.finalLabels()[1].studyId;
    labels.putProposals({ LabelProposal { first, "chest", 1, "Zeta", 1, "", "", 0 },
        LabelProposal { first, "chest", 1, "Alpha", 0, "", "", 0 } });
    labels.putProposals({ LabelProposal { second, "chest", 1, "Mid", 1, "", "", 0 },
        LabelProposal { second, "chest", 1, "Alpha", 1, "", "", 0 } });
    const auto undone = labels.addDecisions({ LabelDecision { first, "Omega", 1, "Dr A", "radiologist", 50, {}, 0 } });
    labels.undoDecisions(undone, "Dr A");
    labels.addDecision(LabelDecision { second, "Beta", 0, "Dr A", "radiologist", 10, {}, 0 });
    labels.addDecision(LabelDecision { second, "Zeta", 0, "Dr A", "radiologist", 20, {}, 0 });
    labels.addDecision(LabelDecision { second, "", 0, "Dr A", "radiologist", 30, {}, 0 });
    const std::vector<std::string> expected { "Zeta", "Alpha", "Mid", "Omega", "Beta", "" };
    CHECK(labels.labelNames() == expected);
    CHECK(labels.finalLabelTable().labelNames == expected);
}

TEST_CASE("The label-name indexes serve labelNames only, not the review recount of one study", "[reports][labels]")
{
    const std::string folder = makeTemporaryFolder("radmark-label-name-plans");
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    const auto plan = [&project](const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        REQUIRE(
            sqlite3_prepare_v2(project->connection(), ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &statement, nullptr)
            == SQLITE_OK);
        std::string text;
        while (sqlite3_step(statement) == SQLITE_ROW) {
            text += reinterpret_cast<const char*>(sqlite3_column_text(statement, 3));
            text += "|";
        }
        sqlite3_finalize(statement);
        return text;
    };
    CHECK_THAT(plan("SELECT MIN(id) FROM label_proposals WHERE label_name || '' = 'Edema'"),
        Catch::Contains("USING INDEX label_proposals_label"));
    CHECK_THAT(plan("SELECT label_name || '' FROM label_decisions WHERE label_name || '' > 'A' "
                    "ORDER BY label_name || '' LIMIT 1"),
        Catch::Contains("USING INDEX label_decisions_label"));
    const std::string proposals = plan("SELECT COUNT(DISTINCT p.label_name) FROM label_proposals p JOIN "
                                       "review_count_labels l ON l.label_name = p.label_name WHERE p.study_ref = 1");
    CHECK_THAT(proposals, !Catch::Contains("label_proposals_label"));
    const std::string decisions = plan("SELECT COUNT(DISTINCT d.label_name) FROM label_decisions d JOIN "
                                       "review_count_labels l ON l.label_name = d.label_name WHERE d.study_ref = 1 "
                                       "AND d.undone_ms IS NULL");
    CHECK_THAT(decisions, !Catch::Contains("label_decisions_label"));
}
