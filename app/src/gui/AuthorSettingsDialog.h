#pragma once

#include "radmark/annotation/LesionMark.h"

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace radmark::app {

// Who is labelling: name and role, stamped on every mark and history line. Kept per operating-system
// user in QSettings; the default is the operating-system user name as a radiologist.
class AuthorSettingsDialog : public QDialog {
    Q_OBJECT
public:
    AuthorSettingsDialog(const annotation::Author& current, QWidget* parent);
    annotation::Author author() const;

    static annotation::Author loadAuthor();
    static void saveAuthor(const annotation::Author& author);

private:
    QLineEdit* m_name = nullptr;
    QComboBox* m_role = nullptr;
};

} // namespace radmark::app
