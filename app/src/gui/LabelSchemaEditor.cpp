#include "gui/LabelSchemaEditor.h"

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
    m_error = new QLabel(this);
    m_error->setObjectName("schemaError");
    m_error->setWordWrap(true);
    m_error->setStyleSheet("QLabel { color: #ff8a80; }");
    m_error->hide();
    auto* hint = new QLabel(tr("Saving stores a new revision of the project's schema (the earlier ones stay). "
                               "Run the labeller again (Labels ▸ Run Labeller…) to re-compute the proposals."),
                            this);
    hint->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &LabelSchemaEditor::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
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
        m_error->setText(QString::fromStdString(error.what()));
        m_error->show();
        const QTextBlock block = m_text->document()->findBlockByNumber(std::max(0, error.line() - 1));
        if (block.isValid()) {
            QTextCursor cursor(block);
            m_text->setTextCursor(cursor);
            m_text->centerCursor();
        }
        m_text->setFocus();
        return;
    } catch (const std::exception& error) {
        m_error->setText(QString::fromStdString(error.what()));
        m_error->show();
        return;
    }
    QDialog::accept();
}

}  // namespace radmark::app
