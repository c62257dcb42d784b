#include "gui/ExportDialog.h"
#include "gui/PeopleText.h"
#include "gui/WheelScrollsPanel.h"

#include "radmark/storage/dataset/ExportFormatRegistry.h"
#include "radmark/storage/project/ProjectStore.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <stdexcept>

namespace radmark::app {

namespace {

QWidget* withButton(QLineEdit* edit, QPushButton* button)
{
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(button);
    return row;
}

} // namespace

ExportDialog::ExportDialog(const QString& projectPath, QWidget* parent)
    : QDialog(parent)
    , m_projectPath(projectPath)
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    setWindowTitle(tr("Export Dataset"));
    auto* layout = new QVBoxLayout(this);
    // The options scroll, so that progress, log and the Export button stay on a 720-pixel screen.
    auto* options = new QWidget;
    auto* optionsLayout = new QVBoxLayout(options);
    optionsLayout->setContentsMargins(0, 0, 0, 0);

    auto* formats = new QGroupBox(tr("Formats"));
    auto* formatLayout = new QVBoxLayout(formats);
    for (const storage::ExportFormatEntry& entry : storage::exportFormats()) {
        auto* box = new QCheckBox(QString::fromStdString(entry.name + " — " + entry.description));
        box->setChecked(entry.name == "deeplesion" || entry.name == "labels");
        formatLayout->addWidget(box);
        m_formatBoxes[entry.name] = box;
    }
    optionsLayout->addWidget(formats);

    auto* output = new QGroupBox(tr("Output"));
    auto* outputForm = new QFormLayout(output);
    m_outputEdit = new QLineEdit;
    m_outputEdit->setPlaceholderText(tr("an empty or new folder"));
    auto* browseOutput = new QPushButton(tr("Browse…"));
    connect(browseOutput, &QPushButton::clicked, this, &ExportDialog::chooseOutputFolder);
    outputForm->addRow(tr("Folder:"), withButton(m_outputEdit, browseOutput));
    m_overwriteBox = new QCheckBox(tr("Replace an earlier RadMark export here (other files are never deleted)"));
    outputForm->addRow(QString(), m_overwriteBox);
    optionsLayout->addWidget(output);

    auto* splits = new QGroupBox(tr("Train / validation / test"));
    auto* splitForm = new QFormLayout(splits);
    m_splitCombo = new QComboBox;
    m_splitCombo->addItem(tr("Patient (no patient in two splits)"), "patient");
    m_splitCombo->addItem(tr("Site: institution or station (no site in two splits)"), "site");
    splitForm->addRow(tr("Group by:"), m_splitCombo);
    m_ratiosEdit = new QLineEdit("0.7,0.15,0.15");
    splitForm->addRow(tr("Ratios:"), m_ratiosEdit);
    m_seedSpin = new QSpinBox;
    m_seedSpin->setRange(0, 1'000'000'000);
    splitForm->addRow(tr("Seed:"), m_seedSpin);
    m_stratifyEdit = new QLineEdit;
    m_stratifyEdit->setPlaceholderText(tr("label name; empty: studies with and without marks"));
    splitForm->addRow(tr("Stratify by:"), m_stratifyEdit);
    optionsLayout->addWidget(splits);

    auto* identity = new QGroupBox(tr("De-identification (DICOM PS3.15 Basic Profile)"));
    auto* identityForm = new QFormLayout(identity);
    m_keepAgeBox = new QCheckBox(tr("Keep patient age"));
    m_keepAgeBox->setChecked(true);
    m_keepSexBox = new QCheckBox(tr("Keep patient sex"));
    m_keepSexBox->setChecked(true);
    m_shiftDatesBox = new QCheckBox(tr("Shift dates by a per-patient offset"));
    m_burnedInBox = new QCheckBox(tr("Include images with burned-in annotations and screen captures"));
    identityForm->addRow(m_keepAgeBox);
    identityForm->addRow(m_keepSexBox);
    identityForm->addRow(m_shiftDatesBox);
    identityForm->addRow(m_burnedInBox);
    m_saltEdit = new QLineEdit;
    m_saltEdit->setEchoMode(QLineEdit::Password);
    m_saltEdit->setPlaceholderText(tr("empty: random (pseudonyms differ per export)"));
    identityForm->addRow(tr("Salt:"), m_saltEdit);
    m_mappingEdit = new QLineEdit;
    m_mappingEdit->setPlaceholderText(tr("optional CSV outside the dataset: original → pseudonym"));
    auto* browseMapping = new QPushButton(tr("Browse…"));
    connect(browseMapping, &QPushButton::clicked, this, &ExportDialog::chooseMappingFile);
    identityForm->addRow(tr("Mapping file:"), withButton(m_mappingEdit, browseMapping));
    optionsLayout->addWidget(identity);

    auto* optionsScroll = new QScrollArea;
    optionsScroll->setObjectName("exportOptionsScroll");
    optionsScroll->setWidgetResizable(true);
    optionsScroll->setFrameShape(QFrame::NoFrame);
    optionsScroll->setWidget(options);
    letWheelScrollPanel(optionsScroll); // scrolling down never changes the seed or the split on the way
    layout->addWidget(optionsScroll, 3);

    m_stageLabel = new QLabel;
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_log = new QPlainTextEdit;
    m_log->setReadOnly(true);
    m_log->setMinimumHeight(120);
    m_log->setPlaceholderText(tr("The summary, excluded files and warnings appear here."));
    layout->addWidget(m_stageLabel);
    layout->addWidget(m_progress);
    layout->addWidget(m_log, 1);

    auto* buttons = new QDialogButtonBox;
    m_exportButton = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    m_closeButton = buttons->addButton(QDialogButtonBox::Close);
    connect(m_exportButton, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_closeButton, &QPushButton::clicked, this, &ExportDialog::reject);
    layout->addWidget(buttons);

    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, &ExportDialog::showResult);
    // Every option without scrolling where the screen has the room, else as tall as the screen allows.
    const QScreen* screen = parent != nullptr ? parent->screen() : QGuiApplication::primaryScreen();
    const QRect available = screen != nullptr ? screen->availableGeometry() : QRect(0, 0, 1280, 720);
    const int wanted = layout->sizeHint().height() - optionsScroll->sizeHint().height() + options->sizeHint().height();
    constexpr int kWindowFramePx = 60; // title bar and frame the window manager adds
    // As wide as the options with the scroll bar beside them, so that only the height scrolls.
    const QMargins margins = layout->contentsMargins();
    const int wideEnough = options->sizeHint().width() + optionsScroll->verticalScrollBar()->sizeHint().width()
        + margins.left() + margins.right();
    resize(
        std::min(std::max(740, wideEnough), available.width()), std::min(wanted, available.height() - kWindowFramePx));
}

ExportDialog::~ExportDialog()
{
    m_cancel->store(true);
    m_watcher.waitForFinished();
}

QCheckBox* ExportDialog::formatCheckBox(const std::string& format) const
{
    const auto found = m_formatBoxes.find(format);
    return found != m_formatBoxes.end() ? found->second : nullptr;
}

QString ExportDialog::logText() const
{
    return m_log->toPlainText();
}

void ExportDialog::chooseOutputFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export Into Folder"), m_outputEdit->text());
    if (!folder.isEmpty()) {
        m_outputEdit->setText(folder);
    }
}

void ExportDialog::chooseMappingFile()
{
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Pseudonym Mapping File"), m_mappingEdit->text(), tr("CSV files (*.csv)"));
    if (!file.isEmpty()) {
        m_mappingEdit->setText(file);
    }
}

bool ExportDialog::buildRequest(storage::ExportRequest& request, QString& error) const
{
    std::vector<std::string> arguments { "radmark", "export", m_projectPath.toStdString() };
    std::string formats;
    for (const storage::ExportFormatEntry& entry : storage::exportFormats()) {
        if (m_formatBoxes.at(entry.name)->isChecked()) {
            request.formats.push_back(entry.name);
            formats += (formats.empty() ? "" : ",") + entry.name;
        }
    }
    if (request.formats.empty()) {
        error = tr("Choose at least one format.");
        return false;
    }
    request.outputDir = m_outputEdit->text().trimmed().toStdString();
    if (request.outputDir.empty()) {
        error = tr("Choose an output folder.");
        return false;
    }
    try {
        request.split.ratios = annotation::parseSplitRatios(m_ratiosEdit->text().trimmed().toStdString());
    } catch (const std::invalid_argument& problem) {
        error = QString::fromStdString(problem.what());
        return false;
    }
    arguments.insert(arguments.end(),
        { "--format", formats, "--out", request.outputDir, "--ratios", m_ratiosEdit->text().trimmed().toStdString() });
    request.overwrite = m_overwriteBox->isChecked();
    request.split.grouping = m_splitCombo->currentData().toString() == "site" ? annotation::SplitGrouping::Site
                                                                              : annotation::SplitGrouping::Patient;
    request.split.seed = static_cast<std::uint64_t>(m_seedSpin->value());
    arguments.insert(arguments.end(),
        { "--split", m_splitCombo->currentData().toString().toStdString(), "--seed",
            std::to_string(request.split.seed) });
    request.stratifyLabel = m_stratifyEdit->text().trimmed().toStdString();
    request.identity.salt = m_saltEdit->text().toStdString();
    request.identity.shiftDates = m_shiftDatesBox->isChecked();
    request.identity.keepPatientAge = m_keepAgeBox->isChecked();
    request.identity.keepPatientSex = m_keepSexBox->isChecked();
    request.includeBurnedIn = m_burnedInBox->isChecked();
    request.mappingPath = m_mappingEdit->text().trimmed().toStdString();
    const std::pair<bool, const char*> flags[] = { { request.overwrite, "--overwrite" },
        { request.identity.shiftDates, "--shift-dates" }, { !request.identity.keepPatientAge, "--no-age" },
        { !request.identity.keepPatientSex, "--no-sex" }, { request.includeBurnedIn, "--include-burned-in" } };
    for (const auto& [set, flag] : flags) {
        if (set) {
            arguments.push_back(flag);
        }
    }
    for (const auto& [value, option] : { std::pair { request.stratifyLabel, "--stratify" },
             std::pair { request.identity.salt, "--salt" }, std::pair { request.mappingPath, "--mapping" } }) {
        if (!value.empty()) {
            arguments.insert(arguments.end(), { option, value });
        }
    }
    request.commandLine = storage::redactedCommandLine(arguments) + "  (File > Export…)";
    return true;
}

bool ExportDialog::startExport()
{
    if (isRunning()) {
        return false;
    }
    storage::ExportRequest request;
    QString error;
    if (!buildRequest(request, error)) {
        m_log->setPlainText(error);
        return false;
    }
    m_cancel->store(false);
    const auto cancel = m_cancel;
    QPointer<ExportDialog> self(this);
    request.progress = [self, cancel](const std::string& stage, double fraction) {
        QMetaObject::invokeMethod(
            qApp,
            [self, stage, fraction] {
                if (self) {
                    self->m_stageLabel->setText(QString::fromStdString(stage));
                    self->m_progress->setValue(static_cast<int>(fraction * 1000.0));
                }
            },
            Qt::QueuedConnection);
        return !cancel->load();
    };
    m_log->setPlainText(tr("Exporting…"));
    setRunning(true);
    const std::string projectPath = m_projectPath.toStdString();
    m_watcher.setFuture(QtConcurrent::run([projectPath, request] {
        Result result;
        try {
            auto project = storage::ProjectStore::open(projectPath, storage::ProjectStore::OpenMode::ReadOnly);
            result.outcome = storage::runDatasetExport(*project, request);
            result.succeeded = true;
        } catch (const std::exception& problem) {
            result.error = QString::fromStdString(problem.what());
        }
        return result;
    }));
    return true;
}

void ExportDialog::showResult()
{
    setRunning(false);
    const Result result = m_watcher.result();
    QString text;
    if (!result.succeeded) {
        m_stageLabel->setText(tr("Export failed"));
        text = tr("Export failed: %1\nNothing was written to the output folder.").arg(result.error);
    } else {
        const storage::ExportOutcome& outcome = result.outcome;
        m_stageLabel->setText(tr("Export finished"));
        m_progress->setValue(1000);
        text = tr("Exported %1 of %2 (%3) to %4\nTrain %5, validation %6, test %7.\n")
                   .arg(countText(outcome.studies, tr("study"), tr("studies")))
                   .arg(countText(outcome.patients, tr("patient"), tr("patients")))
                   .arg(countText(outcome.marks, tr("mark"), tr("marks")))
                   .arg(QString::fromStdString(outcome.outputDir))
                   .arg(countText(outcome.studiesPerSplit[0], tr("study"), tr("studies")))
                   .arg(countText(outcome.studiesPerSplit[1], tr("study"), tr("studies")))
                   .arg(countText(outcome.studiesPerSplit[2], tr("study"), tr("studies")));
        for (const auto& [format, files] : outcome.log.filesWritten) {
            text += tr("  %1: %2\n")
                        .arg(QString::fromStdString(format))
                        .arg(countText(static_cast<long long>(files), tr("file"), tr("files")));
        }
        text += tr("\nExcluded images: %1\n").arg(outcome.log.excluded.size());
        for (const auto& problem : outcome.log.excluded) {
            text += QString::fromStdString("  " + problem.path + ": " + problem.reason + "\n");
        }
        text += tr("\nWarnings: %1\n").arg(outcome.log.warnings.size());
        for (const std::string& warning : outcome.log.warnings) {
            text += QString::fromStdString("  " + warning + "\n");
        }
        text += tr("\nThe dataset card is dataset_card.md in the output folder.");
    }
    m_log->setPlainText(text);
    emit exportFinished(result.succeeded);
}

void ExportDialog::setRunning(bool running)
{
    m_exportButton->setEnabled(!running);
    m_closeButton->setText(running ? tr("Cancel") : tr("Close"));
    if (running) {
        m_progress->setValue(0);
    }
}

void ExportDialog::reject()
{
    if (isRunning()) {
        m_cancel->store(true); // the export stops at its next step and removes what it wrote
        m_stageLabel->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

} // namespace radmark::app
