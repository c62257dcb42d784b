#include "gui/LabelPanel.h"
#include "gui/PeopleText.h"

#include "gui/LabelReviewSession.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace radmark::app {

namespace {

using Filter = LabelReviewSession::Filter;

QColor answerColour(const annotation::LabelDefinition& label, const annotation::LabelAnswer& answer)
{
    if (!answer.choice.empty()) {
        return QColor(60, 80, 120);
    }
    if (!answer.value) {
        return {};
    }
    if (label.kind == annotation::LabelKind::YesNo) { // neither answer is a finding
        return *answer.value == 1 ? QColor(60, 80, 120) : QColor(70, 70, 74);
    }
    switch (*answer.value) {
    case 1:
        return QColor(120, 45, 45);
    case 0:
        return QColor(36, 85, 48);
    default:
        return QColor(115, 92, 24);
    }
}

// "0.83 [0.61, 0.95]" and " (5/6)" as two lines: "0.83 (5/6)" over "[0.61, 0.95]".
QString twoLineEstimate(const std::string& formatted, const QString& count = {})
{
    const QString text = QString::fromStdString(formatted);
    const int interval = text.indexOf(" [");
    if (interval < 0) {
        return text + count;
    }
    return text.left(interval) + count + "\n" + text.mid(interval + 1);
}

QTableWidgetItem* cell(const QString& text, const QColor& background = {})
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (background.isValid()) {
        item->setBackground(background);
    }
    return item;
}

} // namespace

LabelTable::LabelTable(QWidget* parent)
    : QTableWidget(parent)
{
}

int LabelTable::rowOfKey(const QKeyEvent* event) const
{
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    const QKeyCombination pressed(modifiers, static_cast<Qt::Key>(event->key()));
    for (std::size_t row = 0; row < m_keys.size(); ++row) {
        if (!m_keys[row].isEmpty() && m_keys[row][0] == pressed) {
            return static_cast<int>(row);
        }
    }
    return -1;
}

bool LabelTable::event(QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool enter = (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
        if (enter || rowOfKey(key) >= 0) {
            event->accept();
            return true;
        }
    }
    return QTableWidget::event(event);
}

void LabelTable::keyPressEvent(QKeyEvent* event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        && (event->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier) {
        emit confirmPressed();
        return;
    }
    if (const int row = rowOfKey(event); row >= 0) {
        emit labelKeyPressed(row);
        return;
    }
    QTableWidget::keyPressEvent(event);
}

LabelPanel::LabelPanel(LabelReviewSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName("labelPanel");
    m_filter = new QComboBox(this);
    m_filter->setObjectName("labelFilter");
    m_filter->addItem(tr("All studies"), static_cast<int>(Filter::All));
    m_filter->addItem(tr("Unlabelled"), static_cast<int>(Filter::Unlabelled));
    m_filter->addItem(tr("Proposed, not confirmed"), static_cast<int>(Filter::Proposed));
    m_filter->addItem(tr("Confirmed"), static_cast<int>(Filter::Confirmed));
    m_filter->addItem(tr("Labeller and human disagree"), static_cast<int>(Filter::Disagreements));
    m_filter->addItem(tr("Audit sample (random order)"), static_cast<int>(Filter::Audit));
    m_filter->setToolTip(tr("Which studies Previous / Next and Enter go through"));
    // The row of filter and buttons must fit a narrow dock (1280×720 screens): the list shrinks first.
    m_filter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_filter->setMinimumContentsLength(10);
    m_previous = new QPushButton(tr("◀"), this);
    m_previous->setToolTip(tr("Previous study in the filter (Alt+Left)"));
    m_next = new QPushButton(tr("▶"), this);
    m_next->setToolTip(tr("Next study in the filter (Alt+Right)"));
    m_confirm = new QPushButton(tr("Confirm ⏎"), this);
    m_confirm->setObjectName("confirmStudyButton");
    m_confirm->setToolTip(tr("Record every label as it stands and open the next unconfirmed study (Enter)"));
    for (QPushButton* button : { m_previous, m_next, m_confirm }) {
        button->setFocusPolicy(Qt::NoFocus);
    }
    for (QPushButton* button : { m_previous, m_next }) {
        button->setMaximumWidth(button->fontMetrics().horizontalAdvance(button->text()) + 24);
    }
    m_study = new QLabel(this);
    m_study->setObjectName("labelStudy");
    m_study->setWordWrap(true);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet("QLabel { color: #9a9a9a; }");

    m_table = new LabelTable(this);
    m_table->setObjectName("labelTable");
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels(
        { tr("Key"), tr("Label"), tr("Proposed"), tr("Human"), tr("Source"), tr("Author") });
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(AuthorColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(22);

    m_auditSummary = new QLabel(this);
    m_auditSummary->setObjectName("auditSummary");
    m_auditSummary->setWordWrap(true);
    m_auditTable = new QTableWidget(this);
    m_auditTable->setObjectName("auditTable");
    m_auditTable->setColumnCount(5);
    m_auditTable->setHorizontalHeaderLabels({ tr("Label"), tr("n"), tr("Precision"), tr("Recall"), tr("Kappa") });
    m_auditTable->horizontalHeaderItem(1)->setToolTip(tr("Studies audited for this label"));
    m_auditTable->horizontalHeaderItem(2)->setToolTip(
        tr("Of the studies proposed positive, the share the reviewer found positive (Wilson interval)"));
    m_auditTable->horizontalHeaderItem(3)->setToolTip(
        tr("Of the studies the reviewer found positive, the share proposed positive (Wilson interval)"));
    m_auditTable->horizontalHeaderItem(4)->setToolTip(
        tr("Cohen's kappa over every answer (positive, negative, uncertain, not mentioned), ± 1.96 SE"));
    m_auditTable->verticalHeader()->hide();
    m_auditTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_auditTable->setSelectionMode(QAbstractItemView::NoSelection);
    m_auditTable->setFocusPolicy(Qt::NoFocus);
    // A narrow dock keeps every column in view: the label column gives way (elided, full name in its
    // tooltip), the figures are two short lines (estimate and count, then the interval).
    m_auditTable->setWordWrap(true);
    m_auditTable->setTextElideMode(Qt::ElideRight);
    m_auditTable->horizontalHeader()->setStretchLastSection(false);
    m_auditTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_auditTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_auditTable->horizontalHeader()->setMinimumSectionSize(24);
    m_auditTable->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_auditTable->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);

    auto* top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_previous);
    top->addWidget(m_next);
    top->addWidget(m_confirm);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_study);
    // The audit figures under the labels, the border between them movable.
    m_auditBox = new QWidget(this);
    auto* auditLayout = new QVBoxLayout(m_auditBox);
    auditLayout->setContentsMargins(0, 2, 0, 0);
    auditLayout->addWidget(m_auditSummary);
    auditLayout->addWidget(m_auditTable, 1);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_table);
    splitter->addWidget(m_auditBox);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_hint);

    connect(m_filter, qOverload<int>(&QComboBox::currentIndexChanged), this,
        [this](int index) { m_session->setFilter(static_cast<Filter>(m_filter->itemData(index).toInt())); });
    connect(m_previous, &QPushButton::clicked, this, &LabelPanel::previousRequested);
    connect(m_next, &QPushButton::clicked, this, &LabelPanel::nextRequested);
    connect(m_confirm, &QPushButton::clicked, this, &LabelPanel::confirmRequested);
    connect(m_table, &LabelTable::confirmPressed, this, &LabelPanel::confirmRequested);
    connect(m_table, &LabelTable::labelKeyPressed, this, [this](int row) {
        selectLabel(row);
        emit labelSelected(row);
        m_session->cycleLabel(static_cast<std::size_t>(row));
    });
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (!m_filling && row >= 0) {
            emit labelSelected(row);
        }
    });
    connect(m_session, &LabelReviewSession::schemaChanged, this, &LabelPanel::rebuildRows);
    connect(m_session, &LabelReviewSession::studyShown, this, &LabelPanel::fillRows);
    connect(m_session, &LabelReviewSession::labelsChanged, this, &LabelPanel::fillRows);
    connect(m_session, &LabelReviewSession::statesChanged, this, &LabelPanel::updateStudyLine);
    connect(m_session, &LabelReviewSession::auditChanged, this, &LabelPanel::fillAudit);
    rebuildRows();
    fillAudit();
}

void LabelPanel::setFilter(Filter filter)
{
    m_filter->setCurrentIndex(m_filter->findData(static_cast<int>(filter)));
}

void LabelPanel::fillAudit()
{
    const auto& samples = m_session->auditSamples();
    const bool any = !samples.empty();
    m_auditBox->setVisible(any);
    if (!any) {
        m_auditTable->setRowCount(0);
        return;
    }
    QStringList seeds;
    for (const auto& sample : samples) {
        seeds << QString::number(sample.seed);
    }
    m_auditSummary->setText(tr("<b>Measured accuracy</b> of the proposals: %1 of %2 drawn studies reviewed, seed %3 "
                               "(audit-mode decisions only; 95% intervals)")
                                .arg(m_session->auditedStudies())
                                .arg(m_session->auditDrawnStudies())
                                .arg(seeds.join(", ")));
    const auto& accuracy = m_session->auditAccuracy();
    m_auditTable->setRowCount(static_cast<int>(accuracy.size()));
    for (std::size_t index = 0; index < accuracy.size(); ++index) {
        const annotation::LabelAccuracy& label = accuracy[index];
        const int row = static_cast<int>(index);
        const bool choice = label.kind == annotation::LabelKind::Choice;
        const auto proportion = [&label](const annotation::ProportionEstimate& estimate, std::size_t denominator) {
            if (label.audited == 0) {
                return QString();
            }
            return twoLineEstimate(annotation::formatEstimate(estimate),
                estimate.defined() ? QString(" (%1/%2)").arg(estimate.successes).arg(denominator) : QString());
        };
        auto* name = cell(QString::fromStdString(label.label));
        name->setToolTip(name->text());
        m_auditTable->setItem(row, 0, name);
        m_auditTable->setItem(row, 1, cell(QString::number(label.audited)));
        m_auditTable->setItem(
            row, 2, cell(choice ? tr("(options)") : proportion(label.precision, label.proposedPositives)));
        m_auditTable->setItem(row, 3, cell(choice ? tr("(options)") : proportion(label.recall, label.humanPositives)));
        auto* kappa = cell(label.audited == 0 ? QString() : twoLineEstimate(annotation::formatEstimate(label.kappa)));
        kappa->setToolTip(
            tr("Same answer on %1").arg(QString::fromStdString(annotation::formatEstimate(label.agreement))));
        m_auditTable->setItem(row, 4, kappa);
    }
}

void LabelPanel::rebuildRows()
{
    const annotation::LabelSchema* schema = m_session->schema();
    std::vector<QKeySequence> keys;
    m_filling = true;
    m_table->setRowCount(schema ? static_cast<int>(schema->labels.size()) : 0);
    if (schema) {
        for (std::size_t index = 0; index < schema->labels.size(); ++index) {
            const auto& label = schema->labels[index];
            keys.emplace_back(QString::fromStdString(label.shortcut));
            const int row = static_cast<int>(index);
            m_table->setItem(row, KeyColumn, cell(keys.back().toString(QKeySequence::NativeText)));
            m_table->setItem(row, NameColumn, cell(QString::fromStdString(label.name)));
        }
    }
    m_filling = false;
    m_table->setLabelKeys(keys);
    m_hint->setText(schema ? tr("Schema %1 v%2. Keys cycle a label (click the table first); Enter confirms the "
                                "study and opens the next unconfirmed one; Ctrl+Z undoes.")
                                 .arg(QString::fromStdString(schema->name))
                                 .arg(schema->version)
                           : tr("No label schema yet: Labels ▸ Run Labeller… proposes labels from the reports "
                                "with a schema, which the project then keeps."));
    fillRows();
}

void LabelPanel::fillRows()
{
    const auto& rows = m_session->rows();
    m_filling = true;
    const int current = m_table->currentRow();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const bool known = static_cast<std::size_t>(row) < rows.size();
        const LabelReviewSession::LabelRow* label = known ? &rows[static_cast<std::size_t>(row)] : nullptr;
        if (label == nullptr) {
            for (int column = ProposedColumn; column < ColumnCount; ++column) {
                m_table->setItem(row, column, cell({}));
            }
            continue;
        }
        const auto& definition = *label->definition;
        auto* proposed
            = cell(label->hasProposal ? QString::fromStdString(annotation::describeAnswer(definition, label->proposed))
                                      : QString(),
                label->hasProposal ? answerColour(definition, label->proposed) : QColor());
        proposed->setToolTip(
            label->explanation.isEmpty() ? tr("No mention in the report") : readableExplanation(label->explanation));
        m_table->setItem(row, ProposedColumn, proposed);
        m_table->setItem(row, HumanColumn,
            cell(label->hasDecision ? QString::fromStdString(annotation::describeAnswer(definition, label->decided))
                                    : QString(),
                label->hasDecision ? answerColour(definition, label->decided) : QColor()));
        m_table->setItem(row, SourceColumn,
            cell(label->hasDecision      ? tr("human")
                    : label->hasProposal ? tr("auto")
                                         : QString()));
        m_table->setItem(row, AuthorColumn,
            cell(label->hasDecision ? label->authorName + " (" + label->authorRole + ")" : QString()));
    }
    if (current >= 0 && current < m_table->rowCount()) {
        m_table->setCurrentCell(current, NameColumn);
    }
    m_filling = false;
    updateStudyLine();
}

void LabelPanel::updateStudyLine()
{
    const storage::StudyReviewState* state = m_session->studyState();
    const auto filtered = m_session->filteredStudies();
    std::size_t confirmed = 0;
    for (const auto& each : m_session->states()) {
        confirmed += m_session->isConfirmed(each) ? 1 : 0;
    }
    const QString totals
        = tr("%1 of %2 confirmed; %3 in this filter")
              .arg(confirmed)
              .arg(countText(static_cast<long long>(m_session->states().size()), tr("study"), tr("studies")))
              .arg(filtered.size());
    if (state == nullptr) {
        m_study->setText(tr("No study shown. %1.").arg(totals));
        return;
    }
    std::size_t position = 0;
    for (std::size_t k = 0; k < filtered.size(); ++k) {
        if (m_session->states()[filtered[k]].studyId == state->studyId) {
            position = k + 1;
        }
    }
    // A study without an accession number is named by the end of its UID (a 60-character UID would
    // fill the panel); the whole UID is in the tooltip.
    const QString uid = QString::fromStdString(state->studyUid);
    const QString name = !state->accessionNumber.empty() ? QString::fromStdString(state->accessionNumber)
        : uid.size() > 16                                ? tr("Study …%1").arg(uid.right(12))
                                                         : tr("Study %1").arg(uid);
    m_study->setToolTip(tr("Study Instance UID %1").arg(uid));
    const QString status = m_session->isConfirmed(*state) ? tr("confirmed")
        : state->decidedLabels > 0
        ? tr("%1 of %2 labels decided").arg(state->decidedLabels).arg(m_session->rows().size())
        : state->proposedLabels > 0 ? tr("proposed")
                                    : tr("unlabelled");
    m_study->setText(
        tr("<b>%1</b> — %2%3<br>%4.")
            .arg(name.toHtmlEscaped(), status,
                position > 0 ? tr(" (%1 / %2 in this filter)").arg(position).arg(filtered.size()) : QString(), totals));
}

int LabelPanel::selectedLabel() const
{
    return m_table->currentRow();
}

void LabelPanel::selectLabel(int index)
{
    m_filling = true;
    m_table->setCurrentCell(index, NameColumn);
    m_table->scrollToItem(m_table->item(index, NameColumn));
    m_filling = false;
}

void LabelPanel::focusLabels()
{
    m_table->setFocus(Qt::OtherFocusReason);
    if (m_table->currentRow() < 0 && m_table->rowCount() > 0) {
        selectLabel(0);
    }
}

} // namespace radmark::app
