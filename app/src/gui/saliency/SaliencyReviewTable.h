#pragma once

#include "gui/saliency/SaliencyReviewRow.h"

#include <QTableWidget>

#include <cstdint>
#include <optional>
#include <vector>

namespace radmark::app {

// Every saliency map of the project with its checks and latest verdict, one row per map, sortable
// by any column (numbers sort as numbers, empty cells last). By default the worst first: sorted by
// concern (see annotation::saliencyConcern), descending.
class SaliencyReviewTable : public QTableWidget {
    Q_OBJECT
public:
    enum Column {
        StudyColumn,
        ModelColumn,
        TargetColumn,
        ScoreColumn,
        ConcernColumn,
        InsideMarksColumn,
        PointingColumn,
        OutsideBodyColumn,
        TextCornersColumn,
        VerdictColumn,
        ReviewerColumn,
        ColumnCount
    };

    explicit SaliencyReviewTable(QWidget* parent = nullptr);

    void setRows(const std::vector<SaliencyReviewRow>& rows);
    void updateRow(const SaliencyReviewRow& row); // the row of row.map.id
    int rowOfMap(std::int64_t mapId) const; // -1 when absent
    std::int64_t mapIdAt(int row) const; // 0 when out of range
    const SaliencyReviewRow* rowData(std::int64_t mapId) const;
    int reviewedCount() const;
    // The height of the header and two and a half rows (with the horizontal scroll bar), not of every row: the dock's
    // layout stretches the list where it has the room, and a short dock keeps the verdicts below it in view.
    QSize sizeHint() const override;

private:
    void fillRow(int row, const SaliencyReviewRow& data);

    std::vector<SaliencyReviewRow> m_rows;
};

} // namespace radmark::app
