#include "gui/saliency/SaliencyDock.h"

#include "gui/AnnotationSession.h"
#include "gui/WheelScrollsPanel.h"
#include "gui/saliency/SaliencyReviewPanel.h"
#include "gui/saliency/SaliencyReviewTable.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QLayout>
#include <QLineEdit>
#include <QMainWindow>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <memory>

namespace radmark::app {

namespace {

// The height the panel needs at the dock's width: its list at its smallest (a few rows), the checks (word-wrapped:
// more lines in a narrow dock), the verdicts, the note and Save & Next.
int reviewHeightPx(const QScrollArea* scroll, const SaliencyReviewPanel* panel)
{
    const QLayout* layout = panel->layout();
    const QMargins margins = layout->contentsMargins();
    const int width = scroll->viewport()->width() - margins.left() - margins.right();
    int height = margins.top() + margins.bottom();
    int shown = 0;
    for (int n = 0; n < layout->count(); ++n) {
        QLayoutItem* item = layout->itemAt(n);
        if (item->isEmpty()) {
            continue; // hidden
        }
        if (item->widget() == panel->table()) {
            height += panel->table()->minimumHeight();
        } else {
            height += item->hasHeightForWidth() ? item->heightForWidth(width) : item->sizeHint().height();
        }
        ++shown;
    }
    return height + std::max(0, shown - 1) * layout->spacing();
}

// `extraPx`: what an earlier attempt fell short by (the tab bar of a tabbed dock takes its share of the height).
void fitDockToReview(QMainWindow* window, QDockWidget* dock, QScrollArea* scroll, SaliencyReviewPanel* panel,
    int attempts = 4, int extraPx = 0)
{
    // Only while its tab is in front (a map shown behind the report tab changes nothing).
    if (!dock->isVisible() || dock->visibleRegion().isEmpty() || dock->isFloating()
        || panel->displaySection()->isVisible()) {
        return;
    }
    const int missing = reviewHeightPx(scroll, panel) - scroll->viewport()->height();
    if (missing <= 0) {
        return;
    }
    // The docks above or below in the same column (not the report tabbed with it) give the height.
    QList<QDockWidget*> docks { dock };
    QList<int> heights { dock->height() + missing + extraPx };
    const QList<QDockWidget*> tabbed = window->tabifiedDockWidgets(dock);
    for (QDockWidget* other : window->findChildren<QDockWidget*>()) {
        if (other != dock && other->isVisible() && !other->isFloating() && !tabbed.contains(other)
            && window->dockWidgetArea(other) == window->dockWidgetArea(dock)) {
            docks.append(other);
            heights.append(other->height());
        }
    }
    if (docks.size() > 1) {
        // The others keep two fifths of the column at least (the label table its rows, Confirm and its hint).
        int column = 0;
        for (const QDockWidget* each : docks) {
            column += each->height();
        }
        const int share = (missing + extraPx) / static_cast<int>(docks.size() - 1) + 1;
        const int floor = column * 2 / 5 / static_cast<int>(docks.size() - 1);
        for (int n = 1; n < heights.size(); ++n) {
            heights[n] = std::max({ heights[n] - share, docks[n]->minimumSizeHint().height(), floor });
        }
    }
    window->resizeDocks(docks, heights, Qt::Vertical);
    // Measured again once laid out; what is still missing is asked for in addition next time.
    if (attempts > 1) {
        QTimer::singleShot(0, dock, [window, dock, scroll, panel, attempts, extraPx] {
            const int stillMissing = std::max(0, reviewHeightPx(scroll, panel) - scroll->viewport()->height());
            fitDockToReview(window, dock, scroll, panel, attempts - 1, extraPx + stillMissing);
        });
    }
}

// The report (or whichever dock is now in front of the tab group) back at the height the group had before the review
// took more, the docks below it getting the rest again.
void restoreColumn(QMainWindow* window, QDockWidget* dock, int heightBeforePx)
{
    if (heightBeforePx < 0) {
        return;
    }
    QDockWidget* front = nullptr;
    for (QDockWidget* tabbed : window->tabifiedDockWidgets(dock)) {
        if (tabbed->isVisible() && !tabbed->visibleRegion().isEmpty()) {
            front = tabbed;
        }
    }
    if (front == nullptr || front->height() <= heightBeforePx) {
        return;
    }
    const int giveBack = front->height() - heightBeforePx;
    QList<QDockWidget*> docks { front };
    QList<int> heights { heightBeforePx };
    const QList<QDockWidget*> tabbed = window->tabifiedDockWidgets(dock);
    for (QDockWidget* other : window->findChildren<QDockWidget*>()) {
        if (other != dock && other != front && other->isVisible() && !other->isFloating() && !tabbed.contains(other)
            && window->dockWidgetArea(other) == window->dockWidgetArea(dock)) {
            docks.append(other);
            heights.append(other->height() + giveBack / std::max(1, static_cast<int>(docks.size()) - 1));
        }
    }
    window->resizeDocks(docks, heights, Qt::Vertical);
}

} // namespace

SaliencyReviewPanel* addSaliencyReviewDock(
    QMainWindow* window, viewer::SliceViewWidget* view, AnnotationSession* annotations)
{
    auto* panel = new SaliencyReviewPanel(annotations->undoStack(), window);
    auto* dock = new QDockWidget(QObject::tr("Saliency Review"), window);
    dock->setObjectName("saliencyDock");
    // In a scroll area: the panel is taller than a 720-pixel screen leaves beside the label panel.
    auto* scroll = new QScrollArea(dock);
    scroll->setObjectName("saliencyScroll");
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(panel);
    dock->setWidget(scroll);
    // Nothing is cut off at the right: the dock is never narrower than the panel's fields.
    scroll->setMinimumWidth(panel->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());
    // Scrolling the panel with the wheel never changes a threshold or a colour map on the way.
    letWheelScrollPanel(scroll);
    // When the dock is short, a map shown scrolls the verdicts and the note into view.
    QObject::connect(panel, &SaliencyReviewPanel::mapShown, scroll,
        [scroll, panel] { scroll->ensureWidgetVisible(panel->noteEdit(), 0, 90); });
    // Display options unfolded come into view.
    QObject::connect(panel->displayToggle(), &QToolButton::toggled, scroll, [scroll, panel](bool shown) {
        if (shown) {
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            scroll->ensureWidgetVisible(panel->displaySection(), 0, 0);
        }
    });
    dock->setFeatures(
        QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    // Brought to the front in a dock shorter than the review (its tab beside the report on a 720-pixel screen), or
    // showing a map whose checks take more lines, the dock takes the height the list, the verdicts and Save & Next
    // need from the docks above or below it in its column.
    // Behind the report tab again, the column gets its heights back.
    auto heightBeforePx = std::make_shared<int>(-1);
    const auto fitReview = [window, dock, scroll, panel, heightBeforePx] {
        QTimer::singleShot(0, dock, [window, dock, scroll, panel, heightBeforePx] {
            if (*heightBeforePx < 0 && dock->isVisible() && !dock->visibleRegion().isEmpty()) {
                *heightBeforePx = dock->height();
            }
            fitDockToReview(window, dock, scroll, panel);
        });
    };
    QObject::connect(
        dock, &QDockWidget::visibilityChanged, dock, [window, dock, fitReview, heightBeforePx](bool visible) {
            if (visible) {
                fitReview();
                return;
            }
            const int before = *heightBeforePx;
            *heightBeforePx = -1;
            QTimer::singleShot(0, dock, [window, dock, before] { restoreColumn(window, dock, before); });
        });
    QObject::connect(panel, &SaliencyReviewPanel::mapShown, dock, fitReview);
    QObject::connect(panel, &SaliencyReviewPanel::checksUpdated, dock, fitReview);
    dock->hide(); // shown when a project with saliency maps opens
    panel->attach(view, window, [annotations] { return annotations->document().currentAuthor(); });
    return panel;
}

} // namespace radmark::app
