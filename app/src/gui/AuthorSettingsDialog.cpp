#include "gui/AuthorSettingsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>

#include <cstdlib>

namespace radmark::app {

namespace {

const annotation::AuthorRole roles[]
    = { annotation::AuthorRole::Trainee, annotation::AuthorRole::Radiologist, annotation::AuthorRole::Reviewer };

QString operatingSystemUser()
{
    for (const char* variable : { "USER", "LOGNAME", "USERNAME" }) {
        if (const char* value = std::getenv(variable); value != nullptr && *value != '\0') {
            return QString::fromLocal8Bit(value);
        }
    }
    return QStringLiteral("unknown");
}

} // namespace

AuthorSettingsDialog::AuthorSettingsDialog(const annotation::Author& current, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Author"));
    setObjectName("authorSettingsDialog");
    m_name = new QLineEdit(QString::fromStdString(current.name), this);
    m_role = new QComboBox(this);
    for (const annotation::AuthorRole role : roles) {
        m_role->addItem(QString::fromUtf8(annotation::authorRoleName(role)), static_cast<int>(role));
        if (role == current.role) {
            m_role->setCurrentIndex(m_role->count() - 1);
        }
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, [buttons](const QString& text) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });
    auto* layout = new QFormLayout(this);
    layout->addRow(tr("Name"), m_name);
    layout->addRow(tr("Role"), m_role);
    layout->addRow(buttons);
}

annotation::Author AuthorSettingsDialog::author() const
{
    return { m_name->text().trimmed().toStdString(),
        static_cast<annotation::AuthorRole>(m_role->currentData().toInt()) };
}

annotation::Author AuthorSettingsDialog::loadAuthor()
{
    QSettings settings;
    annotation::Author author;
    author.name = settings.value("author/name", operatingSystemUser()).toString().toStdString();
    const auto role
        = annotation::parseAuthorRole(settings.value("author/role", "radiologist").toString().toStdString());
    author.role = role.value_or(annotation::AuthorRole::Radiologist);
    return author;
}

void AuthorSettingsDialog::saveAuthor(const annotation::Author& author)
{
    QSettings settings;
    settings.setValue("author/name", QString::fromStdString(author.name));
    settings.setValue("author/role", QString::fromUtf8(annotation::authorRoleName(author.role)));
}

} // namespace radmark::app
