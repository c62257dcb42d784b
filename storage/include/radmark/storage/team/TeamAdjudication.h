#pragma once

#include "radmark/annotation/team/LesionMatching.h"
#include "radmark/storage/team/TeamReadings.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace radmark::storage {

// Where the readers of a double-read study agree, where they disagree and what a reviewer settled. The same
// answer feeds the adjudication queue (GUI), `radmark team agreement` and the export.

constexpr double kDefaultRecistToleranceMm = 5.0;

struct AdjudicationOptions {
    double matchIou = annotation::kDefaultLesionMatchIou; // lesion match: box IoU, same or adjacent slice
    double recistToleranceMm = kDefaultRecistToleranceMm; // larger long- or short-axis differences are disputes
};

enum class ItemState {
    Single, // one reader answered so far: that answer
    Agreed, // every reader gave the same answer
    Disputed, // readers differ and no reviewer settled it
    Adjudicated // a reviewer gave the answer
};
const char* itemStateName(ItemState state); // "single", "agreed", "disputed", "adjudicated"

struct LabelItem {
    std::string label;
    std::vector<ReaderAnswer> readers; // in reader order
    std::optional<ReaderAnswer> reviewer; // the latest reviewer decision
    ItemState state = ItemState::Single;
    // The answer that counts (reviewer, else the agreed or single answer); empty while disputed.
    std::optional<ReaderAnswer> final;
};

// One lesion: the marks the readers (and the reviewer) put on it.
struct LesionItem {
    std::vector<annotation::LesionMark> readerMarks; // at most one per reader, in reader order
    std::vector<std::string> missingReaders; // readers who did not mark it
    std::vector<annotation::LesionMark> reviewerMarks; // reviewer marks on the same lesion
    bool rejected = false; // a reviewer said "no lesion" (after any reviewer mark)
    // Largest difference between the readers' RECIST axes (mm); NaN unless two or more readers put a RECIST.
    double longAxisDifferenceMm = 0.0;
    double shortAxisDifferenceMm = 0.0;
    ItemState state = ItemState::Single;
    std::string reason; // for people: "marked by alice only", "long axis differs by 7.2 mm"
    std::vector<std::string> markIds() const; // the readers' mark ids
};

struct StudyAdjudication {
    std::int64_t studyId = 0;
    std::string studyUid;
    std::string key; // accession number, else Study Instance UID
    std::vector<std::string> readers;
    std::vector<LabelItem> labels; // in the project's label order
    std::vector<LesionItem> lesions; // by series, slice
    std::vector<annotation::LesionMark> reviewerOnlyMarks; // lesions only the reviewer marked

    std::size_t disputedItems() const;
    bool disputed() const { return disputedItems() > 0; }
    // The marks that count for the export: per lesion the reviewer's marks, or none when rejected, else the
    // first reader's mark (agreed; disputed ones too, for a flagged export), and the reviewer's own lesions.
    std::vector<annotation::LesionMark> finalMarks() const;
};

std::vector<StudyAdjudication> adjudicateStudies(const TeamReadings& readings, const AdjudicationOptions& options = {});

} // namespace radmark::storage
