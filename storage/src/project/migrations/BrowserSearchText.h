#pragma once

// The SQL expressions of the study browser's search documents, shared by the migrations that build them (schema 8
// created the index, schema 11 rebuilt it with each document's patient): both must index the same text, or a
// filter would match differently in upgraded and new projects.
namespace radmark::storage {

// The text a study is found by: the patient's name (DICOM '^' as spaces) and ID, the accession number, the study
// description and date (as stored and as YYYY-MM-DD), one per line so that a filter does not match across fields.
// Over `studies st JOIN patients p`.
inline constexpr char studySearchText[]
    = "replace(p.patient_name, '^', ' ') || char(10) || p.patient_id || char(10) || st.accession_number || char(10) || "
      "st.study_description || char(10) || st.study_date || char(10) || "
      "CASE WHEN length(st.study_date) = 8 THEN substr(st.study_date, 1, 4) || '-' || substr(st.study_date, 5, 2) || "
      "'-' || substr(st.study_date, 7, 2) ELSE '' END";

// The text a series is found by: its description and modality. Over `series s`.
inline constexpr char seriesSearchText[] = "s.series_description || char(10) || s.modality";

} // namespace radmark::storage
