#include "gui/ImportController.h"
#include "gui/PeopleText.h"

#include "radmark/storage/project/ProjectStore.h"

#include <QMessageBox>
#include <QMetaObject>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

namespace radmark::app {

ImportController::ImportController(QWidget* dialogParent)
    : QObject(dialogParent)
    , m_dialogParent(dialogParent)
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
    const int generation = ++m_generation;

    // Shown at once (a large folder takes seconds to enumerate): scanning, then files read.
    m_dialog = new QProgressDialog(tr("Scanning folders…"), tr("Cancel"), 0, 0, m_dialogParent);
    m_dialog->setWindowTitle(tr("Importing"));
    m_dialog->setObjectName("importProgressDialog");
    m_dialog->setMinimumDuration(0);
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    m_dialog->setMinimumWidth(420);
    connect(m_dialog, &QProgressDialog::canceled, this, [this] {
        m_cancelRequested = true;
        m_dialog->setLabelText(tr("Cancelling: finishing the current batch…"));
    });
    m_dialog->show();

    std::vector<std::string> pathList;
    for (const QString& path : paths) {
        pathList.push_back(path.toStdString());
    }
    QPointer<ImportController> self(this);
    const std::string project = projectPath.toStdString();
    m_worker = QtConcurrent::run([self, project, pathList, generation, cancel = &m_cancelRequested] {
        storage::ImportSummary summary;
        QString error;
        try {
            const auto store = storage::ProjectStore::open(project, storage::ProjectStore::OpenMode::ReadWrite);
            storage::ImportOptions options;
            options.cancelRequested = cancel;
            options.progressIntervalSeconds = 0.2;
            options.onProgress = [self](const storage::ImportProgress& progress) {
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, progress] {
                        if (self)
                            self->showProgress(progress);
                    },
                    Qt::QueuedConnection);
            };
            summary = storage::importPaths(*store, pathList, options);
        } catch (const std::exception& exception) {
            error = QString::fromStdString(exception.what());
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, summary, error, generation] {
                if (!self || self->m_generation != generation || !self->m_running) {
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

void ImportController::cancelAndWait()
{
    if (!m_running) {
        return;
    }
    m_cancelRequested = true;
    m_worker.waitForFinished();
    m_running = false;
    if (m_dialog != nullptr) {
        m_dialog->close();
        m_dialog->deleteLater();
        m_dialog = nullptr;
    }
}

bool ImportController::stopBeforeClose(bool askUser)
{
    if (!m_running) {
        return true;
    }
    if (askUser) {
        QMessageBox question(QMessageBox::Question, tr("Import running"),
            tr("An import is still running. Stop it and quit?\n\nFiles committed so far stay in "
               "the project; importing the same folder again continues where it stopped."),
            QMessageBox::NoButton, m_dialogParent);
        QPushButton* stop = question.addButton(tr("Stop Import and Quit"), QMessageBox::AcceptRole);
        question.addButton(tr("Keep Importing"), QMessageBox::RejectRole);
        question.setDefaultButton(stop);
        question.exec();
        if (question.clickedButton() != stop) {
            return false;
        }
    }
    cancelAndWait();
    return true;
}

QString ImportController::cancelledMessage(const storage::ImportSummary& summary)
{
    return tr("Import cancelled: %1 new or changed %2 committed to the project (%3 read, %4 "
              "unchanged, %5 skipped). Import the same folders again to continue; committed files are not read "
              "again.")
        .arg(summary.progress.filesImported)
        .arg(summary.progress.filesImported == 1 ? tr("file was") : tr("files were"))
        .arg(countText(static_cast<long long>(summary.progress.filesProcessed), tr("file"), tr("files")))
        .arg(summary.progress.filesUnchanged)
        .arg(summary.progress.filesSkipped);
}

QString ImportController::timeLeftText(double secondsLeft)
{
    if (secondsLeft < 0.0) {
        return tr("time left not known yet");
    }
    const auto total = static_cast<qlonglong>(secondsLeft + 0.5);
    if (total >= 3600) {
        return tr("%1 h %2 min left").arg(total / 3600).arg(total / 60 % 60, 2, 10, QLatin1Char('0'));
    }
    if (total >= 60) {
        return tr("%1 min %2 s left").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
    }
    return tr("%1 s left").arg(total);
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
    if (!progress.scanFinished) {
        m_dialog->setLabelText(tr("Scanning folders… %1 found so far\n%2 read — %3 files/s")
                                   .arg(countText(static_cast<long long>(progress.filesFound), tr("file"), tr("files")))
                                   .arg(progress.filesProcessed)
                                   .arg(static_cast<qlonglong>(progress.filesPerSecond)));
        return;
    }
    m_dialog->setLabelText(tr("%1 of %2 read — %3 files/s — %4\n%5 new or changed, %6 unchanged, %7 skipped")
                               .arg(progress.filesProcessed)
                               .arg(countText(static_cast<long long>(progress.filesFound), tr("file"), tr("files")))
                               .arg(static_cast<qlonglong>(progress.filesPerSecond))
                               .arg(timeLeftText(progress.secondsLeft))
                               .arg(progress.filesImported)
                               .arg(progress.filesUnchanged)
                               .arg(progress.filesSkipped));
}

} // namespace radmark::app
