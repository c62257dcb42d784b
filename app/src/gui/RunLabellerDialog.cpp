#include "gui/RunLabellerDialog.h"

#include "gui/DialogWidgets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QLabel>
#include <QVBoxLayout>

namespace radmark::app {

namespace {

enum class Choice { Project, Preset, File };

} // namespace

RunLabellerDialog::RunLabellerDialog(const annotation::LabelSchema* projectSchema, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Run Labeller"));
    m_schema = new QComboBox(this);
    if (projectSchema != nullptr) {
        m_schema->addItem(tr("The project's schema: %1 (version %2)")
                              .arg(QString::fromStdString(projectSchema->name))
                              .arg(projectSchema->version),
            QStringList { QString::number(static_cast<int>(Choice::Project)) });
    }
    for (const std::string& preset : labelSchemaPresetNames()) {
        m_schema->addItem(tr("Preset: %1").arg(QString::fromStdString(preset)),
            QStringList { QString::number(static_cast<int>(Choice::Preset)), QString::fromStdString(preset) });
    }
    m_schema->addItem(tr("Schema file…"), QStringList { QString::number(static_cast<int>(Choice::File)) });
    m_onlyUnlabelled = new QCheckBox(tr("Only studies not labelled with this schema yet"), this);
    m_error = makeDialogErrorLabel(this);
    auto* explanation = makeWrappedLabel(tr("Proposes a value for every label of the schema from each study's "
                                            "report. Human decisions are kept as they are; the schema becomes the "
                                            "project's."),
        this);
    auto* buttons = makeDialogButtons(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(m_schema);
    layout->addWidget(m_onlyUnlabelled);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());
}

bool RunLabellerDialog::onlyUnlabelled() const
{
    return m_onlyUnlabelled->isChecked();
}

void RunLabellerDialog::accept()
{
    const QStringList data = m_schema->currentData().toStringList();
    const auto choice = static_cast<Choice>(data.value(0).toInt());
    m_source.reset();
    try {
        if (choice == Choice::Preset) {
            m_source = readLabelSchemaSource(data.value(1).toStdString());
        } else if (choice == Choice::File) {
            const QString path = QFileDialog::getOpenFileName(
                this, tr("Label Schema"), QString(), tr("Label schemas (*.json);;All files (*)"));
            if (path.isEmpty()) {
                return;
            }
            m_source = readLabelSchemaSource(path.toStdString());
        }
    } catch (const std::exception& error) {
        showDialogError(m_error, error.what());
        return;
    }
    QDialog::accept();
}

} // namespace radmark::app
