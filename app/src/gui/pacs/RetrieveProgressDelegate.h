#pragma once

#include <QStyledItemDelegate>

namespace radmark::app {

// Draws a study's retrieve column: a progress bar (images here / expected) while it is being fetched,
// otherwise the cell's text ("queued", "done: 120 images", "failed: …").
class RetrieveProgressDelegate : public QStyledItemDelegate {
public:
    // Item data roles of the retrieve column.
    static constexpr int doneRole = Qt::UserRole + 10; // qulonglong
    static constexpr int expectedRole = Qt::UserRole + 11; // qulonglong; 0 = no bar
    static constexpr int activeRole = Qt::UserRole + 12; // bool: the study is being fetched now

    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace radmark::app
