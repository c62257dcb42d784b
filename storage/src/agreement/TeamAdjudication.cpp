#include "radmark/storage/team/TeamAdjudication.h"

#include "radmark/annotation/RecistMeasurement.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <tuple>
#include <variant>

namespace radmark::storage {

namespace {

using annotation::LesionMark;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string millimetres(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f mm", value);
    return text;
}

std::string joinNames(const std::vector<std::string>& names)
{
    std::string text;
    for (std::size_t index = 0; index < names.size(); ++index) {
        text += (index == 0 ? "" : index + 1 == names.size() ? " and " : ", ") + names[index];
    }
    return text;
}

LabelItem labelItem(const std::string& label, const DoubleReadStudy& study)
{
    LabelItem item;
    item.label = label;
    const auto readers = study.readerAnswers.find(label);
    if (readers != study.readerAnswers.end()) {
        item.readers = readers->second;
    }
    const auto reviewer = study.reviewerAnswers.find(label);
    if (reviewer != study.reviewerAnswers.end()) {
        item.reviewer = reviewer->second;
    }
    bool same = !item.readers.empty();
    for (const ReaderAnswer& answer : item.readers) {
        same = same && answerCategory(answer) == answerCategory(item.readers.front());
    }
    if (item.reviewer) {
        item.state = ItemState::Adjudicated;
        item.final = item.reviewer;
    } else if (item.readers.size() >= 2) {
        item.state = same ? ItemState::Agreed : ItemState::Disputed;
        if (same) {
            item.final = item.readers.front();
        }
    } else if (!item.readers.empty()) {
        item.state = ItemState::Single;
        item.final = item.readers.front();
    }
    return item;
}

// Readers with at least one answer or mark in the study: a reader who has not opened it yet misses no lesion.
std::vector<std::string> readersWhoRead(const DoubleReadStudy& study)
{
    std::vector<std::string> active;
    for (const std::string& reader : study.readers) {
        bool read = std::any_of(study.readerMarks.begin(), study.readerMarks.end(),
            [&](const LesionMark& mark) { return mark.author.name == reader; });
        for (const auto& entry : study.readerAnswers) {
            read = read || std::any_of(entry.second.begin(), entry.second.end(), [&](const ReaderAnswer& answer) {
                return answer.author == reader;
            });
        }
        if (read) {
            active.push_back(reader);
        }
    }
    return active;
}

std::size_t findRoot(std::vector<std::size_t>& parent, std::size_t node)
{
    while (parent[node] != node) {
        parent[node] = parent[parent[node]];
        node = parent[node];
    }
    return node;
}

void describeLesion(LesionItem& item, const std::vector<std::string>& readers, double toleranceMm)
{
    std::vector<double> longAxes;
    std::vector<double> shortAxes;
    std::set<std::string> present;
    for (const LesionMark& mark : item.readerMarks) {
        present.insert(mark.author.name);
        if (const auto* recist = std::get_if<annotation::RecistMark>(&mark.shape)) {
            const auto lengths = annotation::recistLengthsMm(*recist, mark.plane.spacing);
            longAxes.push_back(lengths.longAxisMm);
            shortAxes.push_back(lengths.shortAxisMm);
        }
    }
    for (const std::string& reader : readers) {
        if (present.count(reader) == 0) {
            item.missingReaders.push_back(reader);
        }
    }
    item.longAxisDifferenceMm = item.shortAxisDifferenceMm = kNaN;
    if (longAxes.size() >= 2) {
        item.longAxisDifferenceMm
            = *std::max_element(longAxes.begin(), longAxes.end()) - *std::min_element(longAxes.begin(), longAxes.end());
        item.shortAxisDifferenceMm = *std::max_element(shortAxes.begin(), shortAxes.end())
            - *std::min_element(shortAxes.begin(), shortAxes.end());
    }
    std::vector<std::string> markedBy(present.begin(), present.end());
    std::string dispute;
    if (!item.missingReaders.empty()) {
        dispute = "marked by " + joinNames(markedBy) + " only";
    } else if (item.longAxisDifferenceMm > toleranceMm) {
        dispute = "long axis differs by " + millimetres(item.longAxisDifferenceMm);
    } else if (item.shortAxisDifferenceMm > toleranceMm) {
        dispute = "short axis differs by " + millimetres(item.shortAxisDifferenceMm);
    }
    if (!item.reviewerMarks.empty() || item.rejected) {
        item.state = ItemState::Adjudicated;
        item.reason = item.rejected ? "reviewer: no lesion" : "reviewer's mark";
        if (!dispute.empty()) {
            item.reason += " (" + dispute + ")";
        }
    } else if (!dispute.empty()) {
        item.state = readers.size() >= 2 ? ItemState::Disputed : ItemState::Single;
        item.reason = dispute;
    } else {
        item.state = ItemState::Agreed;
        item.reason = "agreed";
    }
}

std::vector<LesionItem> lesionItems(
    const DoubleReadStudy& study, const AdjudicationOptions& options, std::vector<LesionMark>& reviewerOnly)
{
    // Reader marks as nodes; every pair of readers is matched one to one and matched marks are joined.
    const std::vector<LesionMark>& marks = study.readerMarks;
    std::vector<std::vector<std::size_t>> byReader(study.readers.size());
    for (std::size_t index = 0; index < marks.size(); ++index) {
        const auto reader = std::find(study.readers.begin(), study.readers.end(), marks[index].author.name);
        if (reader != study.readers.end()) {
            byReader[static_cast<std::size_t>(reader - study.readers.begin())].push_back(index);
        }
    }
    std::vector<std::size_t> parent(marks.size());
    std::iota(parent.begin(), parent.end(), 0);
    for (std::size_t a = 0; a < byReader.size(); ++a) {
        for (std::size_t b = a + 1; b < byReader.size(); ++b) {
            std::vector<LesionMark> first;
            std::vector<LesionMark> second;
            for (std::size_t index : byReader[a]) {
                first.push_back(marks[index]);
            }
            for (std::size_t index : byReader[b]) {
                second.push_back(marks[index]);
            }
            for (const auto& pair : annotation::matchLesions(first, second, options.matchIou).matched) {
                parent[findRoot(parent, byReader[a][pair.first])] = findRoot(parent, byReader[b][pair.second]);
            }
        }
    }
    std::map<std::size_t, std::vector<std::size_t>> clusters;
    for (std::size_t reader = 0; reader < byReader.size(); ++reader) {
        for (std::size_t index : byReader[reader]) {
            clusters[findRoot(parent, index)].push_back(index); // reader order within a cluster
        }
    }
    std::vector<LesionItem> items;
    for (const auto& [root, members] : clusters) {
        LesionItem item;
        for (std::size_t index : members) {
            item.readerMarks.push_back(marks[index]);
        }
        items.push_back(std::move(item));
    }
    // Each reviewer mark goes to the lesion it overlaps best.
    for (const LesionMark& reviewerMark : study.reviewerMarks) {
        const auto footprint = annotation::lesionFootprint(reviewerMark);
        double best = -1.0;
        LesionItem* target = nullptr;
        for (LesionItem& item : items) {
            for (const LesionMark& mark : item.readerMarks) {
                const auto other = annotation::lesionFootprint(mark);
                if (annotation::lesionsOverlap(footprint, other, options.matchIou)) {
                    const double iou = annotation::boxIou(footprint.boxPx, other.boxPx);
                    if (iou > best) {
                        best = iou;
                        target = &item;
                    }
                }
            }
        }
        if (target != nullptr) {
            target->reviewerMarks.push_back(reviewerMark);
        } else {
            reviewerOnly.push_back(reviewerMark);
        }
    }
    for (LesionItem& item : items) {
        std::int64_t latestReviewerMark = std::numeric_limits<std::int64_t>::min();
        for (const LesionMark& mark : item.reviewerMarks) {
            latestReviewerMark = std::max<std::int64_t>(latestReviewerMark, mark.createdMs);
        }
        const std::vector<std::string> ids = item.markIds();
        for (const LesionRejection& rejection : study.rejections) {
            const bool concerns = std::any_of(rejection.markIds.begin(), rejection.markIds.end(),
                [&](const auto& id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); });
            if (concerns && rejection.timeMs >= latestReviewerMark) {
                item.rejected = true;
                item.reviewerMarks.clear();
            }
        }
        describeLesion(item, readersWhoRead(study), options.recistToleranceMm);
    }
    std::sort(items.begin(), items.end(), [](const LesionItem& a, const LesionItem& b) {
        const LesionMark& x = a.readerMarks.front();
        const LesionMark& y = b.readerMarks.front();
        return std::tie(x.slice.seriesUid, x.slice.sliceIndex, x.createdMs)
            < std::tie(y.slice.seriesUid, y.slice.sliceIndex, y.createdMs);
    });
    return items;
}

} // namespace

const char* itemStateName(ItemState state)
{
    switch (state) {
    case ItemState::Single:
        return "single";
    case ItemState::Agreed:
        return "agreed";
    case ItemState::Disputed:
        return "disputed";
    case ItemState::Adjudicated:
        return "adjudicated";
    }
    return "single";
}

std::vector<std::string> LesionItem::markIds() const
{
    std::vector<std::string> ids;
    for (const LesionMark& mark : readerMarks) {
        ids.push_back(mark.id);
    }
    return ids;
}

std::size_t StudyAdjudication::disputedItems() const
{
    std::size_t count = 0;
    for (const LabelItem& item : labels) {
        count += item.state == ItemState::Disputed ? 1 : 0;
    }
    for (const LesionItem& item : lesions) {
        count += item.state == ItemState::Disputed ? 1 : 0;
    }
    return count;
}

std::vector<LesionMark> StudyAdjudication::finalMarks() const
{
    std::vector<LesionMark> marks;
    for (const LesionItem& item : lesions) {
        if (item.state == ItemState::Adjudicated) {
            marks.insert(marks.end(), item.reviewerMarks.begin(), item.reviewerMarks.end());
        } else if (!item.readerMarks.empty()) {
            marks.push_back(item.readerMarks.front());
        }
    }
    marks.insert(marks.end(), reviewerOnlyMarks.begin(), reviewerOnlyMarks.end());
    return marks;
}

std::vector<StudyAdjudication> adjudicateStudies(const TeamReadings& readings, const AdjudicationOptions& options)
{
    std::vector<StudyAdjudication> result;
    for (const DoubleReadStudy& study : readings.studies) {
        StudyAdjudication adjudication;
        adjudication.studyId = study.studyId;
        adjudication.studyUid = study.studyUid;
        adjudication.key = study.key();
        adjudication.readers = study.readers;
        std::vector<std::string> labels = readings.labelOrder;
        for (const auto& entry : study.readerAnswers) {
            if (std::find(labels.begin(), labels.end(), entry.first) == labels.end()) {
                labels.push_back(entry.first);
            }
        }
        for (const auto& entry : study.reviewerAnswers) {
            if (std::find(labels.begin(), labels.end(), entry.first) == labels.end()) {
                labels.push_back(entry.first);
            }
        }
        for (const std::string& label : labels) {
            if (study.readerAnswers.count(label) != 0 || study.reviewerAnswers.count(label) != 0) {
                adjudication.labels.push_back(labelItem(label, study));
            }
        }
        adjudication.lesions = lesionItems(study, options, adjudication.reviewerOnlyMarks);
        result.push_back(std::move(adjudication));
    }
    return result;
}

} // namespace radmark::storage
