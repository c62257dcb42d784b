#include "gui/saliency/SaliencyReviewTable.h"

#include <QHeaderView>
#include <QScrollBar>

#include <limits>

namespace radmark::app {

namespace {

constexpr int kMapIdRole = Qt::UserRole + 1;
constexpr int kSortRole = Qt::UserRole + 2;

// Sorts by its number; empty cells (no number) after every number in ascending order.
class NumberItem : public QTableWidgetItem {
public:
    NumberItem(const QString& text, std::optional<double> value)
        : QTableWidgetItem(text)
    {
        setData(kSortRole, value ? *value : std::numeric_limits<double>::lowest());
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem& other) const override
    {
        return data(kSortRole).toDouble() < other.data(kSortRole).toDouble();
    }
};

QString percent(const std::optional<double>& fraction)
{
    return fraction ? QString::number(*fraction * 100.0, 'f', 1) + " %" : QString();
}

} // namespace

SaliencyReviewTable::SaliencyReviewTable(QWidget* parent)
    : QTableWidget(parent)
{
    setObjectName("saliencyReviewTable");
    setColumnCount(ColumnCount);
    setHorizontalHeaderLabels({ tr("Study"), tr("Model"), tr("Class"), tr("Score"), tr("Concern"), tr("In marks"),
        tr("Peak in mark"), tr("Outside body"), tr("Text/corners"), tr("Verdict"), tr("Reviewer") });
    horizontalHeaderItem(ConcernColumn)
        ->setToolTip(tr("Largest of: mass outside the body, on text/corners, outside the marks (worst first)"));
    horizontalHeaderItem(InsideMarksColumn)->setToolTip(tr("Fraction of the saliency mass inside lesion marks"));
    horizontalHeaderItem(PointingColumn)->setToolTip(tr("Pointing game: is the map's maximum inside a mark"));
    horizontalHeaderItem(OutsideBodyColumn)->setToolTip(tr("Fraction of the mass outside the body mask"));
    horizontalHeaderItem(TextCornersColumn)
        ->setToolTip(
            tr("Fraction of the mass on bright structures outside the body (burned-in text, table) or in corners"));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setSortingEnabled(true);
    sortByColumn(ConcernColumn, Qt::DescendingOrder);
}

void SaliencyReviewTable::setRows(const std::vector<SaliencyReviewRow>& rows)
{
    m_rows = rows;
    setSortingEnabled(false);
    clearContents();
    setRowCount(static_cast<int>(rows.size()));
    for (int row = 0; row < static_cast<int>(rows.size()); ++row) {
        fillRow(row, rows[static_cast<std::size_t>(row)]);
    }
    setSortingEnabled(true);
}

void SaliencyReviewTable::updateRow(const SaliencyReviewRow& data)
{
    for (SaliencyReviewRow& stored : m_rows) {
        if (stored.map.id == data.map.id) {
            stored = data;
        }
    }
    const int row = rowOfMap(data.map.id);
    if (row < 0) {
        return;
    }
    // Keep the order while the reviewer works through the list: re-sorting would move rows under them.
    const bool sorting = isSortingEnabled();
    setSortingEnabled(false);
    fillRow(row, data);
    setSortingEnabled(sorting);
}

int SaliencyReviewTable::rowOfMap(std::int64_t mapId) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (mapIdAt(row) == mapId) {
            return row;
        }
    }
    return -1;
}

std::int64_t SaliencyReviewTable::mapIdAt(int row) const
{
    const QTableWidgetItem* first = row >= 0 && row < rowCount() ? item(row, StudyColumn) : nullptr;
    return first != nullptr ? first->data(kMapIdRole).toLongLong() : 0;
}

const SaliencyReviewRow* SaliencyReviewTable::rowData(std::int64_t mapId) const
{
    for (const SaliencyReviewRow& row : m_rows) {
        if (row.map.id == mapId) {
            return &row;
        }
    }
    return nullptr;
}

int SaliencyReviewTable::reviewedCount() const
{
    int count = 0;
    for (const SaliencyReviewRow& row : m_rows) {
        count += row.review ? 1 : 0;
    }
    return count;
}

void SaliencyReviewTable::fillRow(int row, const SaliencyReviewRow& data)
{
    const storage::SaliencyMapRecord& map = data.map;
    const QString study = QString::fromStdString(map.accessionNumber.empty() ? map.studyUid : map.accessionNumber);
    auto* studyItem = new QTableWidgetItem(study);
    studyItem->setData(kMapIdRole, static_cast<qlonglong>(map.id));
    studyItem->setToolTip(QString::fromStdString(map.studyUid + "\n" + map.mapPath));
    setItem(row, StudyColumn, studyItem);
    setItem(row, ModelColumn, new QTableWidgetItem(QString::fromStdString(map.model)));
    setItem(row, TargetColumn, new QTableWidgetItem(QString::fromStdString(map.target)));
    setItem(row, ScoreColumn, new NumberItem(map.score ? QString::number(*map.score, 'g', 4) : QString(), map.score));
    const bool checked = data.checks && data.checks->problem.empty();
    const annotation::SaliencyChecks c = checked ? data.checks->checks : annotation::SaliencyChecks {};
    const std::optional<double> concern = checked ? annotation::saliencyConcern(c) : std::nullopt;
    auto* concernItem = new NumberItem(percent(concern), concern);
    if (data.checks && !data.checks->problem.empty()) {
        concernItem->setText(tr("cannot load"));
        concernItem->setToolTip(QString::fromStdString(data.checks->problem));
        concernItem->setForeground(QColor(200, 60, 50));
    }
    setItem(row, ConcernColumn, concernItem);
    setItem(row, InsideMarksColumn, new NumberItem(percent(c.massInsideMarksFraction), c.massInsideMarksFraction));
    const std::optional<double> hit
        = c.peakInsideMark ? std::optional<double>(*c.peakInsideMark ? 1.0 : 0.0) : std::nullopt;
    setItem(row, PointingColumn, new NumberItem(hit ? (*hit > 0 ? tr("yes") : tr("no")) : QString(), hit));
    setItem(row, OutsideBodyColumn, new NumberItem(percent(c.massOutsideBodyFraction), c.massOutsideBodyFraction));
    setItem(
        row, TextCornersColumn, new NumberItem(percent(c.massOnTextOrCornersFraction), c.massOnTextOrCornersFraction));
    setItem(row, VerdictColumn,
        new QTableWidgetItem(
            data.review ? QString::fromUtf8(annotation::saliencyVerdictTitle(data.review->verdict)) : QString()));
    setItem(row, ReviewerColumn,
        new QTableWidgetItem(data.review ? QString::fromStdString(data.review->reviewer.name) : QString()));
}

QSize SaliencyReviewTable::sizeHint() const
{
    const int height = horizontalHeader()->sizeHint().height() + verticalHeader()->defaultSectionSize() * 5 / 2
        + horizontalScrollBar()->sizeHint().height() + 2 * frameWidth();
    return { QTableWidget::sizeHint().width(), height };
}

} // namespace radmark::app
