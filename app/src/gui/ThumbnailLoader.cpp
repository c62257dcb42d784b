#include "gui/ThumbnailLoader.h"

#include "gui/VolumeImageConversion.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/project/ProjectStore.h"

#include <QMetaObject>
#include <QPixmap>
#include <QPointer>
#include <QThreadPool>

namespace radmark::app {

namespace {

constexpr int thumbnailSizePx = 64;

QThreadPool& thumbnailPool()
{
    static QThreadPool* pool = [] {
        auto* created = new QThreadPool;
        created->setMaxThreadCount(1);
        return created;
    }();
    return *pool;
}

} // namespace

ThumbnailLoader::ThumbnailLoader(QObject* parent)
    : QObject(parent)
    , m_generation(std::make_shared<std::atomic<int>>(0))
{
}

ThumbnailLoader::~ThumbnailLoader()
{
    ++*m_generation;
    thumbnailPool().waitForDone();
}

void ThumbnailLoader::reset()
{
    ++*m_generation;
    m_cache.clear();
}

void ThumbnailLoader::request(const storage::ProjectStore& project, const QStringList& seriesUids)
{
    // Requests add up (the browser asks for each study's series as it is expanded); reset() cancels them.
    const int generation = m_generation->load();
    std::vector<Job> jobs;
    for (const QString& uid : seriesUids) {
        if (const auto cached = m_cache.find(uid); cached != m_cache.end()) {
            emit thumbnailReady(uid, cached.value());
            continue;
        }
        const auto files = project.seriesFiles(uid.toStdString());
        if (!files.empty()) {
            jobs.push_back({ uid, files[files.size() / 2].filePath });
        }
    }
    if (!jobs.empty()) {
        thumbnailPool().start(
            [this, jobs = std::move(jobs), generation]() mutable { runJobs(std::move(jobs), generation); });
    }
}

void ThumbnailLoader::runJobs(std::vector<Job> jobs, int generation)
{
    const auto generationCounter = m_generation;
    QPointer<ThumbnailLoader> self(this);
    for (const Job& job : jobs) {
        if (generationCounter->load() != generation) {
            return;
        }
        QImage image;
        try {
            const storage::LoadedSeries loaded = storage::loadSeriesFiles({ job.middleFilePath });
            const auto& volume = *loaded.volume;
            image = sliceToImage(volume, volume.geometry().slices / 2, volume.defaultWindow(), thumbnailSizePx);
        } catch (const std::exception&) {
            continue; // no thumbnail; opening the series reports the reason
        }
        QMetaObject::invokeMethod(
            this,
            [self, uid = job.seriesUid, image, generation, generationCounter] {
                if (self && generationCounter->load() == generation) {
                    const QIcon icon(QPixmap::fromImage(image));
                    self->m_cache.insert(uid, icon);
                    emit self->thumbnailReady(uid, icon);
                }
            },
            Qt::QueuedConnection);
    }
}

} // namespace radmark::app
