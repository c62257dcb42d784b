#pragma once

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/DocumentChange.h"
#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/LesionTypeList.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace radmark::storage {

class ProjectStore;
class SqliteStatement;

// The lesion marks of a project, their edit history and the annotation settings (tables `marks`,
// `mark_history`, `project_settings` of schema 2; see ProjectSchema.cpp for the columns).
//
// Every committed edit is written at once in one transaction (WAL, synchronous=NORMAL): a process
// killed at any moment (kill -9) loses nothing it committed; a power cut may lose the last edits.
// Writes through a read-only project throw ProjectError. Like ProjectStore, one object is used from
// one thread at a time; it must not outlive its ProjectStore, whose prepared statements it uses.
class MarkStore {
public:
    explicit MarkStore(ProjectStore& project);
    ~MarkStore();
    MarkStore(const MarkStore&) = delete;
    MarkStore& operator=(const MarkStore&) = delete;

    // Marks exactly as saved (doubles bit for bit), oldest first (created time, then insertion).
    std::vector<annotation::LesionMark> loadMarks() const;
    std::vector<annotation::LesionMark> loadMarks(const std::string& seriesUid) const;
    std::int64_t markCount() const;

    // Writes one document change in ONE transaction: upserts `added` and `modified` with their current
    // values in `document`, deletes `removed`, then inserts the history line (or updates the line this
    // store wrote last when the change is a drag step merged into it). A Reset change writes nothing.
    void applyChange(const annotation::DocumentChange& change, const annotation::AnnotationDocument& document);

    // The edit history, oldest first; `sequence` is the row's id in the project.
    std::vector<annotation::HistoryEntry> loadHistory() const;

    // The project's lesion types (DeepLesion's coarse types until set).
    annotation::LesionTypeList lesionTypes() const;
    void setLesionTypes(const annotation::LesionTypeList& types);

    // The author new marks get when none is given (e.g. by the command line); empty when never set.
    std::optional<annotation::Author> defaultAuthor() const;
    void setDefaultAuthor(const annotation::Author& author);

    // Any other value of `project_settings` (e.g. saliency_overlay_visible): empty when never set; the
    // write throws on a read-only project.
    std::optional<std::string> setting(const std::string& key) const;
    void putSetting(const std::string& key, const std::string& value);

private:
    SqliteStatement& statement(const char* sql) const;
    void requireWritable(const std::string& action) const;
    void upsertMark(const annotation::LesionMark& mark);
    void writeHistory(const annotation::DocumentChange& change);
    std::vector<annotation::LesionMark> readMarks(SqliteStatement& query) const;

    ProjectStore& m_project;
    std::int64_t m_lastHistoryRowId = 0; // the line a merged drag step updates
};

} // namespace radmark::storage
