#include "gui/PeopleText.h"

#include <QRegularExpression>

namespace radmark::app {

QString countText(long long count, const QString& singular, const QString& plural)
{
    return QString::number(count) + ' ' + (count == 1 ? singular : plural);
}

QString readableExplanation(const QString& explanation)
{
    // ReportLabeller's LabelExplanation::describe() writes ", <section> sentence at <begin>-<end>".
    static const QRegularExpression offsets(QStringLiteral(", (\\w+) sentence at \\d+-\\d+"));
    QString text = explanation;
    text.replace(offsets, QStringLiteral(", in the \\1"));
    return text;
}

QString readableExplanation(const std::string& explanation)
{
    return readableExplanation(QString::fromStdString(explanation));
}

} // namespace radmark::app
