#include "gui/LabelSchemaEditor.h"

#include "gui/DialogWidgets.h"

#include "radmark/annotation/reports/LabelSchema.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>

namespace radmark::app {

LabelSchemaEditor::LabelSchemaEditor(const std::string& jsonText, const QString& title, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(title);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName("schemaText");
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlainText(QString::fromStdString(jsonText));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_error = makeDialogErrorLabel(this);
    m_error->setObjectName("schemaError");
    auto* hint = makeWrappedLabel(tr("Saving stores a new revision of the project's schema (the earlier ones "
                                     "stay). Run the labeller again (Labels ▸ Run Labeller…) to re-compute the "
                                     "proposals."),
        this);
    auto* buttons = makeDialogButtons(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(820, 700);
}

std::string LabelSchemaEditor::jsonText() const
{
    return m_text->toPlainText().toStdString();
}

void LabelSchemaEditor::accept()
{
    try {
        annotation::parseLabelSchema(jsonText(), "the edited schema");
    } catch (const annotation::LabelSchemaError& error) {
        showDialogError(m_error, error.what());
        const QTextBlock block = m_text->document()->findBlockByNumber(std::max(0, error.line() - 1));
        if (block.isValid()) {
            QTextCursor cursor(block);
            m_text->setTextCursor(cursor);
            m_text->centerCursor();
        }
        m_text->setFocus();
        return;
    } catch (const std::exception& error) {
        showDialogError(m_error, error.what());
        return;
    }
    QDialog::accept();
}

} // namespace radmark::app
