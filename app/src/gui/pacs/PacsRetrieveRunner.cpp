#include "gui/pacs/PacsRetrieveRunner.h"

#include "pacs/PacsClientFactory.h"

#include "radmark/storage/pacs/PacsRetrieve.h"
#include "radmark/storage/project/ProjectStore.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace radmark::app {

namespace {

QString outcomeMessage(const storage::PacsRetrieveOutcome& outcome)
{
    const storage::PacsStudyProgress& progress = outcome.progress;
    if (outcome.cancelled) {
        return QObject::tr("cancelled: %1 of %2 images here (retrieve again to resume)")
            .arg(progress.done())
            .arg(progress.expected);
    }
    if (!outcome.missingSopInstanceUids.empty()) {
        return QObject::tr("incomplete: %1 of %2 images missing")
            .arg(outcome.missingSopInstanceUids.size())
            .arg(progress.expected);
    }
    if (progress.received == 0) {
        return QObject::tr("done: all %1 images were already here").arg(progress.expected);
    }
    return QObject::tr("done: %1 images").arg(progress.expected);
}

} // namespace

PacsRetrieveRunner::PacsRetrieveRunner(QObject* parent)
    : QObject(parent)
{
}

PacsRetrieveRunner::~PacsRetrieveRunner()
{
    m_cancelRequested = true;
    m_worker.waitForFinished();
}

bool PacsRetrieveRunner::start(
    const QString& projectPath, const storage::PacsConnection& connection, const QStringList& studyUids)
{
    if (m_running) {
        return false;
    }
    m_running = true;
    m_cancelRequested = false;
    const int generation = ++m_generation;
    QPointer<PacsRetrieveRunner> self(this);
    const std::string project = projectPath.toStdString();
    m_worker = QtConcurrent::run([self, project, connection, studyUids, generation, cancel = &m_cancelRequested] {
        const auto post = [self, generation](auto function) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, generation, function] {
                    if (self && self->m_generation == generation && self->m_running) {
                        function(*self);
                    }
                },
                Qt::QueuedConnection);
        };
        std::unique_ptr<storage::ProjectStore> store;
        std::unique_ptr<storage::PacsClient> client;
        QString setupError;
        try {
            store = storage::ProjectStore::open(project, storage::ProjectStore::OpenMode::ReadWrite);
            client = makePacsClient(connection);
        } catch (const std::exception& error) {
            setupError = QString::fromStdString(error.what());
        }
        for (const QString& studyUid : studyUids) {
            if (!setupError.isEmpty()) {
                post([studyUid, setupError](PacsRetrieveRunner& runner) {
                    emit runner.studyFinished(studyUid, false, tr("failed: %1").arg(setupError));
                });
                continue;
            }
            if (cancel->load()) {
                post([studyUid](PacsRetrieveRunner& runner) {
                    emit runner.studyFinished(studyUid, false, tr("not started (cancelled)"));
                });
                continue;
            }
            post([studyUid](PacsRetrieveRunner& runner) { emit runner.studyStarted(studyUid); });
            storage::PacsRetrieveRequest request;
            request.studyInstanceUid = studyUid.toStdString();
            storage::PacsRetrieveOptions options;
            options.cancel = cancel;
            options.onProgress = [&post, studyUid](const storage::PacsStudyProgress& progress) {
                const qulonglong done = progress.done();
                const qulonglong expected = progress.expected;
                const qulonglong imported = progress.imported;
                post([studyUid, done, expected, imported](PacsRetrieveRunner& runner) {
                    emit runner.studyProgress(studyUid, done, expected, imported);
                });
            };
            bool complete = false;
            QString message;
            try {
                const storage::PacsRetrieveOutcome outcome
                    = storage::retrieveIntoProject(*store, *client, request, options);
                complete = outcome.complete();
                message = outcomeMessage(outcome);
            } catch (const storage::PacsError& error) {
                message = error.kind() == storage::PacsError::Kind::Cancelled
                    ? tr("cancelled (retrieve again to resume)")
                    : tr("failed: %1").arg(QString::fromStdString(error.what()));
            } catch (const std::exception& error) {
                message = tr("failed: %1").arg(QString::fromStdString(error.what()));
            }
            post([studyUid, complete, message](
                     PacsRetrieveRunner& runner) { emit runner.studyFinished(studyUid, complete, message); });
        }
        client.reset();
        store.reset();
        const bool cancelled = cancel->load();
        post([cancelled](PacsRetrieveRunner& runner) {
            runner.m_running = false;
            emit runner.finished(cancelled);
        });
    });
    return true;
}

void PacsRetrieveRunner::cancelAndWait()
{
    if (!m_running) {
        return;
    }
    m_cancelRequested = true;
    m_worker.waitForFinished();
    m_running = false;
}

} // namespace radmark::app
