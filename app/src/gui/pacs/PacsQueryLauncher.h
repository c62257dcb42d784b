#pragma once

#include <QObject>
#include <QString>

class QAction;
class QWidget;

namespace radmark::storage {
class ProjectStore;
}

namespace radmark::app {

class PacsQueryDialog;

// The main window's File > Query PACS… action and its dialog (made on first use, kept so that a retrieval
// goes on while it is closed). The window tells it the open project and stops it before closing.
class PacsQueryLauncher : public QObject {
    Q_OBJECT
public:
    explicit PacsQueryLauncher(QWidget* window);

    QAction* action() const { return m_action; }
    PacsQueryDialog* dialog() const { return m_dialog; }
    // The open project (null: none): enables the action; a retrieval into another project is stopped first.
    void setProject(storage::ProjectStore* project);
    // Stops a running query or retrieval and waits (within a second).
    void stop();

signals:
    // Studies went into the project: the study browser should show them.
    void studiesImported();

private:
    void showDialog();
    void addConnection();

    QWidget* m_window;
    QAction* m_action;
    PacsQueryDialog* m_dialog = nullptr;
    storage::ProjectStore* m_project = nullptr;
    QString m_projectPath;
};

} // namespace radmark::app
