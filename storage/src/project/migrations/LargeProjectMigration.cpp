#include "project/migrations/LargeProjectMigration.h"
#include "project/migrations/BrowserSearchText.h"

namespace radmark::storage {

namespace {

// Document rowids: 2 * study id for a study, 2 * series id + 1 for a series.
std::string insertStudyDocuments(const std::string& studyCondition)
{
    return std::string("INSERT INTO browser_search(rowid, search_text, study_ref, series_ref) SELECT 2 * st.id, ")
        + studySearchText + ", st.id, 0 FROM studies st JOIN patients p ON p.id = st.patient_ref WHERE "
        + studyCondition;
}

std::string insertSeriesDocuments(const std::string& seriesCondition)
{
    return std::string("INSERT INTO browser_search(rowid, search_text, study_ref, series_ref) SELECT 2 * s.id + 1, ")
        + seriesSearchText + ", s.study_ref, s.id FROM series s WHERE " + seriesCondition;
}

// (Not INSERT OR IGNORE: inside a trigger the outer statement's conflict handling would override it.)
std::string markDirty(const char* studyRef)
{
    const std::string ref = studyRef;
    return "INSERT INTO review_counts_dirty(study_ref) SELECT " + ref
        + " WHERE NOT EXISTS (SELECT 1 FROM review_counts_dirty WHERE study_ref = " + ref + ");";
}

} // namespace

const std::string& recountDirtyStudiesSql()
{
    static const std::string sql = R"(
        INSERT OR REPLACE INTO study_review_counts(study_ref, proposed_labels, decided_labels, disagreements)
        SELECT x.study_ref,
               (SELECT COUNT(DISTINCT p.label_name) FROM label_proposals p
                  JOIN review_count_labels l ON l.label_name = p.label_name WHERE p.study_ref = x.study_ref),
               (SELECT COUNT(DISTINCT d.label_name) FROM label_decisions d
                  JOIN review_count_labels l ON l.label_name = d.label_name
                 WHERE d.study_ref = x.study_ref AND d.undone_ms IS NULL),
               (SELECT COUNT(*) FROM review_count_labels l
                 WHERE EXISTS (SELECT 1 FROM label_proposals p WHERE p.study_ref = x.study_ref
                                  AND p.label_name = l.label_name)
                   AND EXISTS (SELECT 1 FROM label_decisions d WHERE d.study_ref = x.study_ref
                                  AND d.label_name = l.label_name AND d.undone_ms IS NULL)
                   AND (SELECT d.value, d.choice FROM label_decisions d
                         WHERE d.study_ref = x.study_ref AND d.label_name = l.label_name AND d.undone_ms IS NULL
                         ORDER BY d.decided_ms DESC, d.id DESC LIMIT 1)
                       IS NOT (SELECT p.value, p.choice FROM label_proposals p
                                WHERE p.study_ref = x.study_ref AND p.label_name = l.label_name
                                ORDER BY p.computed_ms DESC, p.id DESC LIMIT 1))
          FROM review_counts_dirty x
         WHERE EXISTS (SELECT 1 FROM studies WHERE id = x.study_ref))";
    return sql;
}

const char* clearDirtyStudiesSql()
{
    return "DELETE FROM review_counts_dirty";
}

SchemaMigration largeProjectMigration()
{
    SchemaMigration migration;
    migration.version = largeProjectSchemaVersion;
    migration.description = "study browser search index and order, per-study review counts kept up to date";
    const std::string schemaLabels
        = "INSERT INTO review_count_labels(label_name) SELECT DISTINCT json_extract(value, '$.name') FROM json_each("
          "CASE WHEN json_valid(SCHEMA) THEN SCHEMA ELSE '{}' END, '$.labels') "
          "WHERE typeof(json_extract(value, '$.name')) = 'text'";
    const auto labelsOf = [&schemaLabels](const std::string& schemaText) {
        std::string sql = schemaLabels;
        for (std::size_t at = sql.find("SCHEMA"); at != std::string::npos; at = sql.find("SCHEMA", at)) {
            sql.replace(at, 6, schemaText);
            at += schemaText.size();
        }
        return sql;
    };
    migration.statements = {
        // The browser lists patients by ID and name, a patient's studies by date.
        "CREATE INDEX IF NOT EXISTS patients_browser_order ON patients(patient_id, patient_name)",
        "CREATE INDEX IF NOT EXISTS studies_browser_order ON studies(patient_ref, study_date, study_uid)",
        // The labelling workflow lists studies by accession number, then UID.
        "CREATE INDEX IF NOT EXISTS studies_review_order ON studies(accession_number, study_uid)",

        // What the browser's filter box searches: one document per study (its patient's name and ID, accession,
        // description, date) and one per series (description, modality). Trigram tokens: `search_text LIKE
        // '%text%'` is answered from the index for 3 characters or more, case-insensitively.
        "CREATE VIRTUAL TABLE IF NOT EXISTS browser_search USING fts5(search_text, study_ref UNINDEXED, series_ref "
        "UNINDEXED, "
        "tokenize = 'trigram')",
        "CREATE TRIGGER IF NOT EXISTS browser_search_study_insert AFTER INSERT ON studies BEGIN "
            + insertStudyDocuments("st.id = new.id") + "; END",
        "CREATE TRIGGER IF NOT EXISTS browser_search_study_update AFTER UPDATE ON studies WHEN "
        "old.accession_number IS NOT new.accession_number OR old.study_description IS NOT new.study_description OR "
        "old.study_date IS NOT new.study_date OR old.patient_ref IS NOT new.patient_ref BEGIN "
        "DELETE FROM browser_search WHERE rowid = 2 * old.id; "
            + insertStudyDocuments("st.id = new.id") + "; END",
        "CREATE TRIGGER IF NOT EXISTS browser_search_study_delete AFTER DELETE ON studies BEGIN "
        "DELETE FROM browser_search WHERE rowid = 2 * old.id; "
        "DELETE FROM study_review_counts WHERE study_ref = old.id; "
        "DELETE FROM review_counts_dirty WHERE study_ref = old.id; END",
        "CREATE TRIGGER IF NOT EXISTS browser_search_patient_update AFTER UPDATE OF patient_name, patient_id ON "
        "patients WHEN "
        "old.patient_name IS NOT new.patient_name OR old.patient_id IS NOT new.patient_id BEGIN "
        "DELETE FROM browser_search WHERE rowid IN (SELECT 2 * id FROM studies WHERE patient_ref = new.id); "
            + insertStudyDocuments("st.patient_ref = new.id") + "; END",
        "CREATE TRIGGER IF NOT EXISTS browser_search_series_insert AFTER INSERT ON series BEGIN "
            + insertSeriesDocuments("s.id = new.id") + "; END",
        "CREATE TRIGGER IF NOT EXISTS browser_search_series_update AFTER UPDATE ON series WHEN "
        "old.series_description IS NOT new.series_description OR old.modality IS NOT new.modality OR "
        "old.study_ref IS NOT new.study_ref BEGIN "
        "DELETE FROM browser_search WHERE rowid = 2 * old.id + 1; "
            + insertSeriesDocuments("s.id = new.id") + "; END",
        "CREATE TRIGGER IF NOT EXISTS browser_search_series_delete AFTER DELETE ON series BEGIN "
        "DELETE FROM browser_search WHERE rowid = 2 * old.id + 1; END",
        // Backfill (every statement may run again on a file that has some of this schema already).
        "DELETE FROM browser_search",
        insertStudyDocuments("1"),
        insertSeriesDocuments("1"),

        // Review counts: the labels they count (those of the project's current label schema), the counts per
        // study, and the studies whose counts are out of date.
        "CREATE TABLE IF NOT EXISTS review_count_labels (label_name TEXT PRIMARY KEY) WITHOUT ROWID",
        R"(CREATE TABLE IF NOT EXISTS study_review_counts (
            study_ref INTEGER PRIMARY KEY,
            proposed_labels INTEGER NOT NULL,
            decided_labels INTEGER NOT NULL,
            disagreements INTEGER NOT NULL))",
        "CREATE TABLE IF NOT EXISTS review_counts_dirty (study_ref INTEGER PRIMARY KEY)",
        "CREATE TRIGGER IF NOT EXISTS review_counts_proposal_insert AFTER INSERT ON label_proposals BEGIN "
            + markDirty("new.study_ref") + " END",
        "CREATE TRIGGER IF NOT EXISTS review_counts_proposal_update AFTER UPDATE ON label_proposals BEGIN "
            + markDirty("old.study_ref") + " " + markDirty("new.study_ref") + " END",
        "CREATE TRIGGER IF NOT EXISTS review_counts_proposal_delete AFTER DELETE ON label_proposals BEGIN "
            + markDirty("old.study_ref") + " END",
        "CREATE TRIGGER IF NOT EXISTS review_counts_decision_insert AFTER INSERT ON label_decisions BEGIN "
            + markDirty("new.study_ref") + " END",
        "CREATE TRIGGER IF NOT EXISTS review_counts_decision_update AFTER UPDATE ON label_decisions BEGIN "
            + markDirty("old.study_ref") + " " + markDirty("new.study_ref") + " END",
        "CREATE TRIGGER IF NOT EXISTS review_counts_decision_delete AFTER DELETE ON label_decisions BEGIN "
            + markDirty("old.study_ref") + " END",
        // A new label schema revision changes which labels count: every study is recounted.
        "CREATE TRIGGER IF NOT EXISTS review_counts_schema_insert AFTER INSERT ON label_schemas BEGIN "
        "DELETE FROM review_count_labels; "
            + labelsOf("new.json_text")
            + "; INSERT INTO review_counts_dirty(study_ref) SELECT id FROM studies WHERE id NOT IN "
              "(SELECT study_ref FROM review_counts_dirty); END",
        // Backfill: the labels of the current schema, every study counted.
        "DELETE FROM review_count_labels",
        labelsOf("(SELECT json_text FROM label_schemas ORDER BY revision DESC LIMIT 1)"),
        "INSERT OR IGNORE INTO review_counts_dirty(study_ref) SELECT id FROM studies",
        recountDirtyStudiesSql(),
        clearDirtyStudiesSql(),
    };
    return migration;
}

} // namespace radmark::storage
