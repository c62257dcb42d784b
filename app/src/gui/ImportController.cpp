#include "gui/ImportController.h"

#include "radmark/storage/ProjectStore.h"

#include <QMetaObject>
#include <QPointer>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

namespace radmark::app {

ImportController::ImportController(QWidget* dialogParent) : QObject(dialogParent), m_dialogParent(dialogParent)
{
}

ImportController::~ImportController()
{
    m_cancelRequested = true;
    m_worker.waitForFinished();
}

bool ImportController::start(const QString& projectPath, const QStringList& paths)
{
    if (m_running) {
        return false;
    }
    m_running = true;
    m_cancelRequested = false;

    m_dialog = new QProgressDialog(tr("Scanning…"), tr("Cancel"), 0, 0, m_dialogParent);
    m_dialog->setWindowTitle(tr("Importing"));
    m_dialog->setObjectName("importProgressDialog");
    m_dialog->setMinimumDuration(300);
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    m_dialog->setMinimumWidth(420);
    connect(m_dialog, &QProgressDialog::canceled, this, [this] {
        m_cancelRequested = true;
        m_dialog->setLabelText(tr("Cancelling: finishing the current batch…"));
    });

    std::vector<std::string> pathList;
    for (const QString& path : paths) {
        pathList.push_back(path.toStdString());
    }
    QPointer<ImportController> self(this);
    const std::string project = projectPath.toStdString();
    m_worker = QtConcurrent::run([self, project, pathList, cancel = &m_cancelRequested] {
        storage::ImportSummary summary;
        QString error;
        try {
            const auto store = storage::ProjectStore::open(project, storage::ProjectStore::OpenMode::ReadWrite);
            storage::ImportOptions options;
            options.cancelRequested = cancel;
            options.progressIntervalSeconds = 0.2;
            options.onProgress = [self](const storage::ImportProgress& progress) {
                QMetaObject::invokeMethod(
                    self.data(), [self, progress] { if (self) self->showProgress(progress); }, Qt::QueuedConnection);
            };
            summary = storage::importPaths(*store, pathList, options);
        } catch (const std::exception& exception) {
            error = QString::fromStdString(exception.what());
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, summary, error] {
                if (!self) {
                    return;
                }
                self->m_running = false;
                self->m_dialog->close();
                self->m_dialog->deleteLater();
                self->m_dialog = nullptr;
                emit self->finished(summary, error);
            },
            Qt::QueuedConnection);
    });
    return true;
}

void ImportController::showProgress(const storage::ImportProgress& progress)
{
    if (m_dialog == nullptr || m_cancelRequested) {
        return;
    }
    if (progress.scanFinished && progress.filesFound > 0) {
        m_dialog->setMaximum(static_cast<int>(progress.filesFound));
        m_dialog->setValue(static_cast<int>(progress.filesProcessed));
    }
    m_dialog->setLabelText(tr("%1 of %2 files read — %3 files/s\n%4 new or changed, %5 unchanged, %6 skipped")
                               .arg(progress.filesProcessed)
                               .arg(progress.filesFound)
                               .arg(static_cast<qlonglong>(progress.filesPerSecond))
                               .arg(progress.filesImported)
                               .arg(progress.filesUnchanged)
                               .arg(progress.filesSkipped));
}

}  // namespace radmark::app
