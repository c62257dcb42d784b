#include "gui/SkippedFilesDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace radmark::app {

SkippedFilesDialog::SkippedFilesDialog(
    const std::vector<storage::SkippedFile>& skipped, const QString& heading, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Skipped files"));
    setObjectName("skippedFilesDialog");
    resize(900, 420);
    auto* table = new QTableWidget(static_cast<int>(skipped.size()), 2, this);
    table->setHorizontalHeaderLabels({ tr("File"), tr("Reason") });
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setColumnWidth(0, 480);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    QString allText;
    for (int row = 0; row < static_cast<int>(skipped.size()); ++row) {
        const QString path = QString::fromStdString(skipped[static_cast<std::size_t>(row)].filePath);
        const QString reason = QString::fromStdString(skipped[static_cast<std::size_t>(row)].reason);
        table->setItem(row, 0, new QTableWidgetItem(path));
        table->setItem(row, 1, new QTableWidgetItem(reason));
        table->item(row, 0)->setToolTip(path);
        allText += path + "\t" + reason + "\n";
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("Copy list"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [allText] { QApplication::clipboard()->setText(allText); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    auto* label = new QLabel(heading, this);
    label->setWordWrap(true);
    layout->addWidget(label);
    layout->addWidget(table, 1);
    layout->addWidget(buttons);
}

} // namespace radmark::app
