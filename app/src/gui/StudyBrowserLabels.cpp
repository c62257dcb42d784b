#include "gui/StudyBrowserLabels.h"

#include <QCoreApplication>
#include <QStringList>

namespace radmark::app {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("StudyBrowserPanel", text);
}

// "Doe^Jane^^^" -> "Doe Jane".
QString readableName(const std::string& dicomName)
{
    return QString::fromStdString(dicomName).replace('^', ' ').simplified();
}

QString sexText(const std::string& dicomSex)
{
    const QString sex = QString::fromStdString(dicomSex).trimmed();
    if (sex == "F") {
        return tr("F");
    }
    if (sex == "M") {
        return tr("M");
    }
    if (sex == "O") {
        return tr("other sex");
    }
    return sex;
}

} // namespace

QString displayDicomDate(const std::string& dicomDate)
{
    if (dicomDate.size() == 8) {
        return QString::fromStdString(
            dicomDate.substr(0, 4) + "-" + dicomDate.substr(4, 2) + "-" + dicomDate.substr(6, 2));
    }
    return QString::fromStdString(dicomDate).trimmed();
}

QString patientLabel(const storage::PatientSummary& patient)
{
    const QString name = readableName(patient.patientName);
    const QString id = QString::fromStdString(patient.patientId).trimmed();
    QString label;
    if (!name.isEmpty() && !id.isEmpty()) {
        label = name + "  (" + id + ")";
    } else if (!name.isEmpty()) {
        label = name + "  " + tr("(no ID)");
    } else if (!id.isEmpty()) {
        label = id + "  " + tr("(no name)");
    } else {
        label = tr("(no name, no ID)");
    }
    QStringList details;
    if (const QString sex = sexText(patient.patientSex); !sex.isEmpty()) {
        details << sex;
    }
    if (const QString birth = displayDicomDate(patient.patientBirthDate); !birth.isEmpty()) {
        details << tr("born %1").arg(birth);
    }
    return details.isEmpty() ? label : label + QString::fromUtf8("  · ") + details.join(QString::fromUtf8(" · "));
}

QString patientToolTip(const storage::PatientSummary& patient)
{
    const auto orUnknown = [](const QString& value) { return value.isEmpty() ? tr("not given") : value; };
    return tr("Patient name: %1\nPatient ID: %2\nSex: %3\nBirth date: %4\n%5")
        .arg(orUnknown(readableName(patient.patientName)))
        .arg(orUnknown(QString::fromStdString(patient.patientId).trimmed()))
        .arg(orUnknown(sexText(patient.patientSex)))
        .arg(orUnknown(displayDicomDate(patient.patientBirthDate)))
        .arg(patient.studyCount == 1 ? tr("1 study") : tr("%1 studies").arg(patient.studyCount));
}

} // namespace radmark::app
