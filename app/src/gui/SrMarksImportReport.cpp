#include "gui/SrMarksImportReport.h"
#include "gui/PeopleText.h"

#include <QMessageBox>
#include <QStringList>

namespace radmark::app {

QString srMarksSummary(const storage::ImportSummary& summary)
{
    if (summary.marksImported == 0 && summary.marksAlreadyPresent == 0 && summary.measurementsNotImported.empty()) {
        return {};
    }
    return QObject::tr(" Marks from DICOM SR: %1 imported, %2 already present, %3 not mapped.")
        .arg(summary.marksImported)
        .arg(summary.marksAlreadyPresent)
        .arg(summary.measurementsNotImported.size());
}

void showSrMarksNotMapped(const storage::ImportSummary& summary, QWidget* parent)
{
    if (summary.measurementsNotImported.empty()) {
        return;
    }
    QStringList lines;
    for (const std::string& line : summary.measurementsNotImported) {
        lines << QString::fromStdString(line);
    }
    QMessageBox box(QMessageBox::Information, QObject::tr("DICOM SR measurements"),
        QObject::tr("%1 restored from DICOM SR documents; %2 not be mapped to RadMark marks "
                    "(see details).")
            .arg(countText(summary.marksImported, QObject::tr("mark was"), QObject::tr("marks were")))
            .arg(countText(static_cast<long long>(summary.measurementsNotImported.size()),
                QObject::tr("measurement could"), QObject::tr("measurements could"))),
        QMessageBox::Ok, parent);
    box.setDetailedText(lines.join('\n'));
    box.exec();
}

} // namespace radmark::app
