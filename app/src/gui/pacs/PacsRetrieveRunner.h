#pragma once

#include "radmark/storage/pacs/PacsConnection.h"

#include <QFuture>
#include <QObject>
#include <QStringList>

#include <atomic>

namespace radmark::app {

// Retrieves studies from a PACS into the project on a worker thread, one after the other: its own project
// connection and PACS client, storage::retrieveIntoProject per study (only missing instances fetched, files
// imported as they arrive). Reports each study's progress and outcome through queued signals; cancel()
// stops the transfer within a second, keeping what arrived completely (a later retrieve resumes).
class PacsRetrieveRunner : public QObject {
    Q_OBJECT
public:
    explicit PacsRetrieveRunner(QObject* parent = nullptr);
    // Cancels and waits for the worker (within a second).
    ~PacsRetrieveRunner() override;

    // False when a retrieval is already running.
    bool start(const QString& projectPath, const storage::PacsConnection& connection, const QStringList& studyUids);
    bool isRunning() const { return m_running; }
    void cancel() { m_cancelRequested = true; }
    // Cancels and waits until the worker has stopped and closed its project connection; `finished` is
    // not emitted afterwards.
    void cancelAndWait();

signals:
    void studyStarted(const QString& studyUid);
    // Instances in the cache out of the ones the archive lists; `imported` of them are in the project.
    void studyProgress(const QString& studyUid, qulonglong done, qulonglong expected, qulonglong imported);
    // `complete` when every listed instance is in the project; `message` says what happened in words.
    void studyFinished(const QString& studyUid, bool complete, const QString& message);
    void finished(bool cancelled);

private:
    std::atomic<bool> m_cancelRequested { false };
    bool m_running = false;
    int m_generation = 0;
    QFuture<void> m_worker;
};

} // namespace radmark::app
