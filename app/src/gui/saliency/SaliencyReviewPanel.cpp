#include "gui/saliency/SaliencyReviewPanel.h"
#include "gui/PeopleText.h"

#include "gui/saliency/SaliencyDisplayControls.h"
#include "gui/saliency/SaliencyOverlaySetting.h"
#include "gui/saliency/SaliencyReviewSession.h"
#include "gui/saliency/SaliencyReviewTable.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/viewer/SaliencyOverlay.h"
#include "radmark/viewer/SliceRenderer.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <QAction>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPushButton>
#include <QRadioButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace radmark::app {

namespace {

using annotation::SaliencyVerdict;

struct VerdictKey {
    SaliencyVerdict verdict;
    const char* key;
};
constexpr VerdictKey kVerdictKeys[] = { { SaliencyVerdict::Plausible, "P" }, { SaliencyVerdict::Implausible, "N" },
    { SaliencyVerdict::ArtefactOrText, "T" }, { SaliencyVerdict::OutsideBody, "X" }, { SaliencyVerdict::Unsure, "U" } };

QString mapTitle(const storage::SaliencyMapRecord& map)
{
    return QString::fromStdString(map.target.empty() ? map.model : map.model + " / " + map.target);
}

struct GridCell {
    int row;
    int column;
    int columnSpan;
};

GridCell verdictCell(SaliencyVerdict verdict)
{
    switch (verdict) {
    case SaliencyVerdict::Plausible:
        return { 0, 0, 1 };
    case SaliencyVerdict::Implausible:
        return { 0, 1, 1 };
    case SaliencyVerdict::Unsure:
        return { 1, 0, 1 };
    case SaliencyVerdict::OutsideBody:
        return { 1, 1, 1 };
    default:
        return { 2, 0, 2 };
    }
}

// The colour bar's title: model and class on two lines, so that it fits above the bar.
std::string colourBarTitle(const storage::SaliencyMapRecord& map)
{
    return map.target.empty() ? map.model : map.model + "\n" + map.target;
}

} // namespace

SaliencyReviewPanel::SaliencyReviewPanel(annotation::UndoStack& undoStack, QWidget* parent)
    : QWidget(parent)
{
    setObjectName("saliencyReviewPanel");
    m_session = new SaliencyReviewSession(undoStack, this);
    connect(m_session, &SaliencyReviewSession::message, this, &SaliencyReviewPanel::message);
    connect(m_session, &SaliencyReviewSession::mapPlaced, this, [this](qint64 mapId) {
        if (mapId == m_currentMapId) {
            applyMap(mapId);
        }
    });
    connect(m_session, &SaliencyReviewSession::valuesCompleted, this, [this](qint64 mapId) {
        if (mapId == m_currentMapId) {
            drawMap(mapId);
            updateDetails();
        }
    });
    connect(m_session, &SaliencyReviewSession::checksUpdated, this, &SaliencyReviewPanel::showChecks);
    connect(m_session, &SaliencyReviewSession::reviewChanged, this, &SaliencyReviewPanel::showReview);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true); // texts wrap, so the dock fits beside the images on a laptop screen
    m_table = new SaliencyReviewTable(this);
    m_details = new QLabel(this);
    m_details->setObjectName("saliencyDetails");
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warnings = new QLabel(this);
    m_warnings->setObjectName("saliencyWarnings");
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet("QLabel { color: #b5651d; }");
    m_warnings->hide();
    m_mapChoice = new QComboBox(this);
    m_mapChoice->setObjectName("saliencyMapChoice");
    m_mapChoice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_mapChoice->setMinimumContentsLength(12);
    m_mapChoice->setToolTip(tr("Maps of this series (M: next)"));

    auto* verdictBox = new QWidget(this);
    auto* verdictLayout = new QGridLayout(verdictBox);
    verdictLayout->setContentsMargins(0, 0, 0, 0);
    m_verdicts = new QButtonGroup(this);
    for (const VerdictKey& entry : kVerdictKeys) {
        auto* button = new QRadioButton(
            tr("%1 (%2)").arg(QString::fromUtf8(annotation::saliencyVerdictTitle(entry.verdict)), entry.key),
            verdictBox);
        m_verdicts->addButton(button, static_cast<int>(entry.verdict));
        // Two short ones a row, the long "Artefact / burned-in text" on a row of its own: the grid fits a dock
        // beside the images on a 1280-pixel screen.
        const auto [row, column, span] = verdictCell(entry.verdict);
        verdictLayout->addWidget(button, row, column, 1, span);
    }
    connect(
        m_verdicts, &QButtonGroup::idClicked, this, [this](int id) { m_verdict = static_cast<SaliencyVerdict>(id); });
    m_note = new QLineEdit(this);
    m_note->setObjectName("saliencyNote");
    m_note->setPlaceholderText(tr("Note (optional); Enter saves and opens the next map"));
    // The line edit takes Return for itself, so the window's Enter shortcut never sees it here.
    connect(m_note, &QLineEdit::returnPressed, this, &SaliencyReviewPanel::saveAndNext);
    m_reviewInfo = new QLabel(this);
    m_reviewInfo->setObjectName("saliencyReviewInfo");
    m_reviewInfo->setWordWrap(true);
    m_saveNext = new QPushButton(tr("Save && Next (Enter)"), this);
    m_saveNext->setObjectName("saliencySaveNext");
    connect(m_saveNext, &QPushButton::clicked, this, &SaliencyReviewPanel::saveAndNext);

    m_controls = new SaliencyDisplayControls(this);
    m_compare = new QCheckBox(tr("Compare side by side with"), this);
    m_compare->setObjectName("saliencyCompare");
    m_compareChoice = new QComboBox(this);
    m_compareChoice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_compareChoice->setMinimumContentsLength(8);
    auto* compareRow = new QHBoxLayout;
    compareRow->addWidget(m_compare);
    compareRow->addWidget(m_compareChoice, 1);

    // What a review needs is always shown: the list, the map's checks, the verdicts, the note and Save & Next.
    // The display options, the other maps of the series and the comparison fold away under one button, so
    // that the review fits the dock beside the report on a 720-pixel screen.
    m_displayToggle = new QToolButton(this);
    m_displayToggle->setObjectName("saliencyDisplayToggle");
    m_displayToggle->setText(tr("Display"));
    m_displayToggle->setToolTip(
        tr("Colours, opacity, threshold, contours, colour bar, the other maps of this series and "
           "the side-by-side comparison"));
    m_displayToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_displayToggle->setArrowType(Qt::RightArrow);
    m_displayToggle->setCheckable(true);
    m_displayToggle->setAutoRaise(true);
    m_displaySection = new QWidget(this);
    m_displaySection->setObjectName("saliencyDisplaySection");
    auto* displayLayout = new QVBoxLayout(m_displaySection);
    displayLayout->setContentsMargins(0, 0, 0, 0);
    displayLayout->addWidget(m_mapChoice);
    displayLayout->addWidget(m_controls);
    displayLayout->addLayout(compareRow);
    m_displaySection->hide();
    connect(m_displayToggle, &QToolButton::toggled, this, [this](bool shown) {
        m_displayToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
        m_displaySection->setVisible(shown);
    });
    // Two and a half rows of the list at least, more where the dock has the room: the maps stay in sight when the
    // dock is short.
    m_table->setMinimumHeight(m_table->sizeHint().height());

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* summaryRow = new QHBoxLayout;
    summaryRow->addWidget(m_summary, 1);
    summaryRow->addWidget(m_displayToggle);
    layout->addLayout(summaryRow);
    layout->addWidget(m_table, 3);
    layout->addWidget(m_details);
    layout->addWidget(m_warnings);
    layout->addWidget(verdictBox);
    layout->addWidget(m_note);
    auto* saveRow = new QHBoxLayout;
    saveRow->addWidget(m_reviewInfo, 1);
    saveRow->addWidget(m_saveNext);
    layout->addLayout(saveRow);
    layout->addWidget(m_displaySection);

    // A map chosen in the list is judged with the keys next: they go to the slice view, not to the list.
    const auto showChosenMap = [this](int row, int) {
        showMap(m_table->mapIdAt(row));
        if (m_view != nullptr) {
            m_view->setFocus(Qt::OtherFocusReason);
        }
    };
    connect(m_table, &QTableWidget::cellActivated, this, showChosenMap);
    connect(m_table, &QTableWidget::cellClicked, this, showChosenMap);
    connect(m_mapChoice, &QComboBox::activated, this,
        [this](int choice) { showMap(m_mapChoice->itemData(choice).toLongLong()); });
    connect(m_controls, &SaliencyDisplayControls::optionsChanged, this, &SaliencyReviewPanel::applyOptions);
    connect(m_compare, &QCheckBox::toggled, this, &SaliencyReviewPanel::updateCompareView);
    connect(m_compareChoice, &QComboBox::activated, this, &SaliencyReviewPanel::updateCompareView);

    for (const VerdictKey& entry : kVerdictKeys) {
        auto* action = new QAction(QString::fromUtf8(annotation::saliencyVerdictTitle(entry.verdict)), this);
        action->setShortcut(QKeySequence(entry.key));
        const SaliencyVerdict verdict = entry.verdict;
        connect(action, &QAction::triggered, this, [this, verdict] { setVerdict(verdict); });
        m_actions.append(action);
    }
    auto* next = new QAction(tr("Save Verdict and Next Map"), this);
    next->setShortcuts({ QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter) });
    connect(next, &QAction::triggered, this, &SaliencyReviewPanel::saveAndNext);
    m_actions.append(next);
    auto* nextMap = new QAction(tr("Next Map of This Series"), this);
    nextMap->setShortcut(QKeySequence("M"));
    connect(nextMap, &QAction::triggered, this, &SaliencyReviewPanel::showNextMapOfSeries);
    m_actions.append(nextMap);
    m_overlayAction = new QAction(tr("Saliency &Overlay"), this);
    m_overlayAction->setObjectName("saliencyOverlayAction");
    m_overlayAction->setCheckable(true);
    m_overlayAction->setChecked(true);
    m_overlayAction->setShortcut(QKeySequence("H"));
    m_overlayAction->setToolTip(tr("Draw the saliency map over the slice (H); the project remembers the choice"));
    connect(m_overlayAction, &QAction::triggered, this, &SaliencyReviewPanel::setOverlayVisible);
    m_actions.append(m_overlayAction);
    for (QAction* action : m_actions) {
        action->setEnabled(false);
    }
    updateDetails();
}

SaliencyReviewPanel::~SaliencyReviewPanel() = default;

void SaliencyReviewPanel::attach(
    viewer::SliceViewWidget* view, QMainWindow* window, std::function<annotation::Author()> reviewer)
{
    m_view = view;
    m_window = window;
    m_reviewer = std::move(reviewer);
    window->addActions(m_actions);
    connect(view, &viewer::SliceViewWidget::sliceChanged, this, [this](int slice, int) {
        if (m_compareView != nullptr && m_compareDock->isVisible()) {
            m_compareView->setSliceIndex(slice);
        }
    });
    connect(view, &viewer::SliceViewWidget::windowLevelChanged, this, [this](double width, double level) {
        if (m_compareView != nullptr && m_compareDock->isVisible()) {
            m_compareView->setWindowLevel({ width, level });
        }
    });
}

void SaliencyReviewPanel::openProject(storage::ProjectStore* project)
{
    m_session->openProject(project);
    m_seriesUid.clear();
    m_seriesVolume.reset();
    m_currentMapId = m_pendingMapId = 0;
    m_overlayVisible = loadSaliencyOverlayVisible(project);
    m_overlayAction->setChecked(m_overlayVisible);
    refreshList();
    updateDetails();
    // The dock shows itself for projects with maps and stays out of the way otherwise.
    for (QWidget* ancestor = parentWidget(); ancestor != nullptr; ancestor = ancestor->parentWidget()) {
        if (auto* dock = qobject_cast<QDockWidget*>(ancestor)) {
            dock->setVisible(m_table->rowCount() > 0);
            break;
        }
    }
}

void SaliencyReviewPanel::refreshList()
{
    m_session->refresh();
    m_table->setRows(m_session->rows());
    updateSummary();
}

void SaliencyReviewPanel::updateSummary()
{
    const std::size_t maps = m_session->rows().size();
    m_summary->setText(maps == 0 ? tr("No saliency maps: import a manifest with `radmark saliency import`.")
                                 : tr("%1, %2 reviewed")
                                       .arg(countText(static_cast<long long>(maps), tr("map"), tr("maps")))
                                       .arg(m_session->reviewedCount()));
}

void SaliencyReviewPanel::showSeries(const QString& seriesUid, const storage::LoadedSeries& series)
{
    m_session->showSeries(seriesUid.toStdString());
    m_seriesUid = seriesUid;
    m_seriesVolume = series.volume;
    m_currentMapId = 0;
    std::int64_t wanted = 0;
    const SaliencyReviewRow* pending = m_table->rowData(m_pendingMapId);
    if (pending != nullptr && QString::fromStdString(pending->map.seriesUid) == seriesUid) {
        wanted = m_pendingMapId;
    } else {
        const auto maps = m_session->mapsOfSeries(seriesUid.toStdString());
        if (!maps.empty()) {
            wanted = maps.front().id;
        }
    }
    m_pendingMapId = 0;
    fillMapChoices();
    if (wanted != 0) {
        displayMap(wanted);
    } else {
        updateDetails();
        updateCompareView();
    }
}

void SaliencyReviewPanel::showMap(std::int64_t mapId)
{
    const SaliencyReviewRow* row = m_table->rowData(mapId);
    if (row == nullptr) {
        return;
    }
    const int tableRow = m_table->rowOfMap(mapId);
    if (tableRow >= 0 && m_table->currentRow() != tableRow) {
        m_table->setCurrentCell(tableRow, 0);
    }
    const QString seriesUid = QString::fromStdString(row->map.seriesUid);
    if (seriesUid != m_seriesUid || !m_seriesVolume) {
        m_pendingMapId = mapId;
        m_session->readAhead(row->map); // read while the series loads
        emit seriesWanted(seriesUid);
        return;
    }
    displayMap(mapId);
}

void SaliencyReviewPanel::displayMap(std::int64_t mapId)
{
    m_currentMapId = mapId;
    const SaliencyReviewRow* row = m_table->rowData(mapId);
    if (row == nullptr || !m_seriesVolume) {
        updateDetails();
        return;
    }
    m_verdict.reset();
    const bool placedAlready = m_session->placed(mapId) != nullptr;
    m_session->place(
        mapId, m_seriesVolume->geometry(), m_view != nullptr ? m_view->sliceIndex() : 0); // mapPlaced: applyMap
    if (!placedAlready) {
        updateDetails();
    }
}

void SaliencyReviewPanel::applyMap(std::int64_t mapId)
{
    const SaliencyReviewRow* row = m_table->rowData(mapId);
    const SaliencyReviewSession::PlacedMap& placed = *m_session->placed(mapId);
    viewer::SaliencyOverlay& overlay = m_view->sliceRenderer().saliencyOverlay();
    if (!placed.error.isEmpty() || !placed.map.values || row == nullptr) {
        overlay.clearMap();
        m_view->update();
        if (row != nullptr && !placed.error.isEmpty()) {
            m_session->recordLoadProblem(mapId, placed.error);
            if (const SaliencyReviewRow* recorded = m_session->row(mapId)) {
                m_table->updateRow(*recorded);
            }
        }
        emit message(placed.error);
        updateDetails();
        emit mapShown(mapId);
        return;
    }
    drawMap(mapId);
    if (row->checks && row->checks->problem.empty()) {
        m_view->setSliceIndex(row->checks->checks.peakK); // where the map points most
    }
    m_view->update();
    updateDetails();
    if (m_compareChoice->count() > 1 && m_compareChoice->currentData().toLongLong() == mapId) {
        // Side by side with itself says nothing: compare with the next map of the series.
        m_compareChoice->setCurrentIndex((m_compareChoice->currentIndex() + 1) % m_compareChoice->count());
    }
    updateCompareView();
    emit mapShown(mapId);
    if (m_session->checksStale(mapId)) {
        m_session->computeChecks(mapId, m_seriesVolume);
    }
}

void SaliencyReviewPanel::drawMap(std::int64_t mapId)
{
    const SaliencyReviewRow* row = m_table->rowData(mapId);
    const SaliencyReviewSession::PlacedMap* placed = m_session->placed(mapId);
    if (row == nullptr || placed == nullptr || !placed->map.values) {
        return;
    }
    viewer::SaliencyOverlay& overlay = m_view->sliceRenderer().saliencyOverlay();
    viewer::SaliencyDisplayOptions options = m_controls->options();
    const bool isSigned = placed->map.summary.isSigned();
    if (isSigned != (options.colormap == viewer::SaliencyColormap::Diverging)) {
        options.colormap = isSigned ? viewer::SaliencyColormap::Diverging : viewer::SaliencyColormap::Jet;
        m_controls->setOptions(options);
    }
    overlay.setOptions(options);
    overlay.setMap(placed->map.values, colourBarTitle(row->map));
    overlay.setVisible(m_overlayVisible);
    m_view->update();
}

void SaliencyReviewPanel::showChecks(std::int64_t mapId)
{
    const SaliencyReviewRow* row = m_session->row(mapId);
    if (row == nullptr || m_table->rowData(mapId) == nullptr) {
        return;
    }
    m_table->updateRow(*row);
    if (mapId == m_currentMapId) {
        updateDetails();
    }
    emit checksUpdated(mapId);
}

void SaliencyReviewPanel::showReview(std::int64_t mapId)
{
    const SaliencyReviewRow* row = m_session->row(mapId);
    if (row == nullptr || m_table->rowData(mapId) == nullptr) {
        return;
    }
    m_table->updateRow(*row);
    updateSummary();
    if (mapId == m_currentMapId) {
        updateDetails();
    }
}

void SaliencyReviewPanel::fillMapChoices()
{
    m_mapChoice->clear();
    m_compareChoice->clear();
    if (m_seriesUid.isEmpty()) {
        return;
    }
    for (const storage::SaliencyMapRecord& map : m_session->mapsOfSeries(m_seriesUid.toStdString())) {
        const QString title
            = mapTitle(map) + (map.method.empty() ? QString() : " (" + QString::fromStdString(map.method) + ")");
        m_mapChoice->addItem(title, static_cast<qlonglong>(map.id));
        m_compareChoice->addItem(title, static_cast<qlonglong>(map.id));
    }
    if (m_compareChoice->count() > 1) {
        m_compareChoice->setCurrentIndex(1);
    }
}

void SaliencyReviewPanel::showNextMapOfSeries()
{
    if (m_mapChoice->count() < 2) {
        return;
    }
    const int current = m_mapChoice->findData(static_cast<qlonglong>(m_currentMapId));
    const int next = (current + 1) % m_mapChoice->count();
    showMap(m_mapChoice->itemData(next).toLongLong());
}

void SaliencyReviewPanel::setVerdict(annotation::SaliencyVerdict verdict)
{
    if (m_currentMapId == 0) {
        return;
    }
    m_verdict = verdict;
    if (QAbstractButton* button = m_verdicts->button(static_cast<int>(verdict))) {
        button->setChecked(true);
    }
}

bool SaliencyReviewPanel::saveReview()
{
    const SaliencyReviewRow* row = m_table->rowData(m_currentMapId);
    if (row == nullptr || !m_session->hasStore()) {
        return false;
    }
    if (!m_verdict) {
        emit message(tr("Choose a verdict first: P, N, T, X or U"));
        return false;
    }
    // The session's reviewChanged redraws the row, the summary and the details.
    return m_session->saveReview(m_currentMapId, *m_verdict, m_note->text().trimmed().toStdString(),
        m_reviewer ? m_reviewer() : annotation::Author {});
}

void SaliencyReviewPanel::setOverlayVisible(bool visible)
{
    m_overlayVisible = visible;
    m_overlayAction->setChecked(visible);
    if (m_view != nullptr) {
        m_view->sliceRenderer().saliencyOverlay().setVisible(visible);
        m_view->update();
    }
    try {
        storeSaliencyOverlayVisible(m_session->project(), visible);
    } catch (const std::exception& error) {
        emit message(QString::fromStdString(error.what()));
    }
}

void SaliencyReviewPanel::saveAndNext()
{
    const std::int64_t current = m_currentMapId;
    if (!saveReview()) {
        return;
    }
    // The next key is a verdict for the next map: it goes to the slice view, not to the note.
    if (m_view != nullptr) {
        m_view->setFocus(Qt::OtherFocusReason);
    }
    const int row = m_table->rowOfMap(current);
    if (row + 1 >= m_table->rowCount()) {
        emit message(tr("Saved. That was the last map of the list."));
        return;
    }
    showMap(m_table->mapIdAt(row + 1));
}

void SaliencyReviewPanel::applyOptions()
{
    if (m_view == nullptr) {
        return;
    }
    m_view->sliceRenderer().saliencyOverlay().setOptions(m_controls->options());
    m_view->update();
    if (m_compareView != nullptr && m_compareDock->isVisible()) {
        m_compareView->sliceRenderer().saliencyOverlay().setOptions(m_controls->options());
        m_compareView->update();
    }
}

void SaliencyReviewPanel::updateCompareView()
{
    if (m_window == nullptr) {
        return;
    }
    const bool wanted = m_compare->isChecked() && m_seriesVolume && m_compareChoice->count() > 0;
    if (!wanted) {
        if (m_compareDock != nullptr) {
            m_compareDock->hide();
        }
        return;
    }
    if (m_compareView == nullptr) {
        m_compareDock = new QDockWidget(tr("Saliency comparison"), m_window);
        m_compareDock->setObjectName("saliencyCompareDock");
        m_compareView = new viewer::SliceViewWidget(m_compareDock);
        m_compareView->setObjectName("saliencyCompareView");
        m_compareDock->setWidget(m_compareView);
        m_window->addDockWidget(Qt::RightDockWidgetArea, m_compareDock);
        connect(m_compareDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
            if (!visible && m_compareDock->isHidden()) {
                m_compare->setChecked(false);
            }
        });
    }
    const std::int64_t otherId = m_compareChoice->currentData().toLongLong();
    const SaliencyReviewRow* other = m_table->rowData(otherId);
    if (m_compareView->sliceRenderer().volume() != m_seriesVolume.get()) {
        m_compareView->setVolume(m_seriesVolume, viewer::SliceOverlayText {});
    }
    m_session->placeNow(otherId, m_seriesVolume->geometry());
    const SaliencyReviewSession::PlacedMap* placed = m_session->placed(otherId);
    viewer::SaliencyOverlay& overlay = m_compareView->sliceRenderer().saliencyOverlay();
    overlay.setOptions(m_controls->options());
    if (other != nullptr && placed != nullptr && placed->map.values) {
        overlay.setMap(placed->map.values, colourBarTitle(other->map));
    } else {
        overlay.clearMap();
        emit message(placed != nullptr ? placed->error : QString());
    }
    m_compareView->setSliceIndex(m_view->sliceIndex());
    m_compareView->setWindowLevel(m_view->windowLevel());
    m_compareDock->show();
    m_compareView->update();
}

void SaliencyReviewPanel::updateDetails()
{
    const SaliencyReviewRow* row = m_table->rowData(m_currentMapId);
    const bool shown = row != nullptr;
    for (QAction* action : m_actions) {
        action->setEnabled(shown);
    }
    m_saveNext->setEnabled(shown && m_session->isEditable());
    for (QAbstractButton* button : m_verdicts->buttons()) {
        button->setEnabled(shown);
    }
    m_note->setEnabled(shown);
    if (!shown) {
        m_details->setText(m_seriesUid.isEmpty() ? tr("Open a series with a saliency map, or click a map in the list.")
                                                 : tr("This series has no saliency map."));
        m_warnings->hide();
        m_reviewInfo->clear();
        return;
    }
    const storage::SaliencyMapRecord& map = row->map;
    const int choice = m_mapChoice->findData(static_cast<qlonglong>(map.id));
    if (choice >= 0) {
        m_mapChoice->setCurrentIndex(choice);
    }
    QString text = tr("<b>%1</b>").arg(mapTitle(map).toHtmlEscaped());
    if (map.score) {
        text += tr("  score %1").arg(*map.score, 0, 'g', 4);
    }
    if (!map.method.empty()) {
        text += tr("  · %1").arg(QString::fromStdString(map.method).toHtmlEscaped());
    }
    const SaliencyReviewSession::PlacedMap* placed = m_session->placed(map.id);
    QStringList warnings;
    if (placed == nullptr) {
        text += tr("<br>loading the map…");
    } else if (!placed->error.isEmpty()) {
        warnings.append(placed->error);
    } else {
        text += "<br>" + QString::fromStdString(placed->map.grid).toHtmlEscaped();
        if (!placed->map.summaryComplete) {
            text += tr(" · checking the other slices' values…");
        }
        for (const std::string& warning : placed->map.warnings) {
            warnings.append(QString::fromStdString(warning));
        }
    }
    if (row->checks && row->checks->problem.empty()) {
        const annotation::SaliencyChecks& c = row->checks->checks;
        const auto percent = [](const std::optional<double>& value) {
            return value ? QString::number(*value * 100.0, 'f', 1) + " %" : QObject::tr("n/a (no marks)");
        };
        text += tr("<br>In marks %1 · peak in mark %2 · outside body %3 · text/corners %4 · peak at slice %5")
                    .arg(percent(c.massInsideMarksFraction))
                    .arg(c.peakInsideMark ? (*c.peakInsideMark ? tr("yes") : tr("no")) : tr("n/a"))
                    .arg(percent(c.massOutsideBodyFraction))
                    .arg(percent(c.massOnTextOrCornersFraction))
                    .arg(c.peakK + 1);
    } else if (placed != nullptr && placed->error.isEmpty()) {
        text += tr("<br>computing checks…");
    }
    m_details->setText(text);
    m_warnings->setText(warnings.join("\n"));
    m_warnings->setVisible(!warnings.isEmpty());

    const annotation::Author reviewer = m_reviewer ? m_reviewer() : annotation::Author {};
    if (!m_verdict) {
        m_verdicts->setExclusive(false);
        for (QAbstractButton* button : m_verdicts->buttons()) {
            button->setChecked(false);
        }
        m_verdicts->setExclusive(true);
    }
    if (row->review) {
        if (!m_verdict) {
            m_note->setText(QString::fromStdString(row->review->note));
        }
        m_reviewInfo->setText(
            tr("Last: %1 by %2 (%3), %4")
                .arg(QString::fromUtf8(annotation::saliencyVerdictTitle(row->review->verdict)),
                    QString::fromStdString(row->review->reviewer.name),
                    QString::fromUtf8(annotation::authorRoleName(row->review->reviewer.role)),
                    QDateTime::fromMSecsSinceEpoch(row->review->reviewedMs).toString("yyyy-MM-dd hh:mm")));
    } else {
        if (!m_verdict) {
            m_note->clear();
        }
        m_reviewInfo->setText(tr("Not reviewed · reviewer %1 (%2)")
                                  .arg(QString::fromStdString(reviewer.name),
                                      QString::fromUtf8(annotation::authorRoleName(reviewer.role))));
    }
}

} // namespace radmark::app
