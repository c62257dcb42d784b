#pragma once

#include "dicomweb/MultipartRelatedParser.h"

#include <QFile>
#include <QString>

#include <functional>
#include <memory>

namespace radmark::app::dicomweb {

// Writes each part of a WADO-RS response to its own hidden file in `folder` as it streams in
// (".incoming-<pid>-<n>.part"); a complete part is closed and handed to `onComplete` with its path, which
// moves it into place (or deletes it). A part left unfinished (the transfer failed or was cancelled) is
// deleted when the sink is destroyed, so no half-written file is ever imported.
class PartFileSink : public MultipartPartSink {
public:
    PartFileSink(QString folder, std::function<void(const QString& completedPartPath)> onComplete);
    ~PartFileSink() override;

    void beginPart(const PartHeaders& headers) override;
    void partData(const char* data, qsizetype size) override;
    void endPart() override;

    qint64 bytesWritten() const { return m_bytesWritten; }

private:
    void discardOpenPart();

    QString m_folder;
    std::function<void(const QString&)> m_onComplete;
    std::unique_ptr<QFile> m_file;
    int m_partNumber = 0;
    qint64 m_bytesWritten = 0;
};

} // namespace radmark::app::dicomweb
