#pragma once

#include "radmark/storage/importing/Importer.h"

#include <QFuture>
#include <QObject>
#include <QStringList>

#include <atomic>

class QProgressDialog;
class QWidget;

namespace radmark::app {

// Runs an import on a worker thread with its own connection to the project file, showing a
// progress dialog with files/s and a Cancel button. Cancel keeps every committed batch.
class ImportController : public QObject {
    Q_OBJECT
public:
    explicit ImportController(QWidget* dialogParent);
    // Cancels a running import and waits for its current batch to commit.
    ~ImportController() override;

    // Starts importing; `finished` follows. Returns false when an import is already running.
    bool start(const QString& projectPath, const QStringList& paths);
    bool isRunning() const { return m_running; }
    void cancel() { m_cancelRequested = true; }
    // Cancels a running import and waits until its threads have stopped (within a second: reads
    // inside large files stop too) and its project connection is closed; `finished` is not emitted.
    void cancelAndWait();
    // Before the main window closes: true when no import runs, or when it was stopped (asking first
    // when `askUser`: "Stop the import and quit?"); false when the user keeps the import going.
    bool stopBeforeClose(bool askUser);
    // "Import cancelled: N files committed…", for the status bar and the message after a cancel.
    static QString cancelledMessage(const storage::ImportSummary& summary);
    // "4 min 05 s left" (from ImportProgress::secondsLeft; "time left not known yet" when negative).
    static QString timeLeftText(double secondsLeft);

signals:
    void finished(const storage::ImportSummary& summary, const QString& errorMessage);

private:
    void showProgress(const storage::ImportProgress& progress);

    QWidget* m_dialogParent = nullptr;
    QProgressDialog* m_dialog = nullptr;
    std::atomic<bool> m_cancelRequested { false };
    bool m_running = false;
    int m_generation = 0; // counts imports: a finished report of an abandoned one is dropped
    QFuture<void> m_worker;
};

} // namespace radmark::app

Q_DECLARE_METATYPE(radmark::storage::ImportProgress)
Q_DECLARE_METATYPE(radmark::storage::ImportSummary)
