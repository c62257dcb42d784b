#include "gui/DialogWidgets.h"

#include <QDialog>
#include <QLabel>

namespace radmark::app {

QLabel* makeDialogErrorLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet("QLabel { color: #ff8a80; }");
    label->hide();
    return label;
}

void showDialogError(QLabel* label, const std::string& reason)
{
    label->setText(QString::fromStdString(reason));
    label->show();
}

QLabel* makeWrappedLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

QDialogButtonBox* makeDialogButtons(QDialogButtonBox::StandardButtons buttons, QDialog* dialog)
{
    auto* box = new QDialogButtonBox(buttons, dialog);
    QObject::connect(box, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(box, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return box;
}

} // namespace radmark::app
