#include "gui/KeyboardHelp.h"

#include "radmark/annotation/reports/LabelSchema.h"

#include <algorithm>

#include <QDialog>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QKeySequence>
#include <QObject>
#include <QScreen>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace radmark::app {

namespace {

QString row(const QString& keys, const QString& effect)
{
    return QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(keys, effect);
}

QString heading(const QString& title)
{
    return QStringLiteral("<tr><td colspan=2><br><b>%1</b></td></tr>").arg(title);
}

} // namespace

QString keyboardHelpHtml(const annotation::LabelSchema* schema)
{
    QString html = QStringLiteral("<table>");
    html += row(QObject::tr("Wheel, ↑ ↓"), QObject::tr("previous / next slice"));
    html += row(QObject::tr("Page Up / Down"), QObject::tr("10 slices"));
    html += row(QObject::tr("Home / End"), QObject::tr("first / last slice"));
    html += row(QObject::tr("Right-drag"), QObject::tr("window (horizontal) / level (vertical)"));
    html += row(QObject::tr("Ctrl+wheel"), QObject::tr("zoom about the cursor"));
    html += row(QObject::tr("Middle-drag"), QObject::tr("pan"));
    html += row(QObject::tr("0"), QObject::tr("window from the DICOM header"));
    html += row(QObject::tr("1–7"), QObject::tr("brain, subdural, abdomen, liver, lung, mediastinum, bone"));
    html += row(QObject::tr("F"), QObject::tr("fit to window"));
    html += row(QObject::tr("I"), QObject::tr("hide / show identifying text"));
    html += row(QObject::tr("O"), QObject::tr("hide / show all overlay text"));
    html += row(QObject::tr("Ctrl+1 / 2 / 3"), QObject::tr("slice view / three planes / three planes and 3D"));
    html
        += row(QObject::tr("A / P / L / S, R"), QObject::tr("3D view: look from the front / back / left / top; reset"));
    html += heading(QObject::tr("Lesion marks"));
    html += row(QObject::tr("V / S"), QObject::tr("view only / select and edit marks"));
    html += row(QObject::tr("R"), QObject::tr("RECIST: drag the long axis, then drag once more for the short axis"));
    html += row(QObject::tr("L / B / Shift+B"), QObject::tr("line / 2D box / 3D box (this slice ±2)"));
    html += row(QObject::tr("Delete"), QObject::tr("delete the selected mark"));
    html += row(QObject::tr("Esc"), QObject::tr("cancel the gesture in progress"));
    html += row(
        QObject::tr("Ctrl+Z"), QObject::tr("undo (a drag is one step; marks, labels and saliency verdicts alike)"));
    html += row(QObject::tr("Ctrl+Shift+Z, Ctrl+Y"), QObject::tr("redo"));
    html += heading(QObject::tr("Study labels"));
    html += row(QObject::tr("Ctrl+L"), QObject::tr("put the keyboard in the label table"));
    if (schema != nullptr) {
        for (const annotation::LabelDefinition& label : schema->labels) {
            if (!label.shortcut.empty()) {
                html += row(QKeySequence(QString::fromStdString(label.shortcut)).toString(QKeySequence::NativeText),
                    QObject::tr("cycle “%1” (in the label table)")
                        .arg(QString::fromStdString(label.name).toHtmlEscaped()));
            }
        }
    } else {
        html += row(QObject::tr("a label's key"), QObject::tr("cycle its value (in the label table)"));
    }
    html += row(
        QObject::tr("Enter"), QObject::tr("in the label table: confirm the study, open the next unconfirmed one"));
    html += row(QObject::tr("Alt+Left / Alt+Right"), QObject::tr("previous / next study of the filter"));
    html += heading(QObject::tr("Saliency review"));
    html += row(QObject::tr("P / N / T / X / U"),
        QObject::tr("plausible / implausible / artefact or text / outside the body / unsure"));
    html += row(QObject::tr("Enter"), QObject::tr("save the verdict and open the next map"));
    html += row(QObject::tr("M / H"), QObject::tr("next map of this series / hide or show the overlay"));
    html += heading(QObject::tr("Adjudication (team projects)"));
    html += row(
        QObject::tr("Ctrl+Shift+D"), QObject::tr("show the queue of disagreements, select the first disputed item"));
    html += row(QObject::tr("1 / 2 / N / E"),
        QObject::tr("in the queue: take reader 1's / 2's answer, no lesion, your own label answer"));
    html += row(
        QObject::tr("Enter / Backspace"), QObject::tr("in the queue: next disputed item / reopen a \"no lesion\""));
    html += heading(QObject::tr("Lists and text fields"));
    html += row(QObject::tr("Letters"),
        QObject::tr("while a list, tree or text field has the focus, letters go to it "
                    "(typing in the study tree jumps to a patient); click the image "
                    "to use the keys above"));
    html += QStringLiteral("</table>");
    return html;
}

void showKeyboardHelp(QWidget* parent, const annotation::LabelSchema* schema)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(QObject::tr("Keyboard and mouse"));
    auto* text = new QTextBrowser(&dialog);
    text->setObjectName("keyboardHelpText");
    text->setHtml(keyboardHelpHtml(schema));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    const QScreen* screen = parent != nullptr ? parent->screen() : QGuiApplication::primaryScreen();
    const QSize available = screen != nullptr ? screen->availableSize() : QSize(1280, 720);
    dialog.resize(std::min(640, available.width() - 40), std::min(820, available.height() - 60));
    dialog.exec();
}

} // namespace radmark::app
