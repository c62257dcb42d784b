#include "gui/pacs/PacsConnectionDialog.h"

#include "gui/DialogWidgets.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <filesystem>

namespace radmark::app {

namespace {

enum KindIndex { DicomWebKind, DimseKind };
enum AuthIndex { NoAuth, BasicAuth, BearerAuth };

} // namespace

PacsConnectionDialog::PacsConnectionDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Add PACS Connection"));
    setObjectName("pacsConnectionDialog");
    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setPlaceholderText(tr("e.g. hospital (letters, digits, - _ .)"));
    m_kindBox = new QComboBox(this);
    m_kindBox->addItems(
        { tr("DICOMweb (QIDO-RS / WADO-RS / STOW-RS)"), tr("DIMSE (C-FIND / C-GET / C-MOVE / C-STORE)") });

    auto* webPage = new QWidget(this);
    m_urlEdit = new QLineEdit(webPage);
    m_urlEdit->setPlaceholderText(tr("http://pacs.example.org:8042/dicom-web"));
    m_authBox = new QComboBox(webPage);
    m_authBox->addItems({ tr("None"), tr("User and password (HTTP basic)"), tr("Bearer token") });
    m_userEdit = new QLineEdit(webPage);
    m_secretFileEdit = new QLineEdit(webPage);
    m_secretFileEdit->setPlaceholderText(tr("a file whose first line is the password or token"));
    auto* browse = new QPushButton(tr("&Browse…"), webPage);
    browse->setAutoDefault(false);
    auto* secretRow = new QHBoxLayout;
    secretRow->setContentsMargins(0, 0, 0, 0);
    secretRow->addWidget(m_secretFileEdit, 1);
    secretRow->addWidget(browse);
    auto* webForm = new QFormLayout(webPage);
    webForm->setContentsMargins(0, 0, 0, 0);
    webForm->addRow(tr("&URL:"), m_urlEdit);
    webForm->addRow(tr("&Authentication:"), m_authBox);
    webForm->addRow(tr("&User:"), m_userEdit);
    webForm->addRow(tr("&Secret file:"), secretRow);

    auto* dimsePage = new QWidget(this);
    m_dimseAddressEdit = new QLineEdit(dimsePage);
    m_dimseAddressEdit->setPlaceholderText(tr("ORTHANC@pacs.example.org:4242"));
    m_localAeEdit = new QLineEdit(QStringLiteral("RADMARK"), dimsePage);
    m_localAeEdit->setMaxLength(16);
    m_localPortBox = new QSpinBox(dimsePage);
    m_localPortBox->setRange(0, 65535);
    m_localPortBox->setSpecialValueText(tr("none (C-GET only)"));
    auto* dimseForm = new QFormLayout(dimsePage);
    dimseForm->setContentsMargins(0, 0, 0, 0);
    dimseForm->addRow(tr("&Archive (AET@HOST:PORT):"), m_dimseAddressEdit);
    dimseForm->addRow(tr("&Local AE title:"), m_localAeEdit);
    dimseForm->addRow(tr("Local &port for C-MOVE:"), m_localPortBox);

    m_kindPages = new QStackedWidget(this);
    m_kindPages->addWidget(webPage);
    m_kindPages->addWidget(dimsePage);

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_nameEdit);
    form->addRow(tr("&Kind:"), m_kindBox);
    m_errorLabel = makeDialogErrorLabel(this);
    m_errorLabel->setObjectName("pacsConnectionError");
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_kindPages);
    layout->addWidget(makeWrappedLabel(tr("Passwords and tokens are not stored in the project, only the path of the "
                                          "file that holds them."),
        this));
    layout->addWidget(m_errorLabel);
    layout->addWidget(makeDialogButtons(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this));

    connect(m_kindBox, &QComboBox::currentIndexChanged, this, &PacsConnectionDialog::updateFields);
    connect(m_authBox, &QComboBox::currentIndexChanged, this, &PacsConnectionDialog::updateFields);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Password or token file"));
        if (!file.isEmpty()) {
            m_secretFileEdit->setText(file);
        }
    });
    updateFields();
    resize(560, sizeHint().height());
}

void PacsConnectionDialog::updateFields()
{
    m_kindPages->setCurrentIndex(m_kindBox->currentIndex());
    const int auth = m_authBox->currentIndex();
    m_userEdit->setEnabled(auth == BasicAuth);
    m_secretFileEdit->setEnabled(auth != NoAuth);
}

bool PacsConnectionDialog::buildConnection(storage::PacsConnection& connection, QString& error) const
{
    connection = storage::PacsConnection {};
    connection.name = m_nameEdit->text().trimmed().toStdString();
    try {
        if (m_kindBox->currentIndex() == DicomWebKind) {
            connection.kind = storage::PacsConnection::Kind::DicomWeb;
            connection.baseUrl = m_urlEdit->text().trimmed().toStdString();
            const int auth = m_authBox->currentIndex();
            const std::string secret = m_secretFileEdit->text().trimmed().toStdString();
            const std::string secretPath = secret.empty() ? secret : std::filesystem::absolute(secret).string();
            if (auth == BasicAuth) {
                connection.auth = storage::PacsConnection::Auth::Basic;
                connection.user = m_userEdit->text().trimmed().toStdString();
                connection.passwordFile = secretPath;
            } else if (auth == BearerAuth) {
                connection.auth = storage::PacsConnection::Auth::Bearer;
                connection.tokenFile = secretPath;
            }
            storage::validatePacsConnection(connection);
            if (!secretPath.empty()) {
                storage::readSecretFile(secretPath); // refused now rather than at the first query
            }
        } else {
            connection.kind = storage::PacsConnection::Kind::Dimse;
            storage::parseDimseAddress(m_dimseAddressEdit->text().trimmed().toStdString(), connection);
            connection.localAeTitle = m_localAeEdit->text().trimmed().toStdString();
            connection.localPort = m_localPortBox->value();
            storage::validatePacsConnection(connection);
        }
    } catch (const std::exception& exception) {
        error = QString::fromStdString(exception.what());
        return false;
    }
    return true;
}

void PacsConnectionDialog::accept()
{
    QString error;
    if (!buildConnection(m_connection, error)) {
        showDialogError(m_errorLabel, error.toStdString());
        return;
    }
    QDialog::accept();
}

} // namespace radmark::app
