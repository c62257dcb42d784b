#pragma once

#include "radmark/storage/pacs/PacsClient.h"
#include "radmark/storage/pacs/PacsConnection.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace radmark::app {

class PacsRetrieveRunner;

// File > Query PACS…: choose one of the project's PACS connections, enter criteria (patient ID / name,
// accession, study date range, modality, description), Search (Enter) lists matching studies with their
// series and image counts, a page at a time ("More" fetches the next page). Retrieve (Enter in the table)
// fetches the selected studies into the project on a worker thread with a progress bar per study; Cancel
// stops within a second and a later Retrieve resumes. Queries run on a worker too, so the window stays
// responsive; closing the dialog leaves a retrieval running (the main window cancels it when it closes).
class PacsQueryDialog : public QDialog {
    Q_OBJECT
public:
    PacsQueryDialog(QString projectPath, std::vector<storage::PacsConnection> connections, QWidget* parent = nullptr);
    ~PacsQueryDialog() override;

    // Replaces the connections (the project's list changed, or another project was opened); `select` names the
    // connection to choose (else the current one stays).
    void setProject(QString projectPath, std::vector<storage::PacsConnection> connections, const QString& select = {});

    // Runs a new query (as Search / Enter does); false with the reason shown when the fields are wrong.
    bool startQuery();
    // Fetches the next page of the current query (as More does).
    bool fetchMore();
    // Retrieves the selected studies (as Retrieve does).
    bool retrieveSelected();
    // Cancels a running query or retrieval (as Cancel does).
    void cancel();
    // Stops a running query and retrieval and waits for them (within a second): before the window closes.
    void cancelAndWait();

    bool isQuerying() const { return m_query.isRunning(); }
    bool isRetrieving() const;
    int studyCount() const;
    QString statusText() const;
    // The text of a study row's retrieve column.
    QString retrieveState(const QString& studyUid) const;

    // For tests and the screenshot.
    QComboBox* connectionBox() const { return m_connectionBox; }
    QLineEdit* patientIdEdit() const { return m_patientIdEdit; }
    QLineEdit* patientNameEdit() const { return m_patientNameEdit; }
    QLineEdit* accessionEdit() const { return m_accessionEdit; }
    QLineEdit* dateFromEdit() const { return m_dateFromEdit; }
    QLineEdit* dateToEdit() const { return m_dateToEdit; }
    QComboBox* modalityBox() const { return m_modalityBox; }
    QLineEdit* descriptionEdit() const { return m_descriptionEdit; }
    QTableView* resultsView() const { return m_resultsView; }
    QPushButton* searchButton() const { return m_searchButton; }
    QPushButton* addConnectionButton() const { return m_addConnectionButton; }
    QPushButton* moreButton() const { return m_moreButton; }
    QPushButton* retrieveButton() const { return m_retrieveButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }

    // Studies per page (50; tests use fewer).
    int pageSize() const { return m_pageSize; }
    void setPageSize(int studies) { m_pageSize = std::max(1, studies); }

signals:
    // "Add…" beside the connections: the owner asks for a new connection and saves it in the project.
    void addConnectionRequested();
    void queryFinished(int studiesShown, bool more, const QString& error);
    // A study's images went into the project (some or all): the study browser should refresh.
    void studiesImported();
    void retrieveFinished(bool cancelled);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct QueryResult {
        storage::PacsQueryPage page;
        QString error;
        bool cancelled = false;
    };

    bool runQuery(std::size_t offset);
    void showQueryResult();
    void appendStudy(const storage::PacsStudy& study);
    int rowOfStudy(const QString& studyUid) const;
    void setRetrieveCell(
        const QString& studyUid, const QString& text, bool active, qulonglong done, qulonglong expected);
    void updateButtons();
    void setStatus(const QString& text, bool error = false);
    bool readQuery(storage::PacsStudyQuery& query, QString& error) const;

    QString m_projectPath;
    std::vector<storage::PacsConnection> m_connections;
    storage::PacsStudyQuery m_lastQuery;
    storage::PacsConnection m_queriedConnection;
    int m_pageSize = 50;
    bool m_more = false;
    bool m_appendingPage = false;

    std::atomic<bool> m_queryCancel { false };
    QFutureWatcher<QueryResult> m_query;
    PacsRetrieveRunner* m_retriever = nullptr;
    int m_studiesComplete = 0; // of the running / last retrieval
    int m_studiesIncomplete = 0;

    QComboBox* m_connectionBox = nullptr;
    QLineEdit* m_patientIdEdit = nullptr;
    QLineEdit* m_patientNameEdit = nullptr;
    QLineEdit* m_accessionEdit = nullptr;
    QLineEdit* m_dateFromEdit = nullptr;
    QLineEdit* m_dateToEdit = nullptr;
    QComboBox* m_modalityBox = nullptr;
    QLineEdit* m_descriptionEdit = nullptr;
    QStandardItemModel* m_model = nullptr;
    QTableView* m_resultsView = nullptr;
    QLabel* m_statusLabel = nullptr;
    QPushButton* m_searchButton = nullptr;
    QPushButton* m_addConnectionButton = nullptr;
    QPushButton* m_moreButton = nullptr;
    QPushButton* m_retrieveButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPushButton* m_closeButton = nullptr;
};

// "20240131" from "20240131" or "2024-01-31" (empty stays empty); false when it is no valid date.
bool normalizeQueryDate(const QString& text, std::string& yyyymmdd);

} // namespace radmark::app
