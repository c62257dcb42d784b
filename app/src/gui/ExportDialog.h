#pragma once

#include "radmark/storage/dataset/DatasetExport.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <map>
#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace radmark::app {

// File > Export…: formats, output folder, splits and de-identification options; runs the export on a
// worker thread (its own read-only connection to the project) with progress and Cancel, then shows
// the summary, the excluded files and the warnings.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const QString& projectPath, QWidget* parent = nullptr);
    ~ExportDialog() override;

    // The request the current fields describe; `error` says what is wrong when it returns false.
    bool buildRequest(storage::ExportRequest& request, QString& error) const;
    // Starts the export (as the Export button does); false with a message in the log when the fields are wrong.
    bool startExport();
    bool isRunning() const { return m_watcher.isRunning(); }
    QString logText() const;

    // For tests: the fields.
    QLineEdit* outputFolderEdit() const { return m_outputEdit; }
    QCheckBox* formatCheckBox(const std::string& format) const;

signals:
    void exportFinished(bool succeeded);

protected:
    void reject() override;

private:
    struct Result {
        bool succeeded = false;
        QString error;
        storage::ExportOutcome outcome;
    };

    void chooseOutputFolder();
    void chooseMappingFile();
    void showResult();
    void setRunning(bool running);

    QString m_projectPath;
    std::map<std::string, QCheckBox*> m_formatBoxes;
    QLineEdit* m_outputEdit = nullptr;
    QCheckBox* m_overwriteBox = nullptr;
    QComboBox* m_splitCombo = nullptr;
    QLineEdit* m_ratiosEdit = nullptr;
    QSpinBox* m_seedSpin = nullptr;
    QLineEdit* m_stratifyEdit = nullptr;
    QCheckBox* m_shiftDatesBox = nullptr;
    QCheckBox* m_keepAgeBox = nullptr;
    QCheckBox* m_keepSexBox = nullptr;
    QCheckBox* m_burnedInBox = nullptr;
    QLineEdit* m_saltEdit = nullptr;
    QLineEdit* m_mappingEdit = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_stageLabel = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QPushButton* m_exportButton = nullptr;
    QPushButton* m_closeButton = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QFutureWatcher<Result> m_watcher;
};

} // namespace radmark::app
