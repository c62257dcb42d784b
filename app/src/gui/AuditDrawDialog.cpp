#include "gui/AuditDrawDialog.h"

#include "gui/DialogWidgets.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace radmark::app {

AuditDrawDialog::AuditDrawDialog(
    std::size_t eligibleStudies, std::size_t auditedStudies, DrawFunction draw, QWidget* parent)
    : QDialog(parent)
    , m_draw(std::move(draw))
{
    setWindowTitle(tr("Draw Audit Sample"));
    setObjectName("auditDrawDialog");
    const int maximum = static_cast<int>(std::min<std::size_t>(eligibleStudies, std::numeric_limits<int>::max()));
    auto* explanation = makeWrappedLabel(
        tr("RadMark draws studies at random from the %1 studies that have proposals and no human decision yet "
           "(stratified by the proposed values, so each is represented in its share). Review them in audit mode: "
           "Enter confirms what is right, the label keys correct what is wrong. Only these decisions count for the "
           "measured precision, recall and kappa of each label.%2")
            .arg(eligibleStudies)
            .arg(auditedStudies > 0 ? tr(" %1 studies of earlier samples are reviewed already; a new sample adds to "
                                         "them.")
                                          .arg(auditedStudies)
                                    : QString()),
        this);
    m_size = new QSpinBox(this);
    m_size->setObjectName("auditSize");
    m_size->setRange(maximum > 0 ? 1 : 0, std::max(maximum, 0));
    m_size->setValue(std::min(maximum, 100));
    m_size->setSuffix(tr(" studies"));
    m_seed = new QLineEdit(QString::number(QRandomGenerator::global()->generate64()), this);
    m_seed->setObjectName("auditSeed");
    m_seed->setToolTip(tr("The same seed on the same studies draws the same sample"));
    m_error = makeDialogErrorLabel(this);
    auto* form = new QFormLayout;
    form->addRow(tr("Sample size"), m_size);
    form->addRow(tr("Seed"), m_seed);
    auto* buttons = makeDialogButtons(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Draw and Start Audit"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(maximum > 0);
    if (maximum == 0) {
        showDialogError(m_error,
            tr("No study can be drawn: every study with proposals has a human decision or is in "
               "a sample already (or nothing is labelled: Labels ▸ Run Labeller…).")
                .toStdString());
    }
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(480, sizeHint().height());
}

void AuditDrawDialog::accept()
{
    bool ok = false;
    const std::uint64_t seed = m_seed->text().trimmed().toULongLong(&ok, 10);
    if (!ok) {
        showDialogError(m_error,
            tr("The seed must be a whole number from 0 to 18446744073709551615, not \"%1\".")
                .arg(m_seed->text())
                .toStdString());
        return;
    }
    if (m_size->value() < 1) {
        return;
    }
    try {
        m_draw(static_cast<std::size_t>(m_size->value()), seed);
    } catch (const std::exception& error) {
        showDialogError(m_error, error.what());
        return;
    }
    QDialog::accept();
}

} // namespace radmark::app
