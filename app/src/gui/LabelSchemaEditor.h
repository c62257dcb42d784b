#pragma once

#include <QDialog>

#include <string>

class QLabel;
class QPlainTextEdit;

namespace radmark::app {

// Labels ▸ Edit Label Schema…: the project's schema as JSON text. Saving checks it (an error names the
// line and the reason and puts the cursor there) and stores it as the project's next schema revision.
class LabelSchemaEditor : public QDialog {
    Q_OBJECT
public:
    LabelSchemaEditor(const std::string& jsonText, const QString& title, QWidget* parent);

    QPlainTextEdit* editor() const { return m_text; }
    // The checked text after accept().
    std::string jsonText() const;
    void accept() override;

private:
    QPlainTextEdit* m_text = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace radmark::app
