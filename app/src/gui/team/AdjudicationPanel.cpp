#include "gui/team/AdjudicationPanel.h"

#include "radmark/annotation/RecistMeasurement.h"

#include <QBrush>
#include <QColor>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QVBoxLayout>

#include <cmath>
#include <variant>

namespace radmark::app {

namespace {

using storage::ItemState;

QString text(const std::string& value)
{
    return QString::fromStdString(value);
}

QColor qColor(const std::array<double, 3>& rgb)
{
    return QColor::fromRgbF(static_cast<float>(rgb[0]), static_cast<float>(rgb[1]), static_cast<float>(rgb[2]));
}

QString answerText(const storage::ReaderAnswer& answer)
{
    if (!answer.choice.empty()) {
        return text(answer.choice);
    }
    if (!answer.value) {
        return QObject::tr("not mentioned");
    }
    return *answer.value == 1 ? QObject::tr("positive")
        : *answer.value == 0  ? QObject::tr("negative")
                              : QObject::tr("uncertain");
}

QString stateText(ItemState state)
{
    switch (state) {
    case ItemState::Disputed:
        return QObject::tr("disputed");
    case ItemState::Adjudicated:
        return QObject::tr("settled");
    case ItemState::Agreed:
        return QObject::tr("agreed");
    case ItemState::Single:
        return QObject::tr("one reader");
    }
    return {};
}

QString markText(const annotation::LesionMark& mark)
{
    QString shape = QString::fromLatin1(annotation::shapeKindName(mark.shape));
    QString sizes;
    if (const auto* recist = std::get_if<annotation::RecistMark>(&mark.shape)) {
        const auto lengths = annotation::recistLengthsMm(*recist, mark.plane.spacing);
        shape = QObject::tr("RECIST");
        sizes = QObject::tr("%1 x %2 mm").arg(lengths.longAxisMm, 0, 'f', 1).arg(lengths.shortAxisMm, 0, 'f', 1);
    }
    return QObject::tr("%1 on slice %2%3")
        .arg(shape)
        .arg(mark.slice.sliceIndex + 1)
        .arg(sizes.isEmpty() ? QString() : QStringLiteral(", ") + sizes);
}

QTableWidgetItem* cell(const QString& value)
{
    auto* item = new QTableWidgetItem(value);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}

} // namespace

AdjudicationQueueTable::AdjudicationQueueTable(QWidget* parent)
    : QTableWidget(parent)
{
}

bool AdjudicationQueueTable::isPanelKey(const QKeyEvent* event)
{
    if ((event->modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier) {
        return false;
    }
    const int key = event->key();
    return (key >= Qt::Key_1 && key <= Qt::Key_9) || key == Qt::Key_N || key == Qt::Key_E || key == Qt::Key_Backspace
        || key == Qt::Key_Return || key == Qt::Key_Enter;
}

bool AdjudicationQueueTable::event(QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride && isPanelKey(static_cast<QKeyEvent*>(event))) {
        event->accept();
        return true;
    }
    return QTableWidget::event(event);
}

void AdjudicationQueueTable::keyPressEvent(QKeyEvent* event)
{
    if (!isPanelKey(event)) {
        QTableWidget::keyPressEvent(event);
        return;
    }
    const int key = event->key();
    if (key >= Qt::Key_1 && key <= Qt::Key_9) {
        emit readerPicked(key - Qt::Key_1);
    } else if (key == Qt::Key_N) {
        emit noLesionPressed();
    } else if (key == Qt::Key_E) {
        emit ownAnswerPressed();
    } else if (key == Qt::Key_Backspace) {
        emit reopenPressed();
    } else {
        emit nextPressed();
    }
}

std::array<double, 3> AdjudicationPanel::readerColor(std::size_t readerIndex)
{
    static const std::array<std::array<double, 3>, 4> colors { {
        { 1.0, 0.62, 0.1 }, // orange
        { 0.2, 0.8, 1.0 }, // sky blue
        { 0.45, 1.0, 0.35 }, // green
        { 1.0, 0.95, 0.3 }, // yellow
    } };
    return colors[readerIndex % colors.size()];
}

std::array<double, 3> AdjudicationPanel::reviewerColor()
{
    return { 1.0, 0.35, 1.0 };
}

AdjudicationPanel::AdjudicationPanel(AdjudicationSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName("adjudicationPanel");
    m_summary = new QLabel(this);
    m_summary->setObjectName("adjudicationSummary");
    m_summary->setWordWrap(true);
    m_queue = new AdjudicationQueueTable(this);
    m_queue->setObjectName("adjudicationQueue");
    m_queue->setColumnCount(QueueColumnCount);
    m_queue->setHorizontalHeaderLabels({ tr("Study"), tr("Item"), tr("State"), tr("Why") });
    m_queue->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_queue->setSelectionMode(QAbstractItemView::SingleSelection);
    m_queue->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_queue->verticalHeader()->hide();
    m_queue->horizontalHeader()->setStretchLastSection(true);
    m_queue->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_compare = new QTableWidget(this);
    m_compare->setObjectName("adjudicationCompare");
    m_compare->setColumnCount(3);
    m_compare->setHorizontalHeaderLabels({ tr("Key"), tr("Who"), tr("Answer") });
    m_compare->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_compare->setFocusPolicy(Qt::NoFocus);
    m_compare->verticalHeader()->hide();
    m_compare->horizontalHeader()->setStretchLastSection(true);
    m_compare->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_keys = new QLabel(tr("<b>1</b>/<b>2</b> take a reader's answer · <b>N</b> no lesion · <b>E</b> own label "
                           "answer · <b>Enter</b> next disputed"),
        this);
    m_keys->setToolTip(tr("1 / 2: take that reader's answer (a lesion: a copy of their mark, as yours; edit it with "
                          "the tools). N: no lesion. E: your own label answer (cycles). Draw a mark with the tools: "
                          "your own lesion answer. Backspace: reopen a \"no lesion\". Enter: next disputed item. "
                          "Ctrl+Z undoes a label or mark."));
    m_keys->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_queue, 1);
    layout->addWidget(m_compare, 1);
    layout->addWidget(m_keys);

    connect(m_session, &AdjudicationSession::changed, this, &AdjudicationPanel::rebuild);
    connect(m_queue, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (m_rebuilding || row < 0 || static_cast<std::size_t>(row) >= m_session->queue().size()) {
            return;
        }
        const auto& entry = m_session->queue()[static_cast<std::size_t>(row)];
        m_selectedStudy = m_session->studyOf(entry).studyId;
        m_selectedKind = entry.kind;
        m_selectedKey = m_session->keyOf(entry);
        showComparison();
        emit entrySelected(entry);
    });
    connect(m_queue, &AdjudicationQueueTable::nextPressed, this, [this] { selectNextDisputed(); });
    rebuild();
}

std::optional<AdjudicationSession::QueueEntry> AdjudicationPanel::selectedEntry() const
{
    const int row = m_queue->currentRow();
    if (row < 0 || static_cast<std::size_t>(row) >= m_session->queue().size()) {
        return std::nullopt;
    }
    return m_session->queue()[static_cast<std::size_t>(row)];
}

void AdjudicationPanel::selectEntry(std::size_t index)
{
    if (index < m_session->queue().size()) {
        m_queue->setCurrentCell(static_cast<int>(index), StudyColumn);
    }
}

bool AdjudicationPanel::selectNextDisputed()
{
    const auto& queue = m_session->queue();
    const int start = m_queue->currentRow();
    for (std::size_t step = 1; step <= queue.size(); ++step) {
        const std::size_t index = (static_cast<std::size_t>(start < 0 ? -1 : start) + step) % queue.size();
        if (m_session->stateOf(queue[index]) == ItemState::Disputed) {
            selectEntry(index);
            return true;
        }
    }
    m_summary->setText(m_summary->text() + tr(" Nothing left in dispute."));
    return false;
}

void AdjudicationPanel::focusQueue()
{
    m_queue->setFocus(Qt::OtherFocusReason);
}

void AdjudicationPanel::rebuild()
{
    m_rebuilding = true;
    const auto& queue = m_session->queue();
    m_queue->setRowCount(static_cast<int>(queue.size()));
    for (std::size_t row = 0; row < queue.size(); ++row) {
        const auto& entry = queue[row];
        const auto& study = m_session->studyOf(entry);
        QString item;
        QString reason;
        if (const auto* label = m_session->labelOf(entry)) {
            item = tr("label %1").arg(text(label->label));
            QStringList answers;
            for (const auto& answer : label->readers) {
                answers << text(answer.author) + ": " + answerText(answer);
            }
            reason = answers.join(QStringLiteral(" · "));
            if (label->reviewer) {
                reason += tr(" → %1").arg(answerText(*label->reviewer));
            }
        } else {
            const auto* lesion = m_session->lesionOf(entry);
            item = tr("lesion, slice %1").arg(lesion->readerMarks.front().slice.sliceIndex + 1);
            reason = text(lesion->reason);
        }
        const int r = static_cast<int>(row);
        m_queue->setItem(r, StudyColumn, cell(text(study.key)));
        m_queue->setItem(r, ItemColumn, cell(item));
        auto* state = cell(stateText(m_session->stateOf(entry)));
        if (m_session->stateOf(entry) == ItemState::Disputed) {
            state->setForeground(QBrush(QColor(220, 90, 40)));
        }
        m_queue->setItem(r, StateColumn, state);
        auto* why = cell(reason);
        why->setToolTip(reason);
        m_queue->setItem(r, ReasonColumn, why);
    }
    std::size_t disputedStudies = 0;
    for (const auto& study : m_session->studies()) {
        disputedStudies += study.disputed() ? 1 : 0;
    }
    if (!m_session->isTeamProject()) {
        m_summary->setText(tr("Not a team project: no study is assigned to two readers (radmark team split)."));
    } else {
        m_summary->setText(tr("%1 double-read studies; %2 items in dispute in %3 studies, %4 settled by a reviewer.")
                               .arg(m_session->studies().size())
                               .arg(m_session->disputedCount())
                               .arg(disputedStudies)
                               .arg(queue.size() - m_session->disputedCount()));
    }
    // Keep the selection on the same item.
    std::optional<std::size_t> index;
    if (m_selectedStudy >= 0) {
        index = m_session->findEntry(m_selectedStudy, m_selectedKind, m_selectedKey);
    }
    if (index) {
        m_queue->setCurrentCell(static_cast<int>(*index), StudyColumn);
    }
    m_rebuilding = false;
    showComparison();
}

void AdjudicationPanel::showComparison()
{
    m_compare->setRowCount(0);
    const auto entry = selectedEntry();
    if (!entry) {
        return;
    }
    const auto& study = m_session->studyOf(*entry);
    const auto addRow = [this](const QString& key, const QString& who, const QString& answer,
                            const std::optional<std::array<double, 3>>& color) {
        const int row = m_compare->rowCount();
        m_compare->insertRow(row);
        m_compare->setItem(row, 0, cell(key));
        auto* whoItem = cell(who);
        if (color) {
            whoItem->setForeground(QBrush(qColor(*color).darker(130)));
            whoItem->setBackground(QBrush(qColor(*color).lighter(170)));
        }
        m_compare->setItem(row, 1, whoItem);
        m_compare->setItem(row, 2, cell(answer));
    };
    for (std::size_t reader = 0; reader < study.readers.size(); ++reader) {
        const std::string& name = study.readers[reader];
        QString answer = tr("(no answer)");
        if (const auto* label = m_session->labelOf(*entry)) {
            for (const auto& given : label->readers) {
                if (given.author == name) {
                    answer = answerText(given);
                }
            }
        } else {
            answer = tr("no mark here");
            for (const auto& mark : m_session->lesionOf(*entry)->readerMarks) {
                if (mark.author.name == name) {
                    answer = markText(mark);
                }
            }
        }
        addRow(QString::number(reader + 1), text(name), answer, readerColor(reader));
    }
    QString reviewer = tr("(not settled)");
    if (const auto* label = m_session->labelOf(*entry)) {
        if (label->reviewer) {
            reviewer = tr("%1 (%2)").arg(answerText(*label->reviewer), text(label->reviewer->author));
        }
    } else {
        const auto* lesion = m_session->lesionOf(*entry);
        if (lesion->rejected) {
            reviewer = tr("no lesion");
        } else if (!lesion->reviewerMarks.empty()) {
            reviewer = tr("%1 (%2)").arg(
                markText(lesion->reviewerMarks.front()), text(lesion->reviewerMarks.front().author.name));
        }
    }
    addRow(m_session->labelOf(*entry) ? tr("E") : tr("N"), tr("Reviewer"), reviewer, reviewerColor());
}

} // namespace radmark::app
