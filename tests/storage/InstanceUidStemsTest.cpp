// Schema 12: SOP Instance UIDs stored by the stem they share with their series, acquisition times of digits as
// integers; instance_records returns every value exactly as before, in an upgraded file and in a new one.
#include "RawSqlite.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace radmark::storage;
using radmark::testing::makeTemporaryFolder;

namespace {

using radmark::testing::column;
using radmark::testing::exec;
using radmark::testing::instanceRowsAsText;

const std::string ctSeries = "1.2.826.0.1.3680043.8.498.1.2";
const std::string mrSeries = "1.2.826.0.1.3680043.8.498.1.7";

// One file of each kind of UID and time, after the fixture's instance 1 (UID ctSeries + ".1").
struct Case {
    std::string seriesUid;
    std::string sopUid;
    std::string acquisitionTime;
    std::string stored; // quote(stem of sop_uid_stems or NULL), quote(sop_uid_tail), quote(acquisition_time)
};
const std::vector<Case> cases = {
    { ctSeries, ctSeries + ".2", "101601.5", "'1.2.826.0.1.3680043.8.498.1.2.','2',101601561" }, // tail of digits
    { ctSeries, "1.2.826.0.1.3680043.8.498.1.9.77", "091602",
        "NULL,'1.2.826.0.1.3680043.8.498.1.9.77',9160260" }, // stem not the series'; leading zero
    { ctSeries, "", "", "NULL,'',''" },
    { ctSeries, "1.2.826.0.1.3680043.8.498.1.", "10:16:02", "NULL,'1.2.826.0.1.3680043.8.498.1.','10:16:02'" },
    { ctSeries, "12345", "1016.", "NULL,'12345','1016.'" },
    { ctSeries, "1.2.826.0.1.3680043.8.498.1.23", ".5", "'1.2.826.0.1.3680043.8.498.1.','23','.5'" }, // root stem
    { mrSeries, ctSeries + ".2", "1234567890", "'1.2.826.0.1.3680043.8.498.1.2.','2','1234567890'" }, // = 1st
    { mrSeries, mrSeries + ".1", "000000.000000", "'1.2.826.0.1.3680043.8.498.1.7.','1',66" },
    { mrSeries, mrSeries + ".1", "235959.999999999", "'1.2.826.0.1.3680043.8.498.1.7.','1',23595999999999969" },
    { mrSeries, mrSeries + ".1.5", "12345678901234567",
        "NULL,'1.2.826.0.1.3680043.8.498.1.7.1.5','12345678901234567'" },
    { mrSeries, mrSeries + "\xC3\xA9.4", "1.2.3", "NULL,'1.2.826.0.1.3680043.8.498.1.7\xC3\xA9.4','1.2.3'" },
    { mrSeries, "1.2.826.0.1.3680043.8.498.1.70.4", "7", "NULL,'1.2.826.0.1.3680043.8.498.1.70.4',710" },
};

std::string storedForms(sqlite3* database)
{
    return column(database,
        "SELECT quote(u.stem) || ',' || quote(i.sop_uid_tail) || ',' || quote(i.acquisition_time) FROM instances i "
        "LEFT JOIN sop_uid_stems u ON u.id = i.sop_uid_stem_ref WHERE i.id > 1 ORDER BY i.id");
}

std::string expectedStoredForms()
{
    std::string text;
    for (const Case& file : cases) {
        text += (text.empty() ? "" : "|") + file.stored;
    }
    return text;
}

} // namespace

TEST_CASE("Schema 12: an upgraded file returns every UID and time as it was", "[project][schema]")
{
    const std::string folder = makeTemporaryFolder("radmark-uid-stems");
    const std::string path = folder + "/v5.radmark";
    const std::filesystem::path fixture
        = std::filesystem::path(RADMARK_SOURCE_DIR) / "tests" / "storage" / "fixtures" / "schema-v5.radmark";
    REQUIRE(std::filesystem::is_regular_file(fixture));
    std::filesystem::copy_file(fixture, path);
    std::string before;
    {
        sqlite3* database = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &database) == SQLITE_OK);
        exec(database, "INSERT INTO series VALUES (2, '" + mrSeries + "', 1, 'MR', NULL, 'T2 ax', 0)");
        int id = 2;
        for (const Case& file : cases) {
            const bool ct = file.seriesUid == ctSeries;
            exec(database,
                "INSERT INTO instances VALUES (" + std::to_string(id) + ", " + (ct ? "1" : "2") + ", '/data/f"
                    + std::to_string(id) + ".dcm', 524288, 1700000000123456790, 0, '1.2.840.10008.5.1.4.1.1.2', '"
                    + file.sopUid + "', '" + file.seriesUid
                    + "', '1.2.826.0.1.3680043.8.498.1', '', 'PAT-001', 'Doe^Jane', 'F', '19600101', '060Y', "
                      "'ACC-42', '20201001', '101500', 'CT CHEST', 'Axial 1mm', 'CT', 3, "
                    + std::to_string(id) + ", 'ACME', 'Scanner 9', 'General', 'CT01', '20201001', '"
                    + file.acquisitionTime
                    + "', 'CHEST', 512, 512, 1, 0.703125, 0.703125, 1.25, '-180.5\\-180.5\\-14', '1\\0\\0\\0\\1\\0', "
                      "'40', '400', 1, -1024, 'MONOCHROME2', 1, 16, 12, 0, '1.2.840.10008.1.2.1', 'NO', "
                      "'ORIGINAL\\PRIMARY\\AXIAL', '')");
            ++id;
        }
        before = instanceRowsAsText(database, "instances");
        REQUIRE(sqlite3_close(database) == SQLITE_OK);
    }

    auto project = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
    sqlite3* db = project->connection();
    REQUIRE(project->schemaVersion() == 12);
    CHECK(column(db, "PRAGMA integrity_check") == "ok");
    // Every value of every row as it was, through the view of the earlier columns (quoted: types too).
    CHECK(instanceRowsAsText(db, "instance_records") == before);
    CHECK(column(db, "SELECT stem FROM sop_uid_stems ORDER BY id")
        == "1.2.826.0.1.3680043.8.498.1.|1.2.826.0.1.3680043.8.498.1.2.|1.2.826.0.1.3680043.8.498.1.7.");
    CHECK(column(db, "SELECT quote(sop_uid_stem_ref) || ',' || sop_uid_tail FROM instances WHERE id = 1") == "2,1");
    CHECK(storedForms(db) == expectedStoredForms());
    CHECK(column(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'instances_sop_uid_suffix'") == "0");

    // A UID shared by two files: in the CT and the MR series (files 2 and 8, both by the CT series' stem), twice in
    // the MR series (files 9 and 10).
    const std::vector<InstanceRecord> ctFiles = project->seriesInstances(ctSeries);
    const std::vector<InstanceRecord> mrFiles = project->seriesInstances(mrSeries);
    REQUIRE(ctFiles.size() == 7);
    REQUIRE(mrFiles.size() == 6);
    std::vector<std::string> flagged;
    for (const auto* files : { &ctFiles, &mrFiles }) {
        for (const InstanceRecord& file : *files) {
            if (!file.flags.empty()) {
                flagged.push_back(file.filePath);
            }
        }
    }
    CHECK(flagged == std::vector<std::string> { "/data/f2.dcm", "/data/f10.dcm", "/data/f8.dcm", "/data/f9.dcm" });
    CHECK(project->seriesByUid(ctSeries)->flaggedInstances == 1);
    CHECK(project->seriesByUid(mrSeries)->flaggedInstances == 3);
    CHECK(ctFiles[0].sopInstanceUid == ctSeries + ".1");
}

TEST_CASE("Schema 12: files written by the store keep their UIDs and times exactly", "[project][schema]")
{
    const std::string folder = makeTemporaryFolder("radmark-uid-stems");
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    std::vector<InstanceRecord> records;
    InstanceRecord first;
    first.filePath = "/data/f1.dcm";
    first.sopInstanceUid = ctSeries + ".1";
    first.seriesInstanceUid = ctSeries;
    first.studyInstanceUid = "1.2.826.0.1.3680043.8.498.1";
    first.patientId = "PAT-001";
    first.acquisitionTime = "101600";
    first.imagePositionPatient = { -180.5, -180.5, 1.0 / 3.0 };
    records.push_back(first);
    int id = 2;
    for (const Case& file : cases) {
        InstanceRecord record = first;
        record.filePath = "/data/f" + std::to_string(id++) + ".dcm";
        record.seriesInstanceUid = file.seriesUid;
        record.sopInstanceUid = file.sopUid;
        record.acquisitionTime = file.acquisitionTime;
        records.push_back(record);
    }
    project->writeImportBatch(records, {});
    sqlite3* db = project->connection();
    // The same stored forms as the upgrade's SQL gives (one rule in C++ and in SQL).
    CHECK(storedForms(db) == expectedStoredForms());
    CHECK(column(db, "SELECT quote(acquisition_time) FROM instances WHERE id = 1") == "10160060");

    std::vector<std::string> flagged;
    std::size_t read = 0;
    for (const std::string& seriesUid : { ctSeries, mrSeries }) {
        for (const InstanceRecord& stored : project->seriesInstances(seriesUid)) {
            const int index = std::stoi(stored.filePath.substr(7)) - 1;
            const InstanceRecord& written = records[static_cast<std::size_t>(index)];
            CHECK(stored.sopInstanceUid == written.sopInstanceUid);
            CHECK(stored.acquisitionTime == written.acquisitionTime);
            CHECK(stored.imagePositionPatient == written.imagePositionPatient);
            if (!stored.flags.empty()) {
                flagged.push_back(stored.filePath);
            }
            ++read;
        }
    }
    CHECK(read == records.size());
    CHECK(flagged == std::vector<std::string> { "/data/f2.dcm", "/data/f10.dcm", "/data/f8.dcm", "/data/f9.dcm" });

    // Imported again under another series UID (a corrected file): still stored by the known stem.
    const std::string storedUid = "SELECT coalesce(u.stem, 'whole') || ',' || i.sop_uid_tail FROM instances i LEFT "
                                  "JOIN sop_uid_stems u ON u.id = i.sop_uid_stem_ref WHERE i.id = ";
    InstanceRecord moved = records[1];
    moved.seriesInstanceUid = "2.25.1";
    moved.fileModifiedNs += 1;
    project->writeImportBatch({ moved }, {}, false);
    CHECK(column(db, storedUid + "2") == ctSeries + ".,2");
    CHECK(project->seriesInstances("2.25.1").at(0).sopInstanceUid == ctSeries + ".2");

    // A file stored whole (its stem is no series' yet) is stored by the stem once a series shares it, in the next
    // batch or later in the same one; equal UIDs are then found in one look-up.
    InstanceRecord early = first;
    early.filePath = "/data/early.dcm";
    early.seriesInstanceUid = "2.25.7";
    early.sopInstanceUid = "1.3.6.1.4.1.5962.1.1.4.9";
    InstanceRecord earlyTwin = early;
    earlyTwin.filePath = "/data/early-copy.dcm";
    earlyTwin.sopInstanceUid = "1.3.6.1.4.1.5962.1.1.4.90.1";
    project->writeImportBatch({ early, earlyTwin }, {});
    const std::string earlyId = column(db, "SELECT id FROM instances WHERE file_name = 'early.dcm'");
    CHECK(column(db, storedUid + earlyId) == "whole,1.3.6.1.4.1.5962.1.1.4.9");
    InstanceRecord sharing = first;
    sharing.filePath = "/data/sharing.dcm";
    sharing.seriesInstanceUid = "1.3.6.1.4.1.5962.1.1.4";
    sharing.sopInstanceUid = "1.3.6.1.4.1.5962.1.1.4.1";
    InstanceRecord duplicate = sharing;
    duplicate.filePath = "/data/duplicate.dcm";
    duplicate.sopInstanceUid = early.sopInstanceUid;
    InstanceRecord later = early;
    later.filePath = "/data/later.dcm";
    later.sopInstanceUid = "1.3.6.1.4.1.5962.1.1.4.10";
    project->writeImportBatch({ sharing, duplicate, later }, {});
    CHECK(column(db, storedUid + earlyId) == "1.3.6.1.4.1.5962.1.1.4.,9");
    CHECK(column(db,
              "SELECT file_name FROM instances WHERE sop_uid_stem_ref IS NULL AND file_name IN ('early.dcm', "
              "'early-copy.dcm', 'sharing.dcm', 'duplicate.dcm', 'later.dcm')")
        == "early-copy.dcm");
    const std::vector<InstanceRecord> earlyFiles = project->seriesInstances("2.25.7");
    REQUIRE(earlyFiles.size() == 3);
    CHECK(earlyFiles[0].sopInstanceUid == earlyTwin.sopInstanceUid);
    CHECK(earlyFiles[0].flags.empty());
    CHECK(earlyFiles[1].filePath == "/data/early.dcm");
    CHECK(earlyFiles[1].sopInstanceUid == early.sopInstanceUid);
    CHECK(earlyFiles[1].flags == std::vector<std::string> { "SOP Instance UID shared with another file" });
    CHECK(earlyFiles[2].sopInstanceUid == later.sopInstanceUid);
    CHECK(project->seriesByUid("1.3.6.1.4.1.5962.1.1.4")->flaggedInstances == 1);
}
