// bench_label_workflow: a project of 100,000 studies with report text (the real sample reports of
// ../shared/data/reports, varied per study): storing the texts, full-text search (FTS5, against a LIKE scan
// of the same table as the peer), labelling them all, opening the project in the window, and "open the next
// study" in the labelling workflow: Enter in the label panel (confirm, find the next unconfirmed study, read
// its report, proposals and decisions, run the labeller for the evidence, fill both panels) until its first
// series is loaded and shown in the slice view.
#include "../../support/StudyRecordFixture.h"
#include "../../support/TestFiles.h"
#include "../PerformanceReport.h"
#include "../Statistics.h"

#include "gui/AnnotationSession.h"
#include "gui/LabelPanel.h"
#include "gui/LabelReviewSession.h"
#include "gui/LabellingWorkflow.h"
#include "gui/MainWindow.h"
#include "labelling/ProjectLabeller.h"
#include "radmark/annotation/reports/ReportCsv.h"
#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <sqlite3.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace radmark::bench {

namespace {

namespace fs = std::filesystem;

constexpr int studyCount = 100000;
constexpr int studiesWithImages = 12; // the first ones in the workflow's order
constexpr int nextStudySteps = 10;
const std::string benchFolder = "/tmp/radmark-bench-labels";

std::string accessionOf(int study)
{
    std::string digits = std::to_string(study);
    return "B" + std::string(6 - digits.size(), '0') + digits;
}

storage::InstanceRecord indexOnlyStudy(int study)
{
    storage::InstanceRecord record
        = testing::studyRecord("/nonexistent/radmark-bench-labels/" + std::to_string(study) + ".dcm",
            "1.2.826.0.1.3680043.9.7.label." + std::to_string(study), accessionOf(study));
    record.patientId = "P" + std::to_string(study);
    return record;
}

// The images of the first studies: 256 x 256 x 80 CT series, written once and reused.
std::vector<std::string> imageFolders()
{
    const fs::path root = fs::path(benchFolder) / "dicom";
    std::vector<std::string> folders;
    for (int study = 0; study < studiesWithImages; ++study) {
        folders.push_back((root / accessionOf(study)).string());
    }
    if (fs::exists(root / ".complete")) {
        return folders;
    }
    fs::remove_all(root);
    for (int study = 0; study < studiesWithImages; ++study) {
        storage::SyntheticSeriesSpec spec;
        spec.columns = 256;
        spec.rows = 256;
        spec.slices = 80;
        spec.accessionNumber = accessionOf(study);
        spec.patientId = "P" + std::to_string(study);
        storage::writeSyntheticSeries(spec, folders[static_cast<std::size_t>(study)]);
    }
    std::ofstream(root / ".complete") << "ok\n";
    return folders;
}

double countQueryMs(sqlite3* database, const std::string& sql, const std::string& parameter, std::int64_t& count)
{
    const auto runs = timeRuns(5, [&] {
        sqlite3_stmt* statement = nullptr;
        sqlite3_prepare_v2(database, sql.c_str(), -1, &statement, nullptr);
        sqlite3_bind_text(statement, 1, parameter.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(statement) == SQLITE_ROW) {
            count = sqlite3_column_int64(statement, 0);
        }
        sqlite3_finalize(statement);
    });
    return median(runs) * 1000.0;
}

std::string msDetail(const std::vector<double>& secondsSamples)
{
    return "median of " + std::to_string(secondsSamples.size()) + " (min "
        + formatNumber(minimum(secondsSamples) * 1000, 1) + ", max " + formatNumber(maximum(secondsSamples) * 1000, 1)
        + ")";
}

int run(int argc, char** argv)
{
    QApplication application(argc, argv);
    PerformanceReport report("label_workflow", "Reports and the labelling workflow at 100,000 studies", argc, argv);
    const std::string data = std::string(RADMARK_SHARED_DATA_DIR) + "/reports/";
    std::vector<std::string> samples;
    for (const auto& row :
        annotation::readCsvRows(testing::readSharedDataFile(data + "chexpert_labeler_samples/sample_reports.csv"))) {
        if (!row.fields.empty()) { // the file has no header: every row is a report
            samples.push_back(row.fields.at(0));
        }
    }
    const std::string ctReport = testing::readSharedDataFile(data + "ct_abdomen_example/report.txt");
    const std::vector<std::string> folders = imageFolders();

    const fs::path projectPath = fs::path(benchFolder) / "labels.radmark";
    for (const char* suffix : { "", "-wal", "-shm", ".lock" }) {
        fs::remove(projectPath.string() + suffix);
    }
    std::size_t textBytes = 0;
    double storeSeconds = 0.0;
    double labelSeconds = 0.0;
    {
        auto project
            = storage::ProjectStore::open(projectPath.string(), storage::ProjectStore::OpenMode::CreateIfMissing);
        storage::importPaths(*project, folders);
        std::vector<storage::InstanceRecord> batch;
        for (int study = studiesWithImages; study < studyCount; ++study) {
            batch.push_back(indexOnlyStudy(study));
            if (batch.size() == 5000 || study + 1 == studyCount) {
                project->writeImportBatch(batch, {}, true);
                batch.clear();
            }
        }
        // One report per study: a findings line of its own and a real impression (every 50th: the real CT report).
        std::vector<storage::ReportRecord> reports;
        reports.reserve(studyCount);
        for (int study = 0; study < studyCount; ++study) {
            storage::ReportRecord record;
            record.matchKey = accessionOf(study);
            record.keyKind = storage::ReportRecord::KeyKind::Accession;
            record.sourcePath = benchFolder + "/reports.csv";
            record.sourceKind = "csv";
            record.sourceRow = study + 2;
            record.text = study % 50 == 7 ? ctReport
                                          : "FINDINGS: Compared with the study of day " + std::to_string(study % 365)
                    + ".\n\nIMPRESSION: " + samples[static_cast<std::size_t>(study) % samples.size()];
            textBytes += record.text.size();
            reports.push_back(std::move(record));
        }
        storage::ReportStore reportStore(*project);
        Stopwatch store;
        reportStore.addReports(reports);
        storeSeconds = store.seconds();

        // Search: ReportStore::search (FTS5, first 100 hits) and counts by FTS5 vs a LIKE scan (the peer).
        const std::vector<std::pair<std::string, std::string>> queries { { "pneumothorax", "%pneumothorax%" },
            { "\"pleural effusion\"", "%pleural effusion%" }, { "appendicitis", "%appendicitis%" },
            { "cardiomegaly", "%cardiomegaly%" } };
        std::vector<double> searchMs;
        std::vector<double> ftsCountMs;
        std::vector<double> likeCountMs;
        std::int64_t hits = 0;
        for (const auto& [fts, like] : queries) {
            searchMs.push_back(median(timeRuns(5, [&, query = fts] { reportStore.search(query, 100); })) * 1000);
            std::int64_t ftsCount = 0;
            std::int64_t likeCount = 0;
            ftsCountMs.push_back(countQueryMs(
                project->connection(), "SELECT count(*) FROM reports_fts WHERE reports_fts MATCH ?", fts, ftsCount));
            likeCountMs.push_back(countQueryMs(
                project->connection(), "SELECT count(*) FROM reports WHERE report_text LIKE ?", like, likeCount));
            hits += ftsCount;
        }
        if (hits == 0) {
            throw std::runtime_error("the searches found nothing: the timing would be meaningless");
        }
        report.addFigure("Store 100,000 report texts (one transaction, FTS5 index kept by triggers)",
            formatNumber(studyCount / storeSeconds, 0) + " reports/s",
            formatNumber(storeSeconds, 2) + " s for " + formatNumber(textBytes / 1e6, 1) + " MB");
        report.addFigure("ReportStore::search, first 100 hits (4 queries)", formatNumber(median(searchMs), 2) + " ms",
            "median over the queries; each the median of 5 runs");
        report.addFigure("FTS5 count of all hits (4 queries)", formatNumber(median(ftsCountMs), 2) + " ms",
            std::to_string(hits) + " hits in all");
        report.addPeerFigure("LIKE '%term%' scan of the same table, count (4 queries)",
            formatNumber(median(likeCountMs), 2) + " ms", "SQLite, same connection");
        report.addRatio("FTS5 count : LIKE scan count (time)", median(ftsCountMs) / median(likeCountMs));

        const app::LabelSchemaSource schema = app::readLabelSchemaSource(
            std::string(RADMARK_SOURCE_DIR) + "/resources/label-schemas/chest-radiograph.json");
        Stopwatch label;
        app::labelProjectReports(*project, reportStore, schema, false, "bench");
        labelSeconds = label.seconds();
        report.addFigure("Label 100,000 studies and store 1.4 million proposals (chest-radiograph preset)",
            formatNumber(studyCount / labelSeconds, 0) + " studies/s", formatNumber(labelSeconds, 1) + " s");
        std::vector<std::string> labelNames;
        for (const auto& definition : schema.schema.labels) {
            labelNames.push_back(definition.name);
        }
        const auto statesRuns = timeRuns(3, [&] { reportStore.reviewStates(labelNames); });
        report.addFigure("Review states of all 100,000 studies (what the label panel's filters read when the project "
                         "opens)",
            formatNumber(median(statesRuns) * 1000, 0) + " ms", msDetail(statesRuns));
    }

    // The window on the project, as a clinician opens it.
    app::MainWindow window;
    window.setInteractiveDialogs(false);
    window.resize(1600, 1000);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        throw std::runtime_error("the window was not shown");
    }
    Stopwatch open;
    if (!window.openProject(QString::fromStdString(projectPath.string()))) {
        throw std::runtime_error(projectPath.string() + ": cannot open");
    }
    const double openSeconds = open.seconds();
    window.annotations()->document().setCurrentAuthor({ "Bench", annotation::AuthorRole::Radiologist });
    app::LabellingWorkflow& workflow = *window.labelling();
    app::LabelReviewSession& session = *workflow.session();
    app::LabelPanel& panel = *workflow.labelPanel();

    // Showing a study without its images (reads + labeller + both panels), at random places in the 100,000.
    std::vector<double> showSeconds;
    for (int sample = 0; sample < 200; ++sample) {
        const auto& state = session.states()[static_cast<std::size_t>((sample * 7919 + 50000) % studyCount)];
        if (state.accessionNumber < accessionOf(studiesWithImages)) {
            continue; // those have images; Enter is timed on them below
        }
        QSignalSpy failed(&window, &app::MainWindow::seriesFailed);
        Stopwatch show;
        session.showStudy(state.studyId);
        showSeconds.push_back(show.seconds());
        failed.wait(10000); // its series has no files: the load it started fails at once
    }

    // Enter in the label panel: confirm, next unconfirmed study, its series loaded and shown.
    QSignalSpy opened(&window, &app::MainWindow::seriesOpened);
    workflow.openStudy(session.states().front().studyId);
    if (!opened.wait(60000)) {
        throw std::runtime_error("the first study's series did not open");
    }
    std::vector<double> enterSync;
    std::vector<double> enterTotal;
    for (int step = 0; step < nextStudySteps; ++step) {
        panel.focusLabels();
        opened.clear();
        QElapsedTimer timer;
        timer.start();
        QTest::keyClick(panel.table(), Qt::Key_Return);
        const double sync = timer.nsecsElapsed() / 1e9;
        if (!opened.wait(60000)) {
            throw std::runtime_error("the next study's series did not open");
        }
        enterSync.push_back(sync);
        enterTotal.push_back(timer.nsecsElapsed() / 1e9);
    }
    if (session.studyState() == nullptr || session.studyState()->accessionNumber != accessionOf(nextStudySteps)) {
        throw std::runtime_error("Enter did not walk through the studies in order");
    }

    report.addNote("Data: " + std::to_string(studyCount)
        + " studies in one project; each has one report: a findings "
          "line of its own and, as impression, one of the "
        + std::to_string(samples.size())
        + " real CheXpert sample reports (every 50th study: the real CT abdomen report) of "
          "../shared/data/reports. The first "
        + std::to_string(studiesWithImages)
        + " studies in the workflow's order have a 256 x 256 x 80 CT series (synthetic DICOM under " + benchFolder
        + "/dicom, reused); the others are index rows only.");
    report.addNote("Open the next study = `Enter` in the label table (QTest key press) until MainWindow::seriesOpened: "
                   "record the confirmation (decision rows of the study's undecided labels, one transaction), find "
                   "the next unconfirmed study of the filter, read its report, proposals and decisions, run the "
                   "labeller on its report for the evidence offsets, fill the label and report panels, then load "
                   "its first series on a worker and show it. The synchronous part ends when the key press returns.");
    report.addFigure("Open the project in the window (study browser with 100,000 studies, marks, labels)",
        formatNumber(openSeconds * 1000, 0) + " ms");
    report.addFigure("Show a study's labels and report (" + std::to_string(showSeconds.size())
            + " index-only studies spread over the project; the series load it starts is not included)",
        formatNumber(median(showSeconds) * 1000, 1) + " ms", msDetail(showSeconds));
    report.addFigure("Enter → next study, labels and report shown (synchronous part)",
        formatNumber(median(enterSync) * 1000, 1) + " ms", msDetail(enterSync));
    report.addFigure("Enter → next study with its 80-slice series loaded and shown",
        formatNumber(median(enterTotal) * 1000, 1) + " ms", msDetail(enterTotal));
    report.addTarget({ "Open the next study (Enter → images shown), median <= 200 ms", median(enterTotal) * 1000, 200.0,
        false, "ms" });
    report.addTarget(
        { "Labels and report of the next study, median <= 200 ms", median(enterSync) * 1000, 200.0, false, "ms" });
    report.publish();
    return 0;
}

} // namespace

} // namespace radmark::bench

int main(int argc, char** argv)
{
    return radmark::bench::runBenchmarkMain("bench_label_workflow", radmark::bench::run, argc, argv);
}
