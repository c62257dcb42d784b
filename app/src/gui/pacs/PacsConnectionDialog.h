#pragma once

#include "radmark/storage/pacs/PacsConnection.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace radmark::app {

// Adds a PACS connection to the project (as `radmark pacs add` does): a name, then either a DICOMweb root URL
// with optional basic (user + password file) or bearer (token file) authentication, or a DIMSE archive as
// AET@HOST:PORT with RadMark's own AE title and C-MOVE port. OK checks the fields (and that a secret file can be
// read) and says what is wrong in the dialog; secrets are never stored, only their files' paths.
class PacsConnectionDialog : public QDialog {
    Q_OBJECT
public:
    explicit PacsConnectionDialog(QWidget* parent = nullptr);

    // The connection the fields describe; false with the reason when they are wrong.
    bool buildConnection(storage::PacsConnection& connection, QString& error) const;
    const storage::PacsConnection& connection() const { return m_connection; }

    QLineEdit* nameEdit() const { return m_nameEdit; }
    QComboBox* kindBox() const { return m_kindBox; }
    QLineEdit* urlEdit() const { return m_urlEdit; }
    QComboBox* authBox() const { return m_authBox; }
    QLineEdit* userEdit() const { return m_userEdit; }
    QLineEdit* secretFileEdit() const { return m_secretFileEdit; }
    QLineEdit* dimseAddressEdit() const { return m_dimseAddressEdit; }
    QLabel* errorLabel() const { return m_errorLabel; }

public slots:
    void accept() override;

private:
    void updateFields();

    storage::PacsConnection m_connection;
    QLineEdit* m_nameEdit = nullptr;
    QComboBox* m_kindBox = nullptr;
    QStackedWidget* m_kindPages = nullptr;
    QLineEdit* m_urlEdit = nullptr;
    QComboBox* m_authBox = nullptr;
    QLineEdit* m_userEdit = nullptr;
    QLineEdit* m_secretFileEdit = nullptr;
    QLineEdit* m_dimseAddressEdit = nullptr;
    QLineEdit* m_localAeEdit = nullptr;
    QSpinBox* m_localPortBox = nullptr;
    QLabel* m_errorLabel = nullptr;
};

} // namespace radmark::app
