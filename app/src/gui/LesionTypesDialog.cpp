#include "gui/LesionTypesDialog.h"

#include "radmark/annotation/LesionMark.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace radmark::app {

LesionTypesDialog::LesionTypesDialog(
    const annotation::LesionTypeList& types, const std::vector<int>& codesInUse, QWidget* parent)
    : QDialog(parent)
    , m_types(types)
    , m_codesInUse(codesInUse)
{
    setWindowTitle(tr("Lesion types"));
    setObjectName("lesionTypesDialog");
    resize(420, 420);
    m_table = new QTableWidget(0, 2, this);
    m_table->setHorizontalHeaderLabels({ tr("Code"), tr("Name") });
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_message = new QLabel(tr("Codes are written into marks and exports, so they stay fixed; names can be edited "
                              "(double-click)."),
        this);
    m_message->setWordWrap(true);
    auto* add = new QPushButton(tr("Add…"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(add, &QPushButton::clicked, this, &LesionTypesDialog::addType);
    connect(remove, &QPushButton::clicked, this, &LesionTypesDialog::removeSelected);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::cellChanged, this, [this](int row, int) { renameRow(row); });

    auto* row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(remove);
    row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    layout->addLayout(row);
    layout->addWidget(buttons);
    fillTable();
}

void LesionTypesDialog::fillTable()
{
    m_filling = true;
    m_table->setRowCount(0);
    for (const auto& type : m_types.types()) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto* code = new QTableWidgetItem(QString::number(type.code));
        code->setFlags(code->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(row, 0, code);
        auto* name = new QTableWidgetItem(QString::fromStdString(type.name));
        if (type.code == annotation::kUnknownLesionType) {
            name->setFlags(name->flags() & ~Qt::ItemIsEditable);
        }
        m_table->setItem(row, 1, name);
    }
    m_filling = false;
}

void LesionTypesDialog::renameRow(int row)
{
    if (m_filling) {
        return;
    }
    const int code = m_table->item(row, 0)->text().toInt();
    const QString name = m_table->item(row, 1)->text().trimmed();
    if (!m_types.rename(code, name.toStdString())) {
        m_message->setText(tr("\"%1\" is empty or already used; the name was not changed.").arg(name));
    }
    fillTable();
}

void LesionTypesDialog::addType()
{
    bool accepted = false;
    const QString name
        = QInputDialog::getText(this, tr("New lesion type"), tr("Name:"), QLineEdit::Normal, QString(), &accepted)
              .trimmed();
    if (!accepted || name.isEmpty()) {
        return;
    }
    int code = 1;
    for (const auto& type : m_types.types()) {
        code = std::max(code, type.code + 1);
    }
    if (!m_types.add(code, name.toStdString())) {
        m_message->setText(tr("\"%1\" is already a lesion type.").arg(name));
    }
    fillTable();
}

void LesionTypesDialog::removeSelected()
{
    const int row = m_table->currentRow();
    if (row < 0) {
        return;
    }
    const int code = m_table->item(row, 0)->text().toInt();
    if (std::find(m_codesInUse.begin(), m_codesInUse.end(), code) != m_codesInUse.end()) {
        m_message->setText(
            tr("Type %1 is used by marks of this project and cannot be removed; rename it instead.").arg(code));
        return;
    }
    if (!m_types.remove(code)) {
        m_message->setText(tr("The unknown type cannot be removed."));
    }
    fillTable();
}

} // namespace radmark::app
