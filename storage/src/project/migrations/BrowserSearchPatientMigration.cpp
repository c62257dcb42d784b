#include "project/migrations/BrowserSearchPatientMigration.h"
#include "project/migrations/BrowserSearchText.h"

#include <string>

namespace radmark::storage {

namespace {

std::string insertStudyDocuments(const std::string& studyCondition)
{
    return std::string("INSERT INTO browser_search(rowid, search_text, patient_ref, study_ref, series_ref) SELECT "
                       "2 * st.id, ")
        + studySearchText + ", st.patient_ref, st.id, 0 FROM studies st JOIN patients p ON p.id = st.patient_ref WHERE "
        + studyCondition;
}

std::string insertSeriesDocuments(const std::string& seriesCondition)
{
    return std::string("INSERT INTO browser_search(rowid, search_text, patient_ref, study_ref, series_ref) SELECT "
                       "2 * s.id + 1, ")
        + seriesSearchText + ", st.patient_ref, s.study_ref, s.id FROM series s JOIN studies st ON st.id = s.study_ref "
        + "WHERE " + seriesCondition;
}

} // namespace

SchemaMigration browserSearchPatientMigration()
{
    SchemaMigration migration;
    migration.version = browserSearchPatientSchemaVersion;
    migration.description = "the study browser's search documents carry their patient; label names by index";
    migration.statements = {
        "DROP TRIGGER IF EXISTS browser_search_study_insert",
        "DROP TRIGGER IF EXISTS browser_search_study_update",
        "DROP TRIGGER IF EXISTS browser_search_study_delete",
        "DROP TRIGGER IF EXISTS browser_search_patient_update",
        "DROP TRIGGER IF EXISTS browser_search_series_insert",
        "DROP TRIGGER IF EXISTS browser_search_series_update",
        "DROP TRIGGER IF EXISTS browser_search_series_delete",
        "DROP TABLE IF EXISTS browser_search",
        "CREATE VIRTUAL TABLE browser_search USING fts5(search_text, patient_ref UNINDEXED, study_ref UNINDEXED, "
        "series_ref UNINDEXED, tokenize = 'trigram')",
        "CREATE TRIGGER browser_search_study_insert AFTER INSERT ON studies BEGIN "
            + insertStudyDocuments("st.id = new.id") + "; END",
        // A study moved to another patient takes its series' documents along.
        "CREATE TRIGGER browser_search_study_update AFTER UPDATE ON studies WHEN "
        "old.accession_number IS NOT new.accession_number OR old.study_description IS NOT new.study_description OR "
        "old.study_date IS NOT new.study_date OR old.patient_ref IS NOT new.patient_ref BEGIN "
        "DELETE FROM browser_search WHERE rowid = 2 * old.id; "
            + insertStudyDocuments("st.id = new.id")
            + "; UPDATE browser_search SET patient_ref = new.patient_ref WHERE old.patient_ref IS NOT new.patient_ref "
              "AND rowid IN (SELECT 2 * id + 1 FROM series WHERE study_ref = new.id); END",
        // (Also keeps the review counts of schema 8 free of the study.)
        "CREATE TRIGGER browser_search_study_delete AFTER DELETE ON studies BEGIN "
        "DELETE FROM browser_search WHERE rowid = 2 * old.id; "
        "DELETE FROM study_review_counts WHERE study_ref = old.id; "
        "DELETE FROM review_counts_dirty WHERE study_ref = old.id; END",
        "CREATE TRIGGER browser_search_patient_update AFTER UPDATE OF patient_name, patient_id ON patients WHEN "
        "old.patient_name IS NOT new.patient_name OR old.patient_id IS NOT new.patient_id BEGIN "
        "DELETE FROM browser_search WHERE rowid IN (SELECT 2 * id FROM studies WHERE patient_ref = new.id); "
            + insertStudyDocuments("st.patient_ref = new.id") + "; END",
        "CREATE TRIGGER browser_search_series_insert AFTER INSERT ON series BEGIN "
            + insertSeriesDocuments("s.id = new.id") + "; END",
        "CREATE TRIGGER browser_search_series_update AFTER UPDATE ON series WHEN "
        "old.series_description IS NOT new.series_description OR old.modality IS NOT new.modality OR "
        "old.study_ref IS NOT new.study_ref BEGIN "
        "DELETE FROM browser_search WHERE rowid = 2 * old.id + 1; "
            + insertSeriesDocuments("s.id = new.id") + "; END",
        "CREATE TRIGGER browser_search_series_delete AFTER DELETE ON series BEGIN "
        "DELETE FROM browser_search WHERE rowid = 2 * old.id + 1; END",
        // Backfill: every study and series.
        insertStudyDocuments("1"),
        insertSeriesDocuments("1"),
        // One b-tree per term instead of the segments of the backfill: a broad filter reads half as many pages.
        "INSERT INTO browser_search(browser_search) VALUES ('optimize')",
        // The label names of a project in the order first proposed / decided (ReportStore::labelNames, read at
        // every open and team-review refresh) by a few index seeks instead of a scan of 1.4 million proposals.
        // On the expression `label_name || ''`, which only labelNames asks for: an index on label_name itself
        // would be taken by the review recount's joins on label_name (every proposal of a label instead of one
        // study's: 1 s per Enter in bench_scale).
        "CREATE INDEX IF NOT EXISTS label_proposals_label ON label_proposals(label_name || '')",
        "CREATE INDEX IF NOT EXISTS label_decisions_label ON label_decisions(label_name || '')",
    };
    return migration;
}

} // namespace radmark::storage
