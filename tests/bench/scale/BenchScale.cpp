// bench_scale: a project of 100,000 studies, 300,000 series and 10 million instances built through the store API
// (ProjectStore::writeImportBatch, ReportStore, the labeller, MarkStore; no files on disk), with 100,000 reports,
// 1.4 million label proposals and 20,000 marks. Measures the project file per instance, opening it in the window
// until usable, the study browser's first rows and its filter, the next study of the label workflow, `radmark
// labels` as CSV for every study and the memory of the GUI process. The project is built by a child process (so
// that the memory figures are the window's) and kept in the build folder for the next run.
#include "../ChildProcess.h"
#include "../PerformanceReport.h"
#include "../Statistics.h"
#include "ScaleProject.h"

#include "gui/AnnotationSession.h"
#include "gui/LabelPanel.h"
#include "gui/LabelReviewSession.h"
#include "gui/LabellingWorkflow.h"
#include "gui/MainWindow.h"
#include "gui/StudyBrowserModel.h"
#include "gui/StudyBrowserPanel.h"
#include "radmark/storage/project/ProjectStore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <sys/resource.h>

namespace radmark::bench {

namespace {

namespace fs = std::filesystem;

constexpr int nextStudySteps = 10;

ScaleProjectShape shapeFromEnvironment()
{
    ScaleProjectShape shape;
    if (const char* instances = std::getenv("RADMARK_SCALE_INSTANCES")) {
        shape.instances = std::atoll(instances);
    }
    return shape;
}

std::string labelSchemaPath()
{
    return std::string(RADMARK_SOURCE_DIR) + "/resources/label-schemas/chest-radiograph.json";
}

std::string projectPath(const ScaleProjectShape& shape)
{
    const char* folder = std::getenv("RADMARK_SCALE_DIR");
    const fs::path root = folder != nullptr ? fs::path(folder) : fs::path(RADMARK_BINARY_DIR) / "bench-scale";
    fs::create_directories(root);
    return (root
        / ("scale-" + std::to_string(shape.instances) + "-schema"
            + std::to_string(storage::ProjectStore::currentSchemaVersion()) + "-v1.radmark"))
        .string();
}

std::string readText(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// kB of a /proc/self/status line ("VmHWM:   123456 kB").
double statusMiB(const std::string& key)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(key + ":", 0) == 0) {
            return std::atof(line.substr(key.size() + 1).c_str()) / 1024.0;
        }
    }
    return 0.0;
}

// CPU seconds of the calling (GUI) thread: on a loaded machine the wall time also counts other processes' turns.
double threadCpuSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// User + system CPU seconds of the children that have ended so far.
double childrenCpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_CHILDREN, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

std::string cpuDetail(const std::vector<double>& cpuSeconds)
{
    return "GUI thread CPU median " + formatNumber(median(cpuSeconds) * 1000, 1) + " ms";
}

std::string msDetail(const std::vector<double>& secondsSamples)
{
    return "median of " + std::to_string(secondsSamples.size()) + " (min "
        + formatNumber(minimum(secondsSamples) * 1000, 1) + ", max " + formatNumber(maximum(secondsSamples) * 1000, 1)
        + ")";
}

std::string withThousands(std::int64_t value)
{
    std::string digits = std::to_string(value);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), ",");
    }
    return digits;
}

int buildOnly(const std::string& path)
{
    const ScaleProjectShape shape = shapeFromEnvironment();
    const ScaleBuildFigures figures = buildScaleProject(path, shape, labelSchemaPath());
    std::ofstream(path + ".figures") << serialize(figures);
    return 0;
}

int run(int argc, char** argv)
{
    if (argc == 3 && std::string(argv[1]) == "--build") {
        return buildOnly(argv[2]);
    }
    QApplication application(argc, argv);
    PerformanceReport report("scale", "A 100,000-study project (bench_scale)", argc, argv);
    const ScaleProjectShape shape = shapeFromEnvironment();
    const std::string path = projectPath(shape);
    const std::string figuresPath = path + ".figures";
    bool built = false;
    double buildWallSeconds = 0.0;
    if (!fs::exists(figuresPath)) {
        std::cerr << "bench_scale: building " << path << " (kept for the next run)\n";
        const ProcessResult result = runProcess({ currentExecutablePath(), "--build", path }, false);
        if (result.exitCode != 0 || !fs::exists(figuresPath)) {
            throw std::runtime_error("building the project failed (exit " + std::to_string(result.exitCode) + ")");
        }
        built = true;
        buildWallSeconds = result.wallSeconds;
    }
    const ScaleBuildFigures figures = parseScaleBuildFigures(readText(figuresPath));
    const double startRssMiB = statusMiB("VmRSS");

    app::MainWindow window;
    window.setInteractiveDialogs(false);
    window.resize(1600, 1000);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        throw std::runtime_error("the window was not shown");
    }
    const QString projectFile = QString::fromStdString(path);

    // Open until usable: openProject (schema check, marks, saliency, label states, browser) and one full paint.
    std::vector<double> openSeconds;
    std::vector<double> openCpu;
    for (int sample = 0; sample < 4; ++sample) {
        const double cpuStart = threadCpuSeconds();
        Stopwatch open;
        if (!window.openProject(projectFile)) {
            throw std::runtime_error(path + ": cannot open");
        }
        window.repaint();
        QApplication::processEvents();
        openSeconds.push_back(open.seconds());
        openCpu.push_back(threadCpuSeconds() - cpuStart);
    }
    const double firstOpenSeconds = openSeconds.front();
    openSeconds.erase(openSeconds.begin());
    openCpu.erase(openCpu.begin());

    app::StudyBrowserPanel& browser = *window.browser();
    QTreeView& tree = *browser.treeView();
    app::StudyBrowserModel& model = *browser.model();
    std::vector<double> firstRowsSeconds;
    for (int sample = 0; sample < 5; ++sample) {
        Stopwatch rows;
        browser.showProject(window.project());
        tree.viewport()->repaint();
        firstRowsSeconds.push_back(rows.seconds());
    }
    const int firstRows = model.rowCount();
    const int rowsRead = model.patientRowsRead();

    struct FilterCase {
        std::string what;
        QString text;
    };
    const std::vector<FilterCase> filters { { "a unique patient name", "quintanilla" },
        { "a patient name (70 patients share it)", "garcia maria" },
        { "an accession number", QString::fromStdString(scaleAccession(54321)) },
        { "a rare study description", "enterography" }, { "a study description of 1 in 8 studies", "renal stone" },
        { "a series description in every study", "portal venous" } };
    for (const FilterCase& filter : filters) {
        std::vector<double> samples;
        std::vector<double> cpu;
        std::vector<double> countedSamples;
        std::vector<double> countedCpu;
        int shown = 0;
        int firstRowsShown = 0;
        bool counted = false;
        for (int sample = 0; sample < 3; ++sample) {
            browser.setFilterText({});
            QApplication::processEvents();
            const double cpuStart = threadCpuSeconds();
            Stopwatch timer;
            browser.setFilterText(filter.text);
            tree.viewport()->repaint();
            samples.push_back(timer.seconds());
            cpu.push_back(threadCpuSeconds() - cpuStart);
            firstRowsShown = model.rowCount();
            // A broad filter counts on the event loop after its first rows: until the count is complete.
            counted = !model.isMatchCountComplete();
            while (!model.isMatchCountComplete()) {
                QApplication::processEvents();
            }
            countedSamples.push_back(timer.seconds());
            countedCpu.push_back(threadCpuSeconds() - cpuStart);
            shown = model.shownPatientCount();
        }
        const std::string countDetail = counted
            ? "; first " + withThousands(firstRowsShown) + " patient rows shown, the count complete after "
                + formatNumber(median(countedSamples) * 1000, 1) + " ms (" + cpuDetail(countedCpu) + ")"
            : "";
        report.addFigure("Browser filter: " + filter.what + " (`" + filter.text.toStdString() + "`)",
            formatNumber(median(samples) * 1000, 1) + " ms",
            withThousands(shown) + " patients shown; " + msDetail(samples) + "; " + cpuDetail(cpu) + countDetail);
        report.addTarget(
            { "Browser filter by " + filter.what + " <= 200 ms", median(samples) * 1000, 200.0, false, "ms" });
    }
    browser.setFilterText({});

    // The label workflow: Enter in the label table confirms the study and shows the next unconfirmed one.
    app::LabellingWorkflow& workflow = *window.labelling();
    app::LabelReviewSession& session = *workflow.session();
    app::LabelPanel& panel = *workflow.labelPanel();
    window.annotations()->document().setCurrentAuthor({ "Bench", annotation::AuthorRole::Radiologist });
    QSignalSpy failed(&window, &app::MainWindow::seriesFailed);
    const auto start = session.nextUnconfirmed();
    if (!start) {
        throw std::runtime_error("no unconfirmed study left");
    }
    workflow.openStudy(*start);
    failed.wait(10000); // index-only studies: the series load fails at once
    std::vector<double> enterSync;
    std::vector<double> enterCpu;
    std::vector<double> enterTotal;
    for (int step = 0; step < nextStudySteps; ++step) {
        panel.focusLabels();
        failed.clear();
        const std::int64_t before = session.studyId();
        const double cpuStart = threadCpuSeconds();
        QElapsedTimer timer;
        timer.start();
        QTest::keyClick(panel.table(), Qt::Key_Return);
        enterSync.push_back(timer.nsecsElapsed() / 1e9);
        enterCpu.push_back(threadCpuSeconds() - cpuStart);
        failed.wait(10000);
        enterTotal.push_back(timer.nsecsElapsed() / 1e9);
        if (session.studyId() == before) {
            throw std::runtime_error("Enter did not move to the next study");
        }
    }
    const double guiHwmMiB = statusMiB("VmHWM");
    const double guiRssMiB = statusMiB("VmRSS");

    // `radmark labels PROJECT` (CSV, every study) while the window holds the project open.
    std::vector<double> csvSeconds;
    std::vector<double> csvCpu;
    std::size_t csvRows = 0;
    for (int sample = 0; sample < 3; ++sample) {
        const double cpuStart = childrenCpuSeconds();
        const ProcessResult result = runProcess({ RADMARK_EXECUTABLE, "labels", path, "--format", "csv" }, true);
        if (result.exitCode != 0) {
            throw std::runtime_error("radmark labels failed");
        }
        csvRows
            = static_cast<std::size_t>(std::count(result.standardOutput.begin(), result.standardOutput.end(), '\n'));
        csvSeconds.push_back(result.wallSeconds);
        csvCpu.push_back(childrenCpuSeconds() - cpuStart);
    }
    if (csvRows != static_cast<std::size_t>(shape.studies) + 1) {
        throw std::runtime_error("radmark labels wrote " + std::to_string(csvRows) + " lines");
    }

    const double bytesPerInstance = static_cast<double>(figures.fileBytes) / static_cast<double>(shape.instances);
    report.addNote("Data: " + withThousands(shape.studies) + " studies of " + withThousands(shape.patients)
        + " patients, " + withThousands(static_cast<std::int64_t>(shape.studies) * shape.seriesPerStudy) + " series, "
        + withThousands(shape.instances) + " instances (realistic CT headers: vendor-length UIDs, 70-character paths), "
        + withThousands(shape.studies) + " reports, labels of the chest-radiograph preset (14 per study: "
        + withThousands(static_cast<std::int64_t>(shape.studies) * 14) + " proposals), " + withThousands(shape.marks)
        + " RECIST marks; written through ProjectStore::writeImportBatch (20,000 per transaction), "
          "ReportStore::addReports, app::labelProjectReports and MarkStore::applyChange by a child process, "
          "kept as `"
        + path + "` for later runs ("
        + (built ? "built in this run, " + formatNumber(buildWallSeconds, 0) + " s" : "reused")
        + "). RADMARK_SCALE_INSTANCES changes the instance count.");
    report.addNote("Window usable = MainWindow::openProject (schema check, marks, saliency maps, review states of "
                   "every study, the browser's first rows) and a full repaint; the first open after the build is "
                   "given apart (cold page cache for this file). Browser filter = typing the text into the filter "
                   "box (the first 256 patients in display order, or the one query on the trigram index when the "
                   "filter is narrow; model reset, rows expanded when at most 200 patients remain) and a repaint "
                   "of the tree; a broad filter's count, completed afterwards on the event loop, is given beside "
                   "it. Next study = Enter in the label table (confirm, next "
                   "unconfirmed study, report, proposals, labeller evidence, both panels) until its series load "
                   "was tried (the studies have no files, so the load fails at once). Memory: VmHWM / VmRSS of "
                   "this process (the GUI) after all of the above; the project was built by another process.");
    report.addFigure("Build: instances through ProjectStore::writeImportBatch",
        formatNumber(shape.instances / figures.instanceSeconds, 0) + " instances/s",
        formatNumber(figures.instanceSeconds, 0) + " s");
    report.addFigure("Build: 100,000 reports (ReportStore::addReports)", formatNumber(figures.reportSeconds, 1) + " s");
    report.addFigure("Build: label every study (1.4 million proposals, review counts)",
        formatNumber(figures.labelSeconds, 1) + " s");
    report.addFigure("Build: 20,000 marks (one MarkStore::applyChange)", formatNumber(figures.markSeconds, 1) + " s");
    report.addFigure("Project file", formatNumber(figures.fileBytes / 1e9, 2) + " GB",
        formatNumber(bytesPerInstance, 0) + " bytes per instance");
    std::istringstream objects(figures.objectSizes);
    std::string objectName;
    std::int64_t objectBytes = 0;
    std::string largest;
    for (int listed = 0; listed < 6 && (objects >> objectName >> objectBytes); ++listed) {
        largest += (largest.empty() ? "" : ", ") + objectName + " "
            + formatNumber(static_cast<double>(objectBytes) / static_cast<double>(shape.instances), 0);
    }
    report.addFigure("Largest tables and indexes, bytes per instance (dbstat)", largest);
    report.addFigure("Open the project until the window is usable (first open after the build)",
        formatNumber(firstOpenSeconds * 1000, 0) + " ms");
    report.addFigure("Open the project until the window is usable", formatNumber(median(openSeconds) * 1000, 0) + " ms",
        msDetail(openSeconds) + "; " + cpuDetail(openCpu));
    report.addFigure("Study browser: first rows (model reset, first page, repaint)",
        formatNumber(median(firstRowsSeconds) * 1000, 1) + " ms",
        std::to_string(firstRows) + " patient rows fetched, " + std::to_string(rowsRead)
            + " read for the visible part; " + msDetail(firstRowsSeconds));
    report.addFigure("Enter → next study, labels and report shown (synchronous part)",
        formatNumber(median(enterSync) * 1000, 1) + " ms", msDetail(enterSync) + "; " + cpuDetail(enterCpu));
    report.addFigure("Enter → next study, until its series load was tried",
        formatNumber(median(enterTotal) * 1000, 1) + " ms", msDetail(enterTotal));
    report.addFigure("`radmark labels PROJECT --format csv` (every study, output captured)",
        formatNumber(shape.studies / median(csvSeconds), 0) + " studies/s",
        msDetail(csvSeconds) + "; its CPU (user + system) median " + formatNumber(median(csvCpu) * 1000, 0)
            + " ms = " + formatNumber(shape.studies / median(csvCpu), 0) + " studies per CPU second");
    report.addFigure("GUI process memory after the above", formatNumber(guiHwmMiB, 0) + " MiB peak (VmHWM)",
        formatNumber(guiRssMiB, 0) + " MiB resident (VmRSS); " + formatNumber(startRssMiB, 0)
            + " MiB before the window");
    report.addTarget({ "Window usable after open <= 1 s", median(openSeconds) * 1000, 1000.0, false, "ms" });
    report.addTarget({ "Next study (Enter) <= 200 ms", median(enterTotal) * 1000, 200.0, false, "ms" });
    report.addTarget(
        { "labels CSV >= 50,000 studies/s", shape.studies / median(csvSeconds), 50000.0, true, " studies/s" });
    report.addTarget({ "GUI memory (VmHWM) <= 1 GiB", guiHwmMiB, 1024.0, false, " MiB" });
    report.addTarget({ "Project file <= 300 bytes per instance", bytesPerInstance, 300.0, false, " bytes" });
    report.publish();
    return 0;
}

} // namespace

} // namespace radmark::bench

int main(int argc, char** argv)
{
    return radmark::bench::runBenchmarkMain("bench_scale", radmark::bench::run, argc, argv);
}
