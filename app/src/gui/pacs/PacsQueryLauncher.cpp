#include "gui/pacs/PacsQueryLauncher.h"

#include "gui/pacs/PacsConnectionDialog.h"
#include "gui/pacs/PacsQueryDialog.h"

#include "radmark/storage/pacs/PacsConnection.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectStore.h"

#include <QAction>
#include <QMessageBox>
#include <QWidget>

namespace radmark::app {

PacsQueryLauncher::PacsQueryLauncher(QWidget* window)
    : QObject(window)
    , m_window(window)
    , m_action(new QAction(tr("Query &PACS…"), window))
{
    m_action->setObjectName("queryPacsAction");
    m_action->setStatusTip(tr("Find studies on a PACS (DIMSE or DICOMweb) and retrieve them into the project"));
    m_action->setEnabled(false);
    connect(m_action, &QAction::triggered, this, &PacsQueryLauncher::showDialog);
}

void PacsQueryLauncher::setProject(storage::ProjectStore* project)
{
    const QString path = project != nullptr ? QString::fromStdString(project->path()) : QString();
    if (path != m_projectPath && m_dialog != nullptr) {
        m_dialog->cancelAndWait();
        m_dialog->hide();
    }
    m_project = project;
    m_projectPath = path;
    m_action->setEnabled(project != nullptr && !project->isReadOnly());
}

void PacsQueryLauncher::stop()
{
    if (m_dialog != nullptr) {
        m_dialog->cancelAndWait();
    }
}

void PacsQueryLauncher::showDialog()
{
    if (m_project == nullptr) {
        return;
    }
    std::vector<storage::PacsConnection> connections;
    try {
        storage::MarkStore marks(*m_project);
        connections = storage::loadPacsConnections(marks);
    } catch (const std::exception& error) {
        QMessageBox::warning(m_window, tr("Query PACS"), QString::fromStdString(error.what()));
        return;
    }
    if (m_dialog == nullptr) {
        m_dialog = new PacsQueryDialog(m_projectPath, std::move(connections), m_window);
        connect(m_dialog, &PacsQueryDialog::studiesImported, this, &PacsQueryLauncher::studiesImported);
        connect(m_dialog, &PacsQueryDialog::addConnectionRequested, this, &PacsQueryLauncher::addConnection);
    } else if (!m_dialog->isRetrieving()) {
        m_dialog->setProject(m_projectPath, std::move(connections));
    }
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
}

} // namespace radmark::app

namespace radmark::app {

void PacsQueryLauncher::addConnection()
{
    if (m_project == nullptr || m_dialog == nullptr) {
        return;
    }
    PacsConnectionDialog editor(m_dialog);
    // Re-opened with the fields kept until the connection is saved or the user gives up.
    while (editor.exec() == QDialog::Accepted) {
        try {
            storage::MarkStore marks(*m_project);
            storage::addPacsConnection(marks, editor.connection());
            m_dialog->setProject(
                m_projectPath, storage::loadPacsConnections(marks), QString::fromStdString(editor.connection().name));
            return;
        } catch (const std::exception& error) {
            QMessageBox::warning(m_dialog, tr("Add PACS Connection"), QString::fromStdString(error.what()));
        }
    }
}

} // namespace radmark::app
