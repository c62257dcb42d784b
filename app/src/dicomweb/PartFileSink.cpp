#include "dicomweb/PartFileSink.h"

#include "dicomweb/DicomWebError.h"

#include <QCoreApplication>
#include <QDir>

#include <atomic>

namespace radmark::app::dicomweb {

PartFileSink::PartFileSink(QString folder, std::function<void(const QString&)> onComplete)
    : m_folder(std::move(folder))
    , m_onComplete(std::move(onComplete))
{
}

PartFileSink::~PartFileSink()
{
    discardOpenPart();
}

void PartFileSink::discardOpenPart()
{
    if (m_file) {
        m_file->close();
        m_file->remove();
        m_file.reset();
    }
}

void PartFileSink::beginPart(const PartHeaders&)
{
    static std::atomic<unsigned> partsOfThisProcess { 0 };
    discardOpenPart();
    ++m_partNumber;
    const QString path = QDir(m_folder).filePath(
        QStringLiteral(".incoming-%1-%2.part").arg(QCoreApplication::applicationPid()).arg(++partsOfThisProcess));
    m_file = std::make_unique<QFile>(path);
    if (!m_file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        const QString reason = m_file->errorString();
        m_file.reset();
        throw DicomWebError(DicomWebError::Kind::LocalFile,
            (path + QStringLiteral(": cannot write a received instance (") + reason + QLatin1Char(')')).toStdString());
    }
}

void PartFileSink::partData(const char* data, qsizetype size)
{
    if (!m_file) {
        return;
    }
    if (m_file->write(data, size) != size) {
        const QString message = m_file->fileName() + QStringLiteral(": cannot write a received instance (")
            + m_file->errorString() + QLatin1Char(')');
        discardOpenPart();
        throw DicomWebError(DicomWebError::Kind::LocalFile, message.toStdString());
    }
    m_bytesWritten += size;
}

void PartFileSink::endPart()
{
    if (!m_file) {
        return;
    }
    const QString path = m_file->fileName();
    const bool flushed = m_file->flush();
    m_file->close();
    if (!flushed || m_file->error() != QFileDevice::NoError) {
        const QString message
            = path + QStringLiteral(": cannot write a received instance (") + m_file->errorString() + QLatin1Char(')');
        discardOpenPart();
        throw DicomWebError(DicomWebError::Kind::LocalFile, message.toStdString());
    }
    m_file.reset();
    m_onComplete(path);
}

} // namespace radmark::app::dicomweb
