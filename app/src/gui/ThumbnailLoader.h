#pragma once

#include <QHash>
#include <QIcon>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace radmark::storage {
class ProjectStore;
}

namespace radmark::app {

// Makes series thumbnails (the middle image, default window) on one background thread so that the
// browser stays responsive; results are cached per series UID for the open project.
class ThumbnailLoader : public QObject {
    Q_OBJECT
public:
    explicit ThumbnailLoader(QObject* parent = nullptr);
    ~ThumbnailLoader() override;

    // Queues the series (files looked up now, decoded later); forgets earlier requests.
    void request(const storage::ProjectStore& project, const QStringList& seriesUids);
    // Drops the cache and pending work (e.g. when another project opens).
    void reset();

signals:
    void thumbnailReady(const QString& seriesUid, const QIcon& thumbnail);

private:
    struct Job {
        QString seriesUid;
        std::string middleFilePath;
    };
    void runJobs(std::vector<Job> jobs, int generation);

    QHash<QString, QIcon> m_cache;
    std::shared_ptr<std::atomic<int>> m_generation;
};

} // namespace radmark::app
