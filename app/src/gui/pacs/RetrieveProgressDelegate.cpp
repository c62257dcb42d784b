#include "gui/pacs/RetrieveProgressDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionProgressBar>

namespace radmark::app {

void RetrieveProgressDelegate::paint(
    QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const qulonglong expected = index.data(expectedRole).toULongLong();
    if (!index.data(activeRole).toBool() || expected == 0) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const qulonglong done = std::min(index.data(doneRole).toULongLong(), expected);
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(2, 3, -2, -3);
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = static_cast<int>(done * 1000 / expected);
    bar.text = tr("%1 / %2 images").arg(done).arg(expected);
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    bar.state = option.state | QStyle::State_Horizontal;
    bar.palette = option.palette;
    const QWidget* widget = option.widget;
    QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

} // namespace radmark::app
