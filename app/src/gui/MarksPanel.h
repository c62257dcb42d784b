#pragma once

#include "radmark/annotation/LesionTypeList.h"

#include <QSet>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace radmark::annotation {
class AnnotationDocument;
}

namespace radmark::app {

// The lesion marks of the open study: lesion type, shape, slice, long/short axis (or length) in mm
// and author. Clicking a row asks to show that mark (markActivated).
class MarksPanel : public QWidget {
    Q_OBJECT
public:
    explicit MarksPanel(QWidget* parent = nullptr);

    // Which document and which series (those of the open study) to list; refresh() re-reads them.
    void setSource(const annotation::AnnotationDocument* document, const QSet<QString>& seriesUids,
        const annotation::LesionTypeList& lesionTypes);
    void refresh();
    void setLesionTypes(const annotation::LesionTypeList& lesionTypes);
    void setSelectedMarkId(const QString& markId);
    int rowCount() const;

signals:
    void markActivated(const QString& markId, const QString& seriesUid, int sliceIndex);

private:
    const annotation::AnnotationDocument* m_document = nullptr;
    QSet<QString> m_seriesUids;
    annotation::LesionTypeList m_lesionTypes;
    QTableWidget* m_table = nullptr;
    QLabel* m_summary = nullptr;
    bool m_filling = false;
};

} // namespace radmark::app
