#include "gui/pacs/PacsQueryDialog.h"

#include "gui/pacs/PacsRetrieveRunner.h"
#include "gui/pacs/RetrieveProgressDelegate.h"
#include "pacs/PacsClientFactory.h"

#include <QComboBox>
#include <QDate>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace radmark::app {

namespace {

enum Column {
    PatientNameColumn,
    PatientIdColumn,
    DateColumn,
    AccessionColumn,
    ModalitiesColumn,
    DescriptionColumn,
    SeriesColumn,
    ImagesColumn,
    RetrieveColumn,
    ColumnCount
};
constexpr int studyUidRole = Qt::UserRole + 1;

QString qt(const std::string& text)
{
    return QString::fromStdString(text);
}

QString displayDate(const std::string& yyyymmdd)
{
    const QDate date = QDate::fromString(qt(yyyymmdd), QStringLiteral("yyyyMMdd"));
    return date.isValid() ? date.toString(Qt::ISODate) : qt(yyyymmdd);
}

QString displayName(const std::string& dicomName)
{
    // DICOM PN "Family^Given^Middle" as "Family, Given Middle".
    const QStringList parts = qt(dicomName).split(QLatin1Char('^'));
    if (parts.size() < 2) {
        return qt(dicomName);
    }
    QStringList rest = parts.mid(1);
    rest.removeAll(QString());
    return rest.isEmpty() ? parts.front() : parts.front() + QStringLiteral(", ") + rest.join(QLatin1Char(' '));
}

QStandardItem* readOnlyItem(const QString& text)
{
    auto* item = new QStandardItem(text);
    item->setEditable(false);
    return item;
}

// A count shown as a number (so the column sorts numerically), "?" when the archive did not say.
QStandardItem* countItem(int count)
{
    auto* item = readOnlyItem(QString());
    if (count < 0) {
        item->setText(QStringLiteral("?"));
    } else {
        item->setData(count, Qt::DisplayRole);
    }
    return item;
}

} // namespace

bool normalizeQueryDate(const QString& text, std::string& yyyymmdd)
{
    const QString trimmed = text.trimmed();
    yyyymmdd.clear();
    if (trimmed.isEmpty()) {
        return true;
    }
    QDate date = QDate::fromString(trimmed, QStringLiteral("yyyyMMdd"));
    if (!date.isValid()) {
        date = QDate::fromString(trimmed, Qt::ISODate);
    }
    if (!date.isValid()) {
        return false;
    }
    yyyymmdd = date.toString(QStringLiteral("yyyyMMdd")).toStdString();
    return true;
}

PacsQueryDialog::PacsQueryDialog(QString projectPath, std::vector<storage::PacsConnection> connections, QWidget* parent)
    : QDialog(parent)
    , m_retriever(new PacsRetrieveRunner(this))
{
    setWindowTitle(tr("Query PACS"));
    setObjectName("pacsQueryDialog");

    m_connectionBox = new QComboBox(this);
    m_connectionBox->setObjectName("pacsConnectionBox");
    m_connectionBox->setMinimumContentsLength(22);
    m_patientIdEdit = new QLineEdit(this);
    m_patientNameEdit = new QLineEdit(this);
    m_patientNameEdit->setPlaceholderText(tr("DOE^JOHN, wildcards * ?"));
    m_accessionEdit = new QLineEdit(this);
    m_dateFromEdit = new QLineEdit(this);
    m_dateToEdit = new QLineEdit(this);
    for (QLineEdit* edit : { m_dateFromEdit, m_dateToEdit }) {
        edit->setPlaceholderText(tr("YYYYMMDD"));
        edit->setMaxLength(10);
    }
    m_modalityBox = new QComboBox(this);
    m_modalityBox->setEditable(true);
    m_modalityBox->addItems({ QString(), "CT", "MR", "CR", "DX", "MG", "US", "PT", "NM", "XA", "RF", "SR", "SEG" });
    m_modalityBox->setInsertPolicy(QComboBox::NoInsert);
    m_descriptionEdit = new QLineEdit(this);
    m_descriptionEdit->setPlaceholderText(tr("e.g. *ABDOMEN*"));
    m_searchButton = new QPushButton(tr("&Search"), this);
    m_searchButton->setDefault(true);
    m_searchButton->setToolTip(tr("Query the archive (Enter)"));

    auto* criteria = new QGridLayout;
    const auto addField = [criteria, this](int row, int column, const QString& label, QWidget* field) {
        auto* caption = new QLabel(label, this);
        caption->setBuddy(field);
        criteria->addWidget(caption, row, column * 2);
        criteria->addWidget(field, row, column * 2 + 1);
    };
    m_addConnectionButton = new QPushButton(tr("Add…"), this);
    m_addConnectionButton->setToolTip(tr("Add a PACS connection (DICOMweb or DIMSE) to the project"));
    m_addConnectionButton->setAutoDefault(false);
    auto* connectionRow = new QHBoxLayout;
    connectionRow->setContentsMargins(0, 0, 0, 0);
    connectionRow->addWidget(m_connectionBox, 1);
    connectionRow->addWidget(m_addConnectionButton);
    auto* connectionField = new QWidget(this);
    connectionField->setLayout(connectionRow);
    auto* connectionCaption = new QLabel(tr("&Connection:"), this);
    connectionCaption->setBuddy(m_connectionBox);
    criteria->addWidget(connectionCaption, 0, 0);
    criteria->addWidget(connectionField, 0, 1);
    addField(0, 1, tr("Patient &ID:"), m_patientIdEdit);
    addField(0, 2, tr("Patient &name:"), m_patientNameEdit);
    addField(1, 0, tr("&Accession:"), m_accessionEdit);
    auto* dates = new QHBoxLayout;
    dates->setContentsMargins(0, 0, 0, 0);
    dates->addWidget(m_dateFromEdit);
    dates->addWidget(new QLabel(tr("to"), this));
    dates->addWidget(m_dateToEdit);
    auto* dateRange = new QWidget(this);
    dateRange->setLayout(dates);
    auto* dateCaption = new QLabel(tr("Study &date:"), this);
    dateCaption->setBuddy(m_dateFromEdit);
    criteria->addWidget(dateCaption, 1, 2);
    criteria->addWidget(dateRange, 1, 3);
    addField(1, 2, tr("&Modality:"), m_modalityBox);
    addField(2, 0, tr("Descri&ption:"), m_descriptionEdit);
    criteria->addWidget(m_searchButton, 2, 5, Qt::AlignRight);
    criteria->setColumnStretch(1, 1);
    criteria->setColumnStretch(3, 1);
    criteria->setColumnStretch(5, 1);

    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({ tr("Patient name"), tr("Patient ID"), tr("Study date"), tr("Accession"),
        tr("Modalities"), tr("Description"), tr("Series"), tr("Images"), tr("Retrieve") });
    m_resultsView = new QTableView(this);
    m_resultsView->setObjectName("pacsResultsView");
    m_resultsView->setModel(m_model);
    m_resultsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_resultsView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_resultsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_resultsView->setAlternatingRowColors(true);
    m_resultsView->setTabKeyNavigation(false);
    m_resultsView->verticalHeader()->hide();
    m_resultsView->setSortingEnabled(true);
    m_resultsView->sortByColumn(DateColumn, Qt::DescendingOrder); // newest first, as PACS viewers list them
    m_resultsView->setItemDelegateForColumn(RetrieveColumn, new RetrieveProgressDelegate(m_resultsView));
    QHeaderView* header = m_resultsView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    header->resizeSection(PatientNameColumn, 170);
    header->resizeSection(PatientIdColumn, 110);
    header->resizeSection(DateColumn, 90);
    header->resizeSection(AccessionColumn, 110);
    header->resizeSection(ModalitiesColumn, 80);
    header->resizeSection(SeriesColumn, 55);
    header->resizeSection(ImagesColumn, 60);
    header->resizeSection(RetrieveColumn, 230);
    header->setMinimumSectionSize(40);
    m_resultsView->installEventFilter(this);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName("pacsStatusLabel");
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_moreButton = new QPushButton(tr("M&ore"), this);
    m_moreButton->setToolTip(tr("Fetch the next page of matching studies"));
    m_moreButton->setAutoDefault(false);
    m_retrieveButton = new QPushButton(tr("&Retrieve Selected"), this);
    m_retrieveButton->setToolTip(tr("Fetch the selected studies into the project (Enter in the table)"));
    m_retrieveButton->setAutoDefault(false);
    m_cancelButton = new QPushButton(tr("Cance&l"), this);
    m_cancelButton->setToolTip(tr("Stop the query or the retrieval; what arrived stays, a later retrieve resumes"));
    m_cancelButton->setAutoDefault(false);
    m_closeButton = new QPushButton(tr("Close"), this);
    m_closeButton->setAutoDefault(false);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_moreButton);
    buttons->addWidget(m_statusLabel, 1);
    buttons->addWidget(m_retrieveButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_closeButton);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(criteria);
    layout->addWidget(m_resultsView, 1);
    layout->addLayout(buttons);

    const QList<QWidget*> tabOrder { m_connectionBox, m_addConnectionButton, m_patientIdEdit, m_patientNameEdit,
        m_accessionEdit, m_dateFromEdit, m_dateToEdit, m_modalityBox, m_descriptionEdit, m_searchButton, m_resultsView,
        m_moreButton, m_retrieveButton, m_cancelButton, m_closeButton };
    for (qsizetype i = 1; i < tabOrder.size(); ++i) {
        setTabOrder(tabOrder[i - 1], tabOrder[i]);
    }

    connect(m_searchButton, &QPushButton::clicked, this, &PacsQueryDialog::startQuery);
    connect(m_addConnectionButton, &QPushButton::clicked, this, &PacsQueryDialog::addConnectionRequested);
    connect(m_moreButton, &QPushButton::clicked, this, &PacsQueryDialog::fetchMore);
    connect(m_retrieveButton, &QPushButton::clicked, this, &PacsQueryDialog::retrieveSelected);
    connect(m_cancelButton, &QPushButton::clicked, this, &PacsQueryDialog::cancel);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(&m_query, &QFutureWatcher<QueryResult>::finished, this, &PacsQueryDialog::showQueryResult);
    connect(
        m_resultsView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &PacsQueryDialog::updateButtons);
    connect(m_connectionBox, &QComboBox::currentIndexChanged, this, [this] {
        m_connectionBox->setToolTip(m_connectionBox->currentData(Qt::ToolTipRole).toString());
        updateButtons();
    });

    connect(m_retriever, &PacsRetrieveRunner::studyStarted, this,
        [this](const QString& studyUid) { setRetrieveCell(studyUid, tr("asking the archive…"), false, 0, 0); });
    connect(m_retriever, &PacsRetrieveRunner::studyProgress, this,
        [this](const QString& studyUid, qulonglong done, qulonglong expected, qulonglong imported) {
            setRetrieveCell(studyUid, tr("%1 / %2 images (%3 imported)").arg(done).arg(expected).arg(imported), true,
                done, expected);
        });
    connect(m_retriever, &PacsRetrieveRunner::studyFinished, this,
        [this](const QString& studyUid, bool complete, const QString& message) {
            setRetrieveCell(studyUid, message, false, 0, 0);
            ++(complete ? m_studiesComplete : m_studiesIncomplete);
            emit studiesImported();
        });
    connect(m_retriever, &PacsRetrieveRunner::finished, this, [this](bool cancelled) {
        const int total = m_studiesComplete + m_studiesIncomplete;
        setStatus(cancelled ? tr("Retrieval cancelled: %1 of %2 studies complete. Images that arrived completely stay; "
                                 "Retrieve again to resume.")
                                  .arg(m_studiesComplete)
                                  .arg(total)
                            : tr("Retrieval finished: %1 of %2 studies complete.").arg(m_studiesComplete).arg(total),
            !cancelled && m_studiesIncomplete > 0);
        updateButtons();
        emit retrieveFinished(cancelled);
    });

    setProject(std::move(projectPath), std::move(connections));
    resize(1160, 600);
    m_patientIdEdit->setFocus();
}

PacsQueryDialog::~PacsQueryDialog()
{
    m_queryCancel = true;
    m_query.waitForFinished();
}

void PacsQueryDialog::setProject(
    QString projectPath, std::vector<storage::PacsConnection> connections, const QString& select)
{
    m_projectPath = std::move(projectPath);
    m_connections = std::move(connections);
    const QString previous = select.isEmpty() ? m_connectionBox->currentData().toString() : select;
    m_connectionBox->clear();
    for (const storage::PacsConnection& connection : m_connections) {
        QString where;
        QString full;
        if (connection.kind == storage::PacsConnection::Kind::DicomWeb) {
            const QUrl url(qt(connection.baseUrl));
            where = tr("DICOMweb");
            full = qt(connection.baseUrl);
        } else {
            where = tr("DIMSE");
            full = QStringLiteral("%1@%2:%3")
                       .arg(qt(connection.calledAeTitle), qt(connection.host))
                       .arg(connection.port);
        }
        m_connectionBox->addItem(QStringLiteral("%1 (%2)").arg(qt(connection.name), where), qt(connection.name));
        m_connectionBox->setItemData(m_connectionBox->count() - 1, full, Qt::ToolTipRole);
    }
    const int previousIndex = m_connectionBox->findData(previous);
    if (previousIndex >= 0) {
        m_connectionBox->setCurrentIndex(previousIndex);
    }
    m_connectionBox->setToolTip(m_connectionBox->currentData(Qt::ToolTipRole).toString());
    if (m_connections.empty()) {
        m_connectionBox->setPlaceholderText(tr("no PACS connection in this project"));
        setStatus(
            tr("This project has no PACS connection yet: press Add… beside Connection (or use radmark pacs add)."),
            true);
    } else {
        setStatus(tr("Enter criteria and press Enter. Empty fields match anything; * and ? are wildcards."));
    }
    updateButtons();
}

bool PacsQueryDialog::readQuery(storage::PacsStudyQuery& query, QString& error) const
{
    query = storage::PacsStudyQuery {};
    query.patientId = m_patientIdEdit->text().trimmed().toStdString();
    query.patientName = m_patientNameEdit->text().trimmed().toStdString();
    query.accessionNumber = m_accessionEdit->text().trimmed().toStdString();
    query.modality = m_modalityBox->currentText().trimmed().toUpper().toStdString();
    query.studyDescription = m_descriptionEdit->text().trimmed().toStdString();
    if (!normalizeQueryDate(m_dateFromEdit->text(), query.studyDateFrom)) {
        error = tr("Study date from \"%1\" is not a date (YYYYMMDD or YYYY-MM-DD).")
                    .arg(m_dateFromEdit->text().trimmed());
        return false;
    }
    if (!normalizeQueryDate(m_dateToEdit->text(), query.studyDateTo)) {
        error = tr("Study date to \"%1\" is not a date (YYYYMMDD or YYYY-MM-DD).").arg(m_dateToEdit->text().trimmed());
        return false;
    }
    if (!query.studyDateFrom.empty() && !query.studyDateTo.empty() && query.studyDateFrom > query.studyDateTo) {
        error = tr("The study date range ends before it begins.");
        return false;
    }
    query.limit = static_cast<std::size_t>(m_pageSize);
    return true;
}

bool PacsQueryDialog::startQuery()
{
    if (m_query.isRunning()) {
        return false;
    }
    const int index = m_connectionBox->currentIndex();
    if (index < 0 || index >= static_cast<int>(m_connections.size())) {
        setStatus(tr("Choose a PACS connection first."), true);
        return false;
    }
    storage::PacsStudyQuery query;
    QString error;
    if (!readQuery(query, error)) {
        setStatus(error, true);
        return false;
    }
    m_lastQuery = query;
    m_queriedConnection = m_connections[static_cast<std::size_t>(index)];
    if (!m_retriever->isRunning()) {
        m_model->removeRows(0, m_model->rowCount());
    }
    m_more = false;
    m_appendingPage = false;
    return runQuery(0);
}

bool PacsQueryDialog::fetchMore()
{
    if (m_query.isRunning() || !m_more) {
        return false;
    }
    m_appendingPage = true;
    return runQuery(m_lastQuery.offset + m_lastQuery.limit);
}

bool PacsQueryDialog::runQuery(std::size_t offset)
{
    m_lastQuery.offset = offset;
    m_queryCancel = false;
    setStatus(offset == 0 ? tr("Querying %1…").arg(qt(m_queriedConnection.name))
                          : tr("Fetching studies %1 to %2…").arg(offset + 1).arg(offset + m_lastQuery.limit));
    const storage::PacsConnection connection = m_queriedConnection;
    const storage::PacsStudyQuery query = m_lastQuery;
    std::atomic<bool>* cancel = &m_queryCancel;
    m_query.setFuture(QtConcurrent::run([connection, query, cancel] {
        QueryResult result;
        try {
            const std::unique_ptr<storage::PacsClient> client = makePacsClient(connection);
            result.page = client->queryStudies(query, cancel);
        } catch (const storage::PacsError& error) {
            result.cancelled = error.kind() == storage::PacsError::Kind::Cancelled;
            result.error = QString::fromStdString(error.what());
        } catch (const std::exception& error) {
            result.error = QString::fromStdString(error.what());
        }
        return result;
    }));
    updateButtons();
    return true;
}

void PacsQueryDialog::showQueryResult()
{
    const QueryResult result = m_query.result();
    if (result.cancelled) {
        setStatus(tr("Query cancelled."));
        updateButtons();
        emit queryFinished(studyCount(), false, tr("cancelled"));
        return;
    }
    if (!result.error.isEmpty()) {
        setStatus(tr("The query failed: %1").arg(result.error), true);
        updateButtons();
        emit queryFinished(studyCount(), false, result.error);
        return;
    }
    const int firstNewRow = m_model->rowCount();
    for (const storage::PacsStudy& study : result.page.studies) {
        if (rowOfStudy(qt(study.studyInstanceUid)) < 0) {
            appendStudy(study);
        }
    }
    m_more = result.page.more;
    // Rows added to the model are not placed by the view's sorting: sort again by the chosen column.
    const QHeaderView* header = m_resultsView->horizontalHeader();
    m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    const int shown = studyCount();
    QString status;
    if (shown == 0) {
        status = tr("No study matches.");
    } else {
        long long series = 0;
        long long images = 0;
        bool countsKnown = true;
        for (int row = 0; row < shown; ++row) {
            const int rowSeries = m_model->item(row, SeriesColumn)->data(Qt::UserRole).toInt();
            const int rowImages = m_model->item(row, ImagesColumn)->data(Qt::UserRole).toInt();
            countsKnown = countsKnown && rowSeries >= 0 && rowImages >= 0;
            series += std::max(rowSeries, 0);
            images += std::max(rowImages, 0);
        }
        status = shown == 1 ? tr("1 study") : tr("%1 studies").arg(shown);
        if (countsKnown) {
            status += tr(", %1 series, %2 images").arg(series).arg(images);
        }
        status += m_more ? tr(" shown; more match: press More.") : tr(" (all matches).");
    }
    setStatus(status);
    if (firstNewRow < m_model->rowCount()) {
        // Focus on the results: arrows pick a study, Enter retrieves it. A new search selects the top row;
        // More keeps the selection.
        m_resultsView->setFocus();
        if (!m_resultsView->selectionModel()->hasSelection()) {
            const QModelIndex top = m_resultsView->model()->index(0, 0);
            m_resultsView->selectionModel()->setCurrentIndex(
                top, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_resultsView->scrollTo(top);
        }
    }
    updateButtons();
    emit queryFinished(shown, m_more, QString());
}

void PacsQueryDialog::appendStudy(const storage::PacsStudy& study)
{
    QStringList modalities;
    for (const std::string& modality : study.modalities) {
        modalities << qt(modality);
    }
    QList<QStandardItem*> row { readOnlyItem(displayName(study.patientName)), readOnlyItem(qt(study.patientId)),
        readOnlyItem(displayDate(study.studyDate)), readOnlyItem(qt(study.accessionNumber)),
        readOnlyItem(modalities.join(QLatin1Char('/'))), readOnlyItem(qt(study.studyDescription)),
        countItem(study.seriesCount), countItem(study.instanceCount), readOnlyItem(QString()) };
    row[PatientNameColumn]->setData(qt(study.studyInstanceUid), studyUidRole);
    row[PatientNameColumn]->setToolTip(tr("Study Instance UID %1").arg(qt(study.studyInstanceUid)));
    row[SeriesColumn]->setData(study.seriesCount, Qt::UserRole);
    row[ImagesColumn]->setData(study.instanceCount, Qt::UserRole);
    row[SeriesColumn]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    row[ImagesColumn]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_model->appendRow(row);
}

int PacsQueryDialog::rowOfStudy(const QString& studyUid) const
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->item(row, PatientNameColumn)->data(studyUidRole).toString() == studyUid) {
            return row;
        }
    }
    return -1;
}

int PacsQueryDialog::studyCount() const
{
    return m_model->rowCount();
}

QString PacsQueryDialog::statusText() const
{
    return m_statusLabel->text();
}

QString PacsQueryDialog::retrieveState(const QString& studyUid) const
{
    const int row = rowOfStudy(studyUid);
    return row < 0 ? QString() : m_model->item(row, RetrieveColumn)->text();
}

bool PacsQueryDialog::isRetrieving() const
{
    return m_retriever->isRunning();
}

void PacsQueryDialog::setRetrieveCell(
    const QString& studyUid, const QString& text, bool active, qulonglong done, qulonglong expected)
{
    const int row = rowOfStudy(studyUid);
    if (row < 0) {
        return;
    }
    QStandardItem* item = m_model->item(row, RetrieveColumn);
    item->setText(text);
    item->setToolTip(text);
    item->setData(active, RetrieveProgressDelegate::activeRole);
    item->setData(done, RetrieveProgressDelegate::doneRole);
    item->setData(expected, RetrieveProgressDelegate::expectedRole);
}

bool PacsQueryDialog::retrieveSelected()
{
    if (m_retriever->isRunning()) {
        setStatus(tr("A retrieval is running; wait for it or Cancel it first."), true);
        return false;
    }
    QStringList studyUids;
    for (const QModelIndex& index : m_resultsView->selectionModel()->selectedRows(PatientNameColumn)) {
        studyUids << index.data(studyUidRole).toString();
    }
    if (studyUids.isEmpty()) {
        setStatus(tr("Select the studies to retrieve first."), true);
        return false;
    }
    // Table order, not the order of selection.
    std::sort(studyUids.begin(), studyUids.end(),
        [this](const QString& a, const QString& b) { return rowOfStudy(a) < rowOfStudy(b); });
    for (const QString& studyUid : studyUids) {
        setRetrieveCell(studyUid, tr("queued"), false, 0, 0);
    }
    m_studiesComplete = 0;
    m_studiesIncomplete = 0;
    if (!m_retriever->start(m_projectPath, m_queriedConnection, studyUids)) {
        return false;
    }
    setStatus(studyUids.size() == 1
            ? tr("Retrieving 1 study from %1…").arg(qt(m_queriedConnection.name))
            : tr("Retrieving %1 studies from %2…").arg(studyUids.size()).arg(qt(m_queriedConnection.name)));
    updateButtons();
    return true;
}

void PacsQueryDialog::cancel()
{
    if (m_query.isRunning()) {
        m_queryCancel = true;
    }
    if (m_retriever->isRunning()) {
        m_retriever->cancel();
        setStatus(tr("Cancelling: stopping the transfer…"));
    }
}

void PacsQueryDialog::cancelAndWait()
{
    m_queryCancel = true;
    m_query.waitForFinished();
    m_retriever->cancelAndWait();
    updateButtons();
}

void PacsQueryDialog::updateButtons()
{
    const bool querying = m_query.isRunning();
    const bool retrieving = m_retriever->isRunning();
    const bool hasConnection = m_connectionBox->currentIndex() >= 0;
    m_searchButton->setEnabled(hasConnection && !querying);
    m_connectionBox->setEnabled(!m_connections.empty() && !retrieving);
    m_moreButton->setEnabled(m_more && !querying);
    m_moreButton->setText(m_more ? tr("M&ore (next %1)").arg(m_pageSize) : tr("M&ore"));
    m_retrieveButton->setEnabled(!retrieving && m_resultsView->selectionModel()->hasSelection());
    m_cancelButton->setEnabled(querying || retrieving);
}

void PacsQueryDialog::setStatus(const QString& text, bool error)
{
    m_statusLabel->setText(text);
    m_statusLabel->setStyleSheet(error ? QStringLiteral("QLabel { color: #ff8a80; }") : QString());
}

bool PacsQueryDialog::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_resultsView && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && key->modifiers() == Qt::NoModifier) {
            retrieveSelected();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace radmark::app
